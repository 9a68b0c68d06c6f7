// A meeting's time as the invitee reads it, in their zone and language. A range
// that ends on a later calendar day in that zone says so ("23:30 – 00:00 (next
// day)"): without it, 00:00 reads as the same day's midnight.
import { formatDate, formatTime, localDate } from "../lib/time";
import type { Messages } from "./i18n/en";
import { dateNoonUtc } from "./month";

const MS_PER_DAY = 86_400_000;

/** How many calendar days after the start's the end falls, in the zone (0: the same day). */
export function daysLater(start: string, end: string, timeZone: string): number {
  return Math.round((dateNoonUtc(localDate(end, timeZone)) - dateNoonUtc(localDate(start, timeZone))) / MS_PER_DAY);
}

/** "10:00 – 10:30", or "23:30 – 00:00 (next day)" in the zone and locale. */
export function timeRange(start: string, end: string, timeZone: string, locale: string | undefined, t: Messages): string {
  const range = `${formatTime(start, timeZone, locale)} – ${formatTime(end, timeZone, locale)}`;
  const days = daysLater(start, end, timeZone);
  return days > 0 ? `${range} ${t.nextDay(days)}` : range;
}

/** "Tuesday, 24 November 2026, 10:00 – 10:30". */
export function whenText(start: string, end: string, timeZone: string, locale: string | undefined, t: Messages): string {
  return `${formatDate(start, timeZone, locale)}, ${timeRange(start, end, timeZone, locale, t)}`;
}
