// Meeting times as people read them in an email: on the recipient's own clock,
// with the zone named twice — the IANA name (unambiguous) and the abbreviation
// people know ("EST", "CET", "BST"), e.g.
// "Tuesday, 1 December 2026 at 09:00 (America/New_York, EST)". Pure: Intl only.
import { canonicalTimeZone } from "../time/zone-names.js";

export type MessageLocale = "en-GB" | "en-US";

export const DEFAULT_MESSAGE_LOCALE: MessageLocale = "en-GB";

/**
 * Zones come from validated input, but an email must still go out if the tz
 * database of this runtime lacks one (older ICU): such times are written in UTC,
 * and the zone label then says "UTC", so nothing is silently wrong.
 */
const FALLBACK_ZONE = "UTC";

// Memos of Intl formatters (their construction is the slow part); bounded like core/time/zone.ts.
const MAX_CACHED_FORMATTERS = 1_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: MessageLocale, timeZone: string, options: Intl.DateTimeFormatOptions, optionsKey: string): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${optionsKey}`;
  let cached = formatters.get(key);
  if (cached === undefined) {
    cached = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    if (formatters.size >= MAX_CACHED_FORMATTERS) formatters.clear();
    formatters.set(key, cached);
  }
  return cached;
}

/** The zone Intl can use: the given one, or UTC when this runtime does not know it. */
export function usableTimeZone(timeZone: string): string {
  try {
    formatter(DEFAULT_MESSAGE_LOCALE, timeZone, {}, "probe");
    return timeZone;
  } catch {
    return FALLBACK_ZONE;
  }
}

/**
 * ICU writes narrow and thin no-break spaces around "AM" and "–"; plain text
 * mail clients and subject lines show them badly, so they become plain spaces.
 */
function plainSpaces(text: string): string {
  return text.replace(/[\u00a0\u2009\u202f]/g, " ");
}

const OFFSET_NAME = /^(GMT|UTC)[+\-\u2212]/;

function shortZoneName(atMs: number, timeZone: string, locale: MessageLocale): string {
  const nameIn = (someLocale: MessageLocale) =>
    formatter(someLocale, timeZone, { timeZoneName: "short" }, "zone")
      .formatToParts(atMs)
      .find((part) => part.type === "timeZoneName")?.value ?? "";
  const own = nameIn(locale);
  if (!OFFSET_NAME.test(own)) return own;
  // en-GB knows "CET"/"BST" but writes New York as "GMT-5"; en-US the other way round.
  // Take whichever locale has a real abbreviation, else the offset.
  const other = nameIn(locale === "en-GB" ? "en-US" : "en-GB");
  return other !== "" && !OFFSET_NAME.test(other) ? other : own;
}

/**
 * "America/New_York, EST"; "Europe/London, GMT → BST" when the offset changes
 * between the two instants; just "UTC" when the abbreviation is the name.
 */
export function zoneLabel(timeZone: string, locale: MessageLocale, startMs: number, endMs = startMs): string {
  const zone = usableTimeZone(timeZone);
  const startName = shortZoneName(startMs, zone, locale);
  const endName = shortZoneName(endMs, zone, locale);
  const names = startName === endName ? startName : `${startName} → ${endName}`;
  // Today's name, though a booking made before it was canonical may hold an old one.
  const shown = canonicalTimeZone(zone);
  return names === shown ? shown : `${shown}, ${names}`;
}

const FULL: Intl.DateTimeFormatOptions = { dateStyle: "full", timeStyle: "short" };
const MEDIUM: Intl.DateTimeFormatOptions = { dateStyle: "medium", timeStyle: "short" };

/** "Tuesday, 1 December 2026 at 09:00 (America/New_York, EST)". */
export function formatInstant(atMs: number, timeZone: string, locale: MessageLocale = DEFAULT_MESSAGE_LOCALE): string {
  const zone = usableTimeZone(timeZone);
  return `${plainSpaces(formatter(locale, zone, FULL, "full").format(atMs))} (${zoneLabel(zone, locale, atMs)})`;
}

/**
 * "Tuesday, 1 December 2026, 09:00–09:30 (America/New_York, EST)"; a meeting
 * that crosses midnight on the recipient's clock names both dates.
 */
export function formatTimeRange(startMs: number, endMs: number, timeZone: string, locale: MessageLocale = DEFAULT_MESSAGE_LOCALE): string {
  const zone = usableTimeZone(timeZone);
  const range = formatter(locale, zone, FULL, "full").formatRange(startMs, Math.max(startMs, endMs));
  return `${plainSpaces(range)} (${zoneLabel(zone, locale, startMs, endMs)})`;
}

/** Short enough for a subject line: "1 Dec 2026, 09:00 EST" (the abbreviation only). */
export function formatInstantShort(atMs: number, timeZone: string, locale: MessageLocale = DEFAULT_MESSAGE_LOCALE): string {
  const zone = usableTimeZone(timeZone);
  return `${plainSpaces(formatter(locale, zone, MEDIUM, "medium").format(atMs))} ${shortZoneName(atMs, zone, locale)}`;
}
