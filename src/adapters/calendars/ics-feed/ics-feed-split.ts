// A feed is one VCALENDAR; sync wants one object per event. Each UID becomes
// its own VCALENDAR holding every VEVENT of that UID (the series and its
// overridden occurrences) and the VTIMEZONEs those VEVENTs name, so it can be
// expanded on its own. The href is the UID; the etag a hash of the text.
import { createHash } from "node:crypto";
import ICAL from "ical.js";
import { CalendarFailure } from "../../../core/calendars/calendar-errors.js";
import type { RemoteObject } from "../../../use-cases/ports/calendars.js";

export type Feed = { root: ICAL.Component; name: string | null; color: string | null; timeZone: string | null };

export function parseFeed(text: string): Feed {
  let parsed: unknown;
  try {
    parsed = ICAL.parse(text);
  } catch (error) {
    throw new CalendarFailure("rejected", "the feed is not iCalendar text", { cause: error });
  }
  // Several VCALENDARs back to back parse as a list; the first is the feed.
  const jcal = (Array.isArray(parsed) && Array.isArray(parsed[0]) ? parsed[0] : parsed) as unknown[];
  const root = new ICAL.Component(jcal as ConstructorParameters<typeof ICAL.Component>[0]);
  if (root.name !== "vcalendar") throw new CalendarFailure("rejected", "the feed is not a VCALENDAR");
  const textOf = (name: string) => {
    const value = root.getFirstPropertyValue(name);
    return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
  };
  const color = /^#([0-9a-f]{6})(?:[0-9a-f]{2})?$/i.exec(textOf("x-apple-calendar-color") ?? "");
  return { root, name: textOf("x-wr-calname"), color: color ? `#${color[1]!.toLowerCase()}` : null, timeZone: textOf("x-wr-timezone") };
}

export function splitFeedByUid(feed: Feed): RemoteObject[] {
  const timeZones = new Map(feed.root.getAllSubcomponents("vtimezone").map((vtimezone) => [String(vtimezone.getFirstPropertyValue("tzid")), vtimezone] as const));
  const byUid = new Map<string, ICAL.Component[]>();
  for (const vevent of feed.root.getAllSubcomponents("vevent")) {
    const uid = vevent.getFirstPropertyValue("uid");
    // RFC 5545 requires a UID; a feed without one still blocks time, under a name its text gives it.
    const key = typeof uid === "string" && uid !== "" ? uid : `no-uid-${sha256(vevent.toString()).slice(0, 32)}`;
    byUid.set(key, [...(byUid.get(key) ?? []), vevent]);
  }
  return [...byUid].map(([uid, vevents]) => {
    const vcalendar = new ICAL.Component("vcalendar");
    vcalendar.addPropertyWithValue("version", "2.0");
    vcalendar.addPropertyWithValue("prodid", String(feed.root.getFirstPropertyValue("prodid") ?? "-//Convene//ICS feed split//EN"));
    for (const tzid of new Set(vevents.flatMap(tzidsOf))) {
      const vtimezone = timeZones.get(tzid);
      if (vtimezone) vcalendar.addSubcomponent(copyOf(vtimezone));
    }
    for (const vevent of vevents) vcalendar.addSubcomponent(copyOf(vevent));
    const ics = vcalendar.toString();
    return { href: uid, etag: `"${sha256(ics).slice(0, 32)}"`, ics };
  });
}

/** addSubcomponent moves a component out of its parent: a VTIMEZONE goes into many objects, so each gets a copy. */
function copyOf(component: ICAL.Component): ICAL.Component {
  return new ICAL.Component(structuredClone(component.jCal));
}

function tzidsOf(vevent: ICAL.Component): string[] {
  return vevent.getAllProperties().flatMap((property) => {
    const tzid = property.getParameter("tzid");
    return typeof tzid === "string" ? [tzid] : [];
  });
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
