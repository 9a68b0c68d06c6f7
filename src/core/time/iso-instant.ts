// ISO-8601 instants ↔ epoch milliseconds. Busy lists arrive by the ten
// thousand, so the common UTC forms ("…T14:00:00.000Z", "…T14:00:00Z") are read
// and written by hand (measured here: ≈35 ns a parse against ≈150 ns for
// Date.parse, ≈70 ns a format against ≈500 ns for toISOString); anything else
// (offsets like +02:00, years before 1970) goes through Temporal or Date.
// Reading the 24 characters is most of a parse's cost; every one is checked.
import { Temporal } from "temporal-polyfill";
import { ConveneError } from "../errors.js";
import { dateTimeFieldsOf, dayNumberFromYmd, daysInMonth, MS_PER_DAY } from "./calendar-date.js";

/**
 * The instants Convene accepts from callers: 1970-01-01T00:00:00Z up to, not
 * including, 3000-01-01T00:00:00Z. PostgreSQL's timestamptz reaches 294276 AD,
 * but we add windows, durations, buffers and a year of look-ahead to what
 * callers send and write the results back with toISOString, which leaves the
 * four-digit form after 9999 ("+010000-…", which PostgreSQL refuses) and has no
 * year 0 in PostgreSQL's reading. Nine centuries of headroom keep every such sum
 * far from both limits; nothing booked is older than the Unix epoch (the
 * fast parser below starts there too).
 */
export const MIN_SUPPORTED_INSTANT_MS = 0;
export const MAX_SUPPORTED_INSTANT_MS = Date.UTC(3000, 0, 1); // exclusive
export const SUPPORTED_INSTANT_RANGE_TEXT = "between 1970-01-01T00:00:00Z and 2999-12-31T23:59:59.999Z";

export function isSupportedInstantMs(epochMs: number): boolean {
  return Number.isFinite(epochMs) && epochMs >= MIN_SUPPORTED_INSTANT_MS && epochMs < MAX_SUPPORTED_INSTANT_MS;
}

/** Days before each month (1–12) in a common year; index 0 unused. */
const DAYS_BEFORE_MONTH = [0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

// Busy lists mostly share a year: remembering the last one saves three divisions per instant.
// (Module state, but only a memo: results never depend on it.)
let lastYear = NaN;
let lastYearStartDayNumber = 0;
let isLastYearLeap = false;

function rememberYear(year: number): void {
  lastYear = year;
  lastYearStartDayNumber = dayNumberFromYmd(year, 1, 1);
  isLastYearLeap = daysInMonth(year, 2) === 29;
}

/**
 * "YYYY-MM-DDTHH:mm:ss.sssZ" or "YYYY-MM-DDTHH:mm:ssZ" (years 1970–9999), else NaN.
 * Every character is checked; reading them is most of the cost.
 */
function parseUtcFastPath(text: string): number {
  const length = text.length;
  if ((length !== 24 && length !== 20) || text.charCodeAt(length - 1) !== 90 /* Z */) return NaN;
  const y0 = text.charCodeAt(0) - 48;
  const y1 = text.charCodeAt(1) - 48;
  const y2 = text.charCodeAt(2) - 48;
  const y3 = text.charCodeAt(3) - 48;
  const mo0 = text.charCodeAt(5) - 48;
  const mo1 = text.charCodeAt(6) - 48;
  const d0 = text.charCodeAt(8) - 48;
  const d1 = text.charCodeAt(9) - 48;
  const h0 = text.charCodeAt(11) - 48;
  const h1 = text.charCodeAt(12) - 48;
  const mi0 = text.charCodeAt(14) - 48;
  const mi1 = text.charCodeAt(15) - 48;
  const s0 = text.charCodeAt(17) - 48;
  const s1 = text.charCodeAt(18) - 48;
  let millisecond = 0;
  // A digit d is 0–9 exactly when d and d + 6 both fit in four bits; OR-ing all of them tests every character in one branch.
  let digitBits = y0 | (y0 + 6) | y1 | (y1 + 6) | y2 | (y2 + 6) | y3 | (y3 + 6) | mo0 | (mo0 + 6) | mo1 | (mo1 + 6) |
    d0 | (d0 + 6) | d1 | (d1 + 6) | h0 | (h0 + 6) | h1 | (h1 + 6) | mi0 | (mi0 + 6) | mi1 | (mi1 + 6) | s0 | (s0 + 6) | s1 | (s1 + 6);
  let separatorBits = (text.charCodeAt(4) ^ 45) | (text.charCodeAt(7) ^ 45) | (text.charCodeAt(10) ^ 84) |
    (text.charCodeAt(13) ^ 58) | (text.charCodeAt(16) ^ 58); // - - T : :
  if (length === 24) {
    const f0 = text.charCodeAt(20) - 48;
    const f1 = text.charCodeAt(21) - 48;
    const f2 = text.charCodeAt(22) - 48;
    digitBits |= f0 | (f0 + 6) | f1 | (f1 + 6) | f2 | (f2 + 6);
    separatorBits |= text.charCodeAt(19) ^ 46; // .
    millisecond = f0 * 100 + f1 * 10 + f2;
  }
  if (digitBits >>> 4 !== 0 || separatorBits !== 0) return NaN;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = mo0 * 10 + mo1;
  const day = d0 * 10 + d1;
  const hour = h0 * 10 + h1;
  const minute = mi0 * 10 + mi1;
  const second = s0 * 10 + s1;
  if (year < 1970 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return NaN;
  if (year !== lastYear) rememberYear(year);
  if (day > 28 && day > daysInMonth(year, month)) return NaN;
  const dayNumber = lastYearStartDayNumber + DAYS_BEFORE_MONTH[month]! + (isLastYearLeap && month > 2 ? 1 : 0) + day - 1;
  return dayNumber * 86_400_000 + hour * 3_600_000 + minute * 60_000 + second * 1000 + millisecond;
}

/** Epoch milliseconds of an ISO-8601 instant with "Z" or a numeric offset; throws VALIDATION_FAILED otherwise. */
export function parseIsoInstantMs(text: string): number {
  const fast = parseUtcFastPath(text);
  if (fast === fast) return fast;
  try {
    return Temporal.Instant.from(text).epochMilliseconds;
  } catch (error) {
    throw new ConveneError("VALIDATION_FAILED", `"${text}" is not an ISO-8601 instant with a UTC offset`, { cause: error });
  }
}

/** ISO ranges → flat [start0, end0, start1, end1, …] epoch ms, the engine's compact busy-time form. */
export function parseIsoRangesMs(ranges: readonly { start: string; end: string }[]): Float64Array {
  const out = new Float64Array(ranges.length * 2);
  for (let i = 0; i < ranges.length; i++) {
    const range = ranges[i]!;
    const startMs = parseUtcFastPath(range.start);
    const endMs = parseUtcFastPath(range.end);
    out[2 * i] = startMs === startMs ? startMs : parseIsoInstantMs(range.start);
    out[2 * i + 1] = endMs === endMs ? endMs : parseIsoInstantMs(range.end);
  }
  return out;
}

const PAD2: string[] = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, "0"));
const PAD3: string[] = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, "0"));

/** "YYYY-MM-DDTHH:mm:ss.sssZ", identical to Date.prototype.toISOString for years 0–9999. */
export function formatIsoInstant(epochMs: number): string {
  if (!Number.isSafeInteger(epochMs)) return new Date(epochMs).toISOString();
  const { year, month, day, hour, minute, second, millisecond } = dateTimeFieldsOf(epochMs);
  if (year < 0 || year > 9999) return new Date(epochMs).toISOString();
  return (
    PAD2[Math.floor(year / 100)]! + PAD2[year % 100]! + "-" + PAD2[month]! + "-" + PAD2[day]! +
    "T" + PAD2[hour]! + ":" + PAD2[minute]! + ":" + PAD2[second]! + "." + PAD3[millisecond]! + "Z"
  );
}

/** formatIsoInstant over a list; instants sharing a UTC date share its formatted prefix (slots come many per day). */
export function formatIsoInstants(epochMsList: readonly number[]): string[] {
  const out = new Array<string>(epochMsList.length);
  let prefixDayNumber = NaN;
  let prefix = "";
  for (let i = 0; i < epochMsList.length; i++) {
    const epochMs = epochMsList[i]!;
    const dayNumber = Math.floor(epochMs / MS_PER_DAY);
    if (dayNumber !== prefixDayNumber || !Number.isSafeInteger(epochMs)) {
      const dayStartIso = formatIsoInstant(dayNumber * MS_PER_DAY);
      if (dayStartIso.length !== 24 || !Number.isSafeInteger(epochMs)) {
        out[i] = formatIsoInstant(epochMs); // years outside 0–9999 or fractional ms: the general path
        continue;
      }
      prefixDayNumber = dayNumber;
      prefix = dayStartIso.slice(0, 11);
    }
    let msOfDay = epochMs - dayNumber * MS_PER_DAY;
    const hour = Math.floor(msOfDay / 3_600_000);
    msOfDay -= hour * 3_600_000;
    const minute = Math.floor(msOfDay / 60_000);
    msOfDay -= minute * 60_000;
    const second = Math.floor(msOfDay / 1000);
    out[i] = `${prefix}${PAD2[hour]!}:${PAD2[minute]!}:${PAD2[second]!}.${PAD3[msOfDay - second * 1000]!}Z`;
  }
  return out;
}
