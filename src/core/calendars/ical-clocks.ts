// How the wall-clock times written in an iCalendar object become instants: a
// "Clock" for UTC, for an IANA zone (temporal-polyfill through ../time/zone.ts,
// under Convene's DST policy) or for a VTIMEZONE the object defines, and the
// policy that picks one for a TZID. ical.js alone reads a TZID it has no
// VTIMEZONE for as floating time; here it is resolved.
//
// "Wall ms" is a local date and time as milliseconds since 1970-01-01T00:00 on
// that clock, as in zone.ts.
import ICAL from "ical.js";
import { dateTimeFieldsOf, dayNumberFromYmd, MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE } from "../time/calendar-date.js";
import { assertTimeZone, offsetAtMs, wallToInstantMs } from "../time/zone.js";

export type Clock = { name: string; wallToInstantMs(wallMs: number): number; instantToWallMs(epochMs: number): number };

export const UTC_CLOCK: Clock = { name: "UTC", wallToInstantMs: (wallMs) => wallMs, instantToWallMs: (epochMs) => epochMs };

/** The clock of an IANA zone, or null when Temporal does not know the name. */
export function ianaClock(zone: string): Clock | null {
  try {
    assertTimeZone(zone);
  } catch {
    return null;
  }
  return { name: zone, wallToInstantMs: (wallMs) => wallToInstantMs(zone, wallMs), instantToWallMs: (epochMs) => epochMs + offsetAtMs(zone, epochMs) };
}

/**
 * The clocks of one object's TZIDs. A TZID that names an IANA zone is read with
 * the IANA database even when the object carries a VTIMEZONE for it: servers
 * send trimmed or stale copies of the rules, and a meeting at 09:00 New York
 * time follows New York's actual rules. Any other TZID (Outlook's "AUS Eastern
 * Standard Time", a "/vendor/…/Europe/Paris" path) uses the object's VTIMEZONE,
 * then the IANA name at the end of a path, then the fallback, reported.
 */
export class TzidClocks {
  private readonly byTzid = new Map<string, Clock>();

  constructor(
    private readonly fallback: Clock,
    private readonly onUnknown: (message: string) => void,
  ) {}

  /** The clock of a TZID parameter on one of the object's properties (the property leads to its VTIMEZONEs). */
  forTzid(tzid: string, property: ICAL.Property): Clock {
    const known = this.byTzid.get(tzid);
    if (known !== undefined) return known;
    let clock = ianaClock(tzid) ?? vtimezoneClock(tzid, property) ?? ianaClockFromPath(tzid);
    if (clock === null) {
      this.onUnknown(`TZID ${JSON.stringify(tzid)} is neither an IANA zone nor defined by a VTIMEZONE: read in ${this.fallback.name}`);
      clock = this.fallback;
    }
    this.byTzid.set(tzid, clock);
    return clock;
  }
}

function ianaClockFromPath(tzid: string): Clock | null {
  const segments = tzid.split("/").filter((segment) => segment !== "");
  for (const count of [3, 2]) {
    if (segments.length > count) {
      const clock = ianaClock(segments.slice(-count).join("/"));
      if (clock !== null) return clock;
    }
  }
  return null;
}

/**
 * A VTIMEZONE's clock, through ical.js. Its resolution of a wall time inside a
 * DST gap or overlap is ical.js's, not Convene's policy: only non-IANA zones
 * get here, and only events that start within that hour notice.
 */
function vtimezoneClock(tzid: string, property: ICAL.Property): Clock | null {
  let root: ICAL.Component | null = property.parent;
  while (root?.parent) root = root.parent;
  const component = root?.getAllSubcomponents("vtimezone").find((candidate) => candidate.getFirstPropertyValue("tzid") === tzid);
  if (component === undefined) return null;
  // ical.js expands a VTIMEZONE's rules from their DTSTART up to the year asked: anything but
  // the yearly rules real zones use (FREQ=SECONDLY) could take hours.
  const rules = component.getAllSubcomponents().flatMap((part) => part.getAllProperties("rrule"));
  if (rules.some((rule) => (rule.getFirstValue() as ICAL.Recur).freq !== "YEARLY")) return null;
  const timezone = parsedTimezone(component);
  const toInstantMs = (wallMs: number): number => {
    const { year, month, day, hour, minute, second, millisecond } = dateTimeFieldsOf(wallMs);
    return new ICAL.Time({ year, month, day, hour, minute, second, isDate: false }, timezone).toUnixTime() * 1_000 + millisecond;
  };
  try {
    toInstantMs(0);
  } catch {
    return null;
  }
  return {
    name: tzid,
    wallToInstantMs: toInstantMs,
    // ical.js answers the offset at a wall time; asked twice, it is exact except within hours of a change.
    instantToWallMs(epochMs) {
      let wallMs = epochMs;
      for (let round = 0; round < 2; round++) wallMs = epochMs + (wallMs - toInstantMs(wallMs));
      return wallMs;
    },
  };
}

// Outlook's VTIMEZONEs start in 1601, and ical.js walks their rules from there for each new
// Timezone: keep the few a mailbox uses. A memo of parsed text only; results never depend on it.
const timezonesByText = new Map<string, ICAL.Timezone>();
const MAX_CACHED_TIMEZONES = 64;

function parsedTimezone(component: ICAL.Component): ICAL.Timezone {
  const text = component.toString();
  let timezone = timezonesByText.get(text);
  if (timezone === undefined) {
    timezone = new ICAL.Timezone(component);
    if (timezonesByText.size >= MAX_CACHED_TIMEZONES) timezonesByText.clear();
    timezonesByText.set(text, timezone);
  }
  return timezone;
}

/** The wall ms of an ical.js time's fields, whatever zone ical.js gave it. */
export function wallOfTime(time: ICAL.Time): number {
  const dayMs = dayNumberFromYmd(time.year, time.month, time.day) * MS_PER_DAY;
  return time.isDate ? dayMs : dayMs + time.hour * MS_PER_HOUR + time.minute * MS_PER_MINUTE + time.second * 1_000;
}

/** A floating ical.js time (a date when isDate) with the fields of a wall ms, for ical.js's rule arithmetic. */
export function floatingTimeOfWall(wallMs: number, isDate: boolean): ICAL.Time {
  const { year, month, day, hour, minute, second } = dateTimeFieldsOf(wallMs);
  return new ICAL.Time(isDate ? { year, month, day, isDate } : { year, month, day, hour, minute, second, isDate }, ICAL.Timezone.localTimezone);
}
