// Per-host booking limits: a host takes fewer than maxPerDay bookings per
// local date and fewer than maxPerWeek per ISO week (Monday–Sunday), both read
// in the link's zone. A booking counts on the date of its start, even when it
// lies outside the window asked about.
import { isoWeekMondayOf } from "../time/calendar-date.js";
import type { TimeRangeMs } from "../time/interval.js";
import type { ZoneTimeline } from "../time/zone.js";

export type BookingLimits = { maxPerDay?: number | undefined; maxPerWeek?: number | undefined };

export type BookingTally = {
  /** Bookings per link-local day number. */
  perDay: Map<number, number>;
  /** Bookings per ISO week, keyed by the day number of its Monday. */
  perWeek: Map<number, number>;
};

export function hasLimits(limits: BookingLimits): boolean {
  return limits.maxPerDay !== undefined || limits.maxPerWeek !== undefined;
}

export function tallyBookings(bookings: readonly TimeRangeMs[], linkTimeline: ZoneTimeline): BookingTally {
  const perDay = new Map<number, number>();
  const perWeek = new Map<number, number>();
  for (const booking of bookings) {
    const dayNumber = linkTimeline.localDayNumber(booking.startMs);
    perDay.set(dayNumber, (perDay.get(dayNumber) ?? 0) + 1);
    const monday = isoWeekMondayOf(dayNumber);
    perWeek.set(monday, (perWeek.get(monday) ?? 0) + 1);
  }
  return { perDay, perWeek };
}

/** Which limit, if any, already stops another booking starting on this link-local date. */
export function limitReachedOn(tally: BookingTally, dayNumber: number, limits: BookingLimits): "DAY_LIMIT" | "WEEK_LIMIT" | null {
  if (limits.maxPerDay !== undefined && (tally.perDay.get(dayNumber) ?? 0) >= limits.maxPerDay) return "DAY_LIMIT";
  if (limits.maxPerWeek !== undefined && (tally.perWeek.get(isoWeekMondayOf(dayNumber)) ?? 0) >= limits.maxPerWeek) return "WEEK_LIMIT";
  return null;
}
