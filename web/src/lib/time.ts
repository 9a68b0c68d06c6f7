// Formatting instants for people, always in an explicit IANA zone (never the
// machine's by accident). Intl does the zone arithmetic and the localisation;
// zone names come from core (ICU still answers old ones such as Asia/Calcutta).
import { canonicalTimeZone, canonicalTimeZones, searchZones, zoneSearchText } from "../../../src/core/time/zone-names.js";

export function browserTimeZone(): string {
  return canonicalTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC");
}

let knownZones: string[] | undefined;

/** Every IANA zone the browser knows, by its current name, for the searchable zone picker. */
export function allTimeZones(): string[] {
  if (!knownZones) {
    const supported = canonicalTimeZones((Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.("timeZone") ?? []);
    knownZones = supported.includes("UTC") ? supported : ["UTC", ...supported];
  }
  return knownZones;
}

/** "America/New_York" → "America/New York"; an old name shows as today's ("Asia/Calcutta" → "Asia/Kolkata"). */
export function zoneName(timeZone: string): string {
  return canonicalTimeZone(timeZone).replaceAll("_", " ");
}

/** "America/New York (GMT-5)": the zone with its offset at an instant (now by default). */
export function zoneLabel(timeZone: string, at: number = Date.now()): string {
  return `${zoneName(timeZone)} (${zoneOffsetLabel(timeZone, at)})`;
}

export type ZoneEntry = { zone: string; name: string; offset: string; searchText: string };

/** Every zone the browser knows (and `current`, if it does not), with its offset now: build once per list shown. */
export function zoneEntries(current: string): ZoneEntry[] {
  const zones = allTimeZones();
  const nowMs = Date.now();
  return (zones.includes(current) ? zones : [current, ...zones]).map((zone) => {
    const offset = zoneOffsetLabel(zone, nowMs);
    return { zone, name: zoneName(zone), offset, searchText: `${zoneSearchText(zone)} ${offset.toLowerCase()}` };
  });
}

/** The entries whose place, old name, country or offset contain every word typed ("kolkata", "india", "gmt+5:30"), best first. */
export function filterZones(entries: ZoneEntry[], query: string): ZoneEntry[] {
  return searchZones(entries, query);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A cached formatter; locale undefined is the browser's own (the dashboard), a public page passes its language's. */
function formatter(timeZone: string, options: Intl.DateTimeFormatOptions, locale?: string): Intl.DateTimeFormat {
  const key = `${locale ?? ""}|${timeZone}${JSON.stringify(options)}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(locale, { timeZone, ...options });
    formatters.set(key, found);
  }
  return found;
}

/** The locale's own short time: "09:00" in en-GB, "9:00 AM" in en-US. */
export function formatTime(instant: string | number | Date, timeZone: string, locale?: string): string {
  return formatter(timeZone, { timeStyle: "short" }, locale).format(new Date(instant));
}

/** "Tuesday, 24 November 2026" per the reader's locale. */
export function formatDate(instant: string | number | Date, timeZone: string, locale?: string): string {
  return formatter(timeZone, { weekday: "long", year: "numeric", month: "long", day: "numeric" }, locale).format(new Date(instant));
}

/** "Tue 24 Nov, 09:00" per the reader's locale. */
export function formatDateTime(instant: string | number | Date, timeZone: string, locale?: string): string {
  return `${formatter(timeZone, { weekday: "short", month: "short", day: "numeric" }, locale).format(new Date(instant))}, ${formatTime(instant, timeZone, locale)}`;
}

/** The zone's current offset as "GMT+1" / "GMT-4:30". */
export function zoneOffsetLabel(timeZone: string, at: number | Date = Date.now()): string {
  const part = formatter(timeZone, { timeZoneName: "shortOffset" })
    .formatToParts(new Date(at))
    .find((p) => p.type === "timeZoneName");
  return part?.value ?? "";
}

/** The calendar date ("2026-11-24") an instant falls on in a zone. */
export function localDate(instant: string | number | Date, timeZone: string): string {
  const parts = formatter(timeZone, { year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(new Date(instant));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/** The zone's offset from UTC at an instant, in ms (positive east of Greenwich). */
export function zoneOffsetMs(timeZone: string, at: number): number {
  const parts = formatter(timeZone, { year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric", hourCycle: "h23" }).formatToParts(new Date(at));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wallMs = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour") % 24, get("minute"), get("second"));
  return wallMs - (at - (at % 1000));
}

/**
 * The instant a local date ("2026-11-24") begins in a zone. Two offset look-ups
 * settle it; where DST skips midnight itself (a few zones, rarely) the answer is
 * the first instant of that day's wall clock, give or take the skipped hour.
 */
export function startOfLocalDateMs(date: string, timeZone: string): number {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const wallMs = Date.UTC(year, month - 1, day);
  const first = wallMs - zoneOffsetMs(timeZone, wallMs);
  return wallMs - zoneOffsetMs(timeZone, first);
}

/** The calendar date `days` after (or before, when negative) an ISO date. */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}
