// The VEVENTs of one calendar object's text, salvaged where they can be:
// remote text is untrusted, and one bad line must not cost the whole object.
// What could not be read is reported, never thrown.
import ICAL from "ical.js";

/**
 * The VEVENTs of the text. ical.js refuses a whole text for one bad line (an
 * unknown FREQ, a line without a colon), so on failure each VEVENT is parsed
 * alone beside the VTIMEZONEs, and only the bad ones are lost.
 */
export function readEvents(ics: string, report: (problem: string) => void): ICAL.Component[] {
  if (typeof ics !== "string" || ics.trim() === "") {
    report("empty calendar object");
    return [];
  }
  try {
    return eventsOf(ICAL.parse(ics));
  } catch (error) {
    const { timezones, events } = splitBlocks(ics);
    if (events.length === 0) {
      report(`unparseable calendar object: ${messageOf(error)}`);
      return [];
    }
    const goodTimezones = timezones.filter((block) => parsesAlone(block));
    const parsed: ICAL.Component[] = [];
    events.forEach((block, index) => {
      try {
        parsed.push(...eventsOf(ICAL.parse(["BEGIN:VCALENDAR", ...goodTimezones, block, "END:VCALENDAR", ""].join("\r\n"))));
      } catch (eventError) {
        report(`VEVENT #${index + 1} skipped, unparseable: ${messageOf(eventError)}`);
      }
    });
    return parsed;
  }
}

function eventsOf(jcal: unknown[]): ICAL.Component[] {
  const roots = typeof jcal[0] === "string" ? [jcal] : (jcal as unknown[][]);
  return roots.flatMap((root) => {
    const component = new ICAL.Component(root);
    return component.name === "vevent" ? [component] : component.getAllSubcomponents("vevent");
  });
}

function parsesAlone(block: string): boolean {
  try {
    ICAL.parse(`BEGIN:VCALENDAR\r\n${block}\r\nEND:VCALENDAR\r\n`);
    return true;
  } catch {
    return false;
  }
}

/** The text of each top-level VEVENT and VTIMEZONE block (nested VALARMs stay inside their event). */
function splitBlocks(ics: string): { timezones: string[]; events: string[] } {
  const timezones: string[] = [];
  const events: string[] = [];
  let lines: string[] | null = null;
  let depth = 0;
  for (const line of ics.split(/\r\n|\n|\r/)) {
    const marker = /^(BEGIN|END):([A-Za-z-]+)\s*$/.exec(line);
    if (lines === null) {
      if (marker?.[1]?.toUpperCase() === "BEGIN" && /^(VEVENT|VTIMEZONE)$/i.test(marker[2]!)) {
        lines = [line];
        depth = 1;
      }
      continue;
    }
    lines.push(line);
    if (marker !== null) depth += marker[1]!.toUpperCase() === "BEGIN" ? 1 : -1;
    if (depth === 0) {
      (/^BEGIN:VEVENT/i.test(lines[0]!) ? events : timezones).push(lines.join("\r\n"));
      lines = null;
    }
  }
  return { timezones, events };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
