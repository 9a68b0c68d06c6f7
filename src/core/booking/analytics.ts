// The time side of analytics: the window asked about and its local days
// (DST-correct: a day is from one local midnight to the next, 23 to 25 hours),
// and the per-link report built from per-day counts. The counting itself
// happens in the database, over the day boundaries computed here. Pure.
import { ConveneError } from "../errors.js";
import type { FunnelCounts } from "../funnel/funnel.js";
import { formatIsoDate, MS_PER_DAY, MS_PER_HOUR } from "../time/calendar-date.js";
import { assertTimeZone, localDayNumber, localMidnightMs } from "../time/zone.js";

export const DEFAULT_ANALYTICS_DAYS = 30;
/** A year of days bounds the query and the answer; the slack lets 366 local days across a DST change fit. */
export const MAX_ANALYTICS_WINDOW_MS = 366 * MS_PER_DAY + MS_PER_HOUR;

export type AnalyticsWindow = { fromMs: number; toMs: number; timeZone: string };

/**
 * The window [fromMs, toMs) for a request. Without `to`, it ends with today
 * (the local day of nowMs); without `from`, it starts DEFAULT_ANALYTICS_DAYS
 * local days before the end, so the default is the last 30 whole days.
 * Throws UNKNOWN_TIME_ZONE, VALIDATION_FAILED (from not before to) or WINDOW_TOO_LONG.
 */
export function analyticsWindow(request: { fromMs: number | null; toMs: number | null; timeZone: string; nowMs: number }): AnalyticsWindow {
  const { timeZone } = request;
  assertTimeZone(timeZone);
  const toMs = request.toMs ?? localMidnightMs(timeZone, localDayNumber(timeZone, request.nowMs) + 1);
  const fromMs = request.fromMs ?? localMidnightMs(timeZone, localDayNumber(timeZone, toMs - 1) - (DEFAULT_ANALYTICS_DAYS - 1));
  if (fromMs >= toMs) {
    throw new ConveneError("VALIDATION_FAILED", "query.to: must be after from", { details: { errors: [{ path: "query.to", message: "must be after from" }] } });
  }
  if (toMs - fromMs > MAX_ANALYTICS_WINDOW_MS) {
    throw new ConveneError("WINDOW_TOO_LONG", "Analytics cover at most 366 days; narrow from and to.", { details: { maxDays: 366 } });
  }
  return { fromMs, toMs, timeZone };
}

/** One local date of the window; the first and last may be partial days, clipped to the window. */
export type AnalyticsDay = { date: string; startMs: number; endMs: number };

export function analyticsDays(window: AnalyticsWindow): AnalyticsDay[] {
  const { fromMs, toMs, timeZone } = window;
  const firstDay = localDayNumber(timeZone, fromMs);
  const lastDay = localDayNumber(timeZone, toMs - 1);
  const days: AnalyticsDay[] = [];
  let startMs = fromMs;
  for (let day = firstDay; day <= lastDay; day++) {
    // Each day ends where the next begins, so the days tile the window with no gap or overlap.
    const endMs = day === lastDay ? toMs : localMidnightMs(timeZone, day + 1);
    days.push({ date: formatIsoDate(day), startMs, endMs });
    startMs = endMs;
  }
  return days;
}

/** The instants that split the window into its days: [start of day 0, start of day 1, …, end of the last day]. */
export function dayBoundariesMs(days: readonly AnalyticsDay[]): number[] {
  return days.length === 0 ? [] : [...days.map((day) => day.startMs), days[days.length - 1]!.endMs];
}

/** The per-link report's day counts: a subset of the funnel (core/funnel/funnel.ts defines each measure). */
export type LinkDayCounts = Pick<FunnelCounts, "views" | "bookings" | "viewedBookings" | "cancellations" | "noShows">;

export type LinkDayRow = LinkDayCounts & { bookingsWithoutView: number; conversionRate: number };

/**
 * Bookings made from a viewed page per view, rounded to 4 decimals; 0 without
 * views (the per-link report's contract; the funnel's bookingRate is null
 * instead). Bookings without a page view are not counted (see CONVERSION_DEFINITION).
 */
export function conversionRate(viewedBookings: number, views: number): number {
  return views === 0 ? 0 : Math.round((viewedBookings / views) * 10_000) / 10_000;
}

function linkDayRow(counts: LinkDayCounts): LinkDayRow {
  return { ...counts, bookingsWithoutView: counts.bookings - counts.viewedBookings, conversionRate: conversionRate(counts.viewedBookings, counts.views) };
}

export type AnalyticsReport = { totals: LinkDayRow; days: (LinkDayRow & { date: string })[] };

/** countsByDay[i] are the counts of days[i]. */
export function analyticsReport(days: readonly AnalyticsDay[], countsByDay: readonly LinkDayCounts[]): AnalyticsReport {
  const totals: LinkDayCounts = { views: 0, bookings: 0, viewedBookings: 0, cancellations: 0, noShows: 0 };
  const rows = days.map((day, i) => {
    const { views, bookings, viewedBookings, cancellations, noShows } = countsByDay[i] ?? { views: 0, bookings: 0, viewedBookings: 0, cancellations: 0, noShows: 0 };
    totals.views += views;
    totals.bookings += bookings;
    totals.viewedBookings += viewedBookings;
    totals.cancellations += cancellations;
    totals.noShows += noShows;
    return { date: day.date, ...linkDayRow({ views, bookings, viewedBookings, cancellations, noShows }) };
  });
  return { totals: linkDayRow(totals), days: rows };
}
