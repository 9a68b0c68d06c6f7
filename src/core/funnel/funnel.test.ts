import { describe, expect, it } from "vitest";
import { analyticsDays } from "../booking/analytics.js";
import { funnelOf, funnelReport, zeroCounts, type FunnelTally } from "./funnel.js";

const at = (iso: string) => Date.parse(iso);
const threeDays = analyticsDays({ fromMs: at("2026-06-01T00:00:00Z"), toMs: at("2026-06-04T00:00:00Z"), timeZone: "UTC" });

describe("funnelOf", () => {
  it("rates bookings made from a viewed page per view and shows per recorded attendance, 4 decimals", () => {
    expect(funnelOf({ views: 3, bookings: 1, viewedBookings: 1, cancellations: 0, held: 3, showed: 2, noShows: 1 })).toMatchObject({ bookingRate: 0.3333, showRate: 0.6667 });
  });

  it("leaves bookings without a page view out of the rate but counts them as bookings", () => {
    // Two views, one booked from; two more bookings through the API: 50 %, not 150 %.
    expect(funnelOf({ ...zeroCounts(), views: 2, bookings: 3, viewedBookings: 1 })).toMatchObject({ bookings: 3, viewedBookings: 1, bookingsWithoutView: 2, bookingRate: 0.5 });
    expect(funnelOf({ ...zeroCounts(), views: 4, bookings: 3 })).toMatchObject({ bookingsWithoutView: 3, bookingRate: 0 });
  });

  it("has no rate without a denominator: null, not 0", () => {
    expect(funnelOf(zeroCounts())).toEqual({ ...zeroCounts(), bookingsWithoutView: 0, bookingRate: null, showRate: null });
    // Bookings through the API without a page view, meetings held but not marked.
    expect(funnelOf({ ...zeroCounts(), bookings: 2, held: 2 })).toMatchObject({ bookingRate: null, showRate: null });
    // Every marked meeting missed: a rate of 0, which is not the same as none.
    expect(funnelOf({ ...zeroCounts(), held: 1, noShows: 1 }).showRate).toBe(0);
  });
});

describe("funnelReport", () => {
  const tallies: FunnelTally[] = [
    { key: "a", dayIndex: 0, measure: "views", count: 4 },
    { key: "a", dayIndex: 0, measure: "bookings", count: 1 },
    { key: "a", dayIndex: 0, measure: "viewedBookings", count: 1 },
    { key: "b", dayIndex: 0, measure: "views", count: 1 },
    { key: "a", dayIndex: 2, measure: "held", count: 2 },
    { key: "a", dayIndex: 2, measure: "showed", count: 1 },
    { key: "a", dayIndex: 2, measure: "noShows", count: 1 },
    { key: "gone", dayIndex: 1, measure: "cancellations", count: 1 },
    { key: "b", dayIndex: 1, measure: "bookings", count: 2 },
  ];

  it("adds tallies up into totals, rows and days, and rates each on its own sums", () => {
    const report = funnelReport("link", threeDays, tallies, ["a", "b", "quiet"]);
    expect(report.totals).toEqual({ views: 5, bookings: 3, viewedBookings: 1, bookingsWithoutView: 2, cancellations: 1, held: 2, showed: 1, noShows: 1, bookingRate: 0.2, showRate: 0.5 });
    expect(report.days).toEqual([
      { date: "2026-06-01", views: 5, bookings: 1, viewedBookings: 1, bookingsWithoutView: 0, cancellations: 0, held: 0, showed: 0, noShows: 0, bookingRate: 0.2, showRate: null },
      { date: "2026-06-02", views: 0, bookings: 2, viewedBookings: 0, bookingsWithoutView: 2, cancellations: 1, held: 0, showed: 0, noShows: 0, bookingRate: null, showRate: null },
      { date: "2026-06-03", views: 0, bookings: 0, viewedBookings: 0, bookingsWithoutView: 0, cancellations: 0, held: 2, showed: 1, noShows: 1, bookingRate: null, showRate: 0.5 },
    ]);
    expect(report.rows).toEqual([
      { dimension: "link", key: "a", views: 4, bookings: 1, viewedBookings: 1, bookingsWithoutView: 0, cancellations: 0, held: 2, showed: 1, noShows: 1, bookingRate: 0.25, showRate: 0.5 },
      { dimension: "link", key: "b", views: 1, bookings: 2, viewedBookings: 0, bookingsWithoutView: 2, cancellations: 0, held: 0, showed: 0, noShows: 0, bookingRate: 0, showRate: null },
      { dimension: "link", key: "quiet", ...zeroCounts(), bookingsWithoutView: 0, bookingRate: null, showRate: null },
      { dimension: "link", key: "gone", ...zeroCounts(), bookingsWithoutView: 0, cancellations: 1, bookingRate: null, showRate: null },
    ]);
  });

  it("keeps the given keys' order and puts keys it was not given after them, sorted, so rows add up to the totals", () => {
    const report = funnelReport("link", threeDays, [...tallies, { key: "deleted", dayIndex: 0, measure: "bookings", count: 1 }], ["b"]);
    expect(report.rows.map((row) => row.key)).toEqual(["b", "a", "deleted", "gone"]);
    for (const measure of ["views", "bookings", "viewedBookings", "bookingsWithoutView", "cancellations", "held", "showed", "noShows"] as const) {
      expect(report.rows.reduce((sum, row) => sum + row[measure], 0)).toBe(report.totals[measure]);
      expect(report.days.reduce((sum, day) => sum + day[measure], 0)).toBe(report.totals[measure]);
    }
  });

  it("gives every day of the window an entry, counted or not", () => {
    const report = funnelReport("link", threeDays, [], []);
    expect(report.days.map((day) => day.date)).toEqual(["2026-06-01", "2026-06-02", "2026-06-03"]);
    expect(report.rows).toEqual([]);
    expect(report.totals).toEqual({ ...zeroCounts(), bookingsWithoutView: 0, bookingRate: null, showRate: null });
  });
});
