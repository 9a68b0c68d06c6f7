// The booking funnel of an organisation: page views → bookings → meetings held
// → showed up or not, with cancellations beside it, per day and per link. The
// database counts (one number per measure, dimension key and day); this module
// folds those counts into totals, rows and a day series and rates them. Pure.
import type { AnalyticsDay } from "../booking/analytics.js";

/**
 * What the funnel counts, each on its own clock:
 * - views: openings of a booking page (one-time links included), by when they happened;
 * - bookings: bookings made, by creation time;
 * - viewedBookings: of those, the ones made from a page view (see view-attribution.ts), by creation time;
 * - cancellations: bookings cancelled, by cancellation time (whenever they were made);
 * - held: meetings that took place, by start time: not cancelled and started by now, or with attendance recorded;
 * - showed / noShows: held meetings whose attendance was recorded as showed up / missed, by start time.
 * held − showed − noShows are the meetings nobody has marked yet.
 */
export const FUNNEL_MEASURES = ["views", "bookings", "viewedBookings", "cancellations", "held", "showed", "noShows"] as const;
export type FunnelMeasure = (typeof FUNNEL_MEASURES)[number];
export type FunnelCounts = Record<FunnelMeasure, number>;

/** What the funnel can be broken down by; campaigns join links here. */
export const ANALYTICS_DIMENSIONS = ["link"] as const;
export type AnalyticsDimension = (typeof ANALYTICS_DIMENSIONS)[number];

/** The key external bookings (no link) count under in the link dimension: this prefix and their inbound source's id. */
export const EXTERNAL_KEY_PREFIX = "source:";

/** One number from the database: how many of a measure one dimension key had on days[dayIndex]. */
export type FunnelTally = { key: string; dayIndex: number; measure: FunnelMeasure; count: number };

export type Funnel = FunnelCounts & {
  /** bookings − viewedBookings: through the API, a one-time link booked without opening its page, or made before views were tracked. */
  bookingsWithoutView: number;
  /** viewedBookings / views (the conversion, see CONVERSION_DEFINITION), 4 decimals; null without views (no rate, rather than a made-up 0). */
  bookingRate: number | null;
  /** showed / (showed + noShows), 4 decimals: of the meetings whose attendance was recorded; null when none was. */
  showRate: number | null;
};

export type FunnelRow = Funnel & { dimension: AnalyticsDimension; key: string };
export type FunnelDay = Funnel & { date: string };
export type FunnelReport = { totals: Funnel; rows: FunnelRow[]; days: FunnelDay[] };

const ratio = (numerator: number, denominator: number): number | null =>
  denominator === 0 ? null : Math.round((numerator / denominator) * 10_000) / 10_000;

export const zeroCounts = (): FunnelCounts => ({ views: 0, bookings: 0, viewedBookings: 0, cancellations: 0, held: 0, showed: 0, noShows: 0 });

export function funnelOf(counts: FunnelCounts): Funnel {
  return {
    ...counts,
    bookingsWithoutView: counts.bookings - counts.viewedBookings,
    bookingRate: ratio(counts.viewedBookings, counts.views),
    showRate: ratio(counts.showed, counts.showed + counts.noShows) };
}

/**
 * Totals, one row per key of the dimension and one entry per day. `keys` get a
 * row even without counts, in their order (the dashboard lists every live
 * link); a key that has counts but is not among them (a deleted link's old
 * bookings) follows, so the rows always add up to the totals.
 */
export function funnelReport(dimension: AnalyticsDimension, days: readonly AnalyticsDay[], tallies: readonly FunnelTally[], keys: readonly string[]): FunnelReport {
  const totals = zeroCounts();
  const byDay = days.map(zeroCounts);
  const byKey = new Map(keys.map((key) => [key, zeroCounts()]));
  for (const { key, dayIndex, measure, count } of tallies) {
    const day = byDay[dayIndex];
    if (!day) continue;
    day[measure] += count;
    totals[measure] += count;
    let row = byKey.get(key);
    if (!row) byKey.set(key, (row = zeroCounts()));
    row[measure] += count;
  }
  const given = new Set(keys);
  const others = [...byKey.keys()].filter((key) => !given.has(key)).sort();
  return {
    totals: funnelOf(totals),
    rows: [...keys, ...others].map((key) => ({ dimension, key, ...funnelOf(byKey.get(key)!) })),
    days: days.map((day, i) => ({ date: day.date, ...funnelOf(byDay[i]!) })),
  };
}
