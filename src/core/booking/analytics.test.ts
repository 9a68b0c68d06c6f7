import { describe, expect, it } from "vitest";
import { ConveneError } from "../errors.js";
import { analyticsDays, analyticsReport, analyticsWindow, conversionRate, dayBoundariesMs, MAX_ANALYTICS_WINDOW_MS } from "./analytics.js";

const at = (iso: string) => Date.parse(iso);
const HOUR_MS = 3_600_000;

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConveneError) return error.code;
    throw error;
  }
  throw new Error("expected a ConveneError");
}

describe("analyticsWindow", () => {
  it("defaults to the last 30 whole local days, today included", () => {
    const window = analyticsWindow({ fromMs: null, toMs: null, timeZone: "Europe/Berlin", nowMs: at("2026-11-20T12:00:00Z") });
    expect(window).toEqual({ fromMs: at("2026-10-21T22:00:00Z"), toMs: at("2026-11-20T23:00:00Z"), timeZone: "Europe/Berlin" });
    const days = analyticsDays(window);
    expect(days).toHaveLength(30);
    expect(days[0]!.date).toBe("2026-10-22");
    expect(days.at(-1)!.date).toBe("2026-11-20");
  });

  it("counts the default 30 days back from a given end", () => {
    const window = analyticsWindow({ fromMs: null, toMs: at("2026-03-01T00:00:00Z"), timeZone: "UTC", nowMs: 0 });
    expect(window.fromMs).toBe(at("2026-01-30T00:00:00Z")); // Jan 30 … Feb 28: 30 days
  });

  it("ends today when only the start is given", () => {
    const window = analyticsWindow({ fromMs: at("2026-11-01T00:00:00Z"), toMs: null, timeZone: "UTC", nowMs: at("2026-11-20T12:00:00Z") });
    expect(window.toMs).toBe(at("2026-11-21T00:00:00Z"));
  });

  it("refuses an empty or backwards window, more than 366 days, and unknown zones", () => {
    expect(codeOf(() => analyticsWindow({ fromMs: 10, toMs: 10, timeZone: "UTC", nowMs: 0 }))).toBe("VALIDATION_FAILED");
    expect(codeOf(() => analyticsWindow({ fromMs: 11, toMs: 10, timeZone: "UTC", nowMs: 0 }))).toBe("VALIDATION_FAILED");
    expect(codeOf(() => analyticsWindow({ fromMs: 0, toMs: MAX_ANALYTICS_WINDOW_MS + 1, timeZone: "UTC", nowMs: 0 }))).toBe("WINDOW_TOO_LONG");
    expect(() => analyticsWindow({ fromMs: 0, toMs: MAX_ANALYTICS_WINDOW_MS, timeZone: "UTC", nowMs: 0 })).not.toThrow();
    expect(codeOf(() => analyticsWindow({ fromMs: null, toMs: null, timeZone: "Mars/Olympus", nowMs: 0 }))).toBe("UNKNOWN_TIME_ZONE");
  });

  it("fits a whole leap year of local days in a DST zone", () => {
    const window = analyticsWindow({ fromMs: at("2027-12-31T23:00:00Z"), toMs: at("2028-12-31T23:00:00Z"), timeZone: "Europe/Berlin", nowMs: 0 });
    expect(analyticsDays(window)).toHaveLength(366);
  });
});

describe("analyticsDays", () => {
  it("makes the autumn DST day 25 hours and the spring one 23 hours long", () => {
    const autumn = analyticsDays({ fromMs: at("2026-10-31T04:00:00Z"), toMs: at("2026-11-03T05:00:00Z"), timeZone: "America/New_York" });
    expect(autumn.map((day) => [day.date, (day.endMs - day.startMs) / HOUR_MS])).toEqual([
      ["2026-10-31", 24],
      ["2026-11-01", 25],
      ["2026-11-02", 24],
    ]);
    const spring = analyticsDays({ fromMs: at("2026-03-28T23:00:00Z"), toMs: at("2026-03-30T22:00:00Z"), timeZone: "Europe/Berlin" });
    expect(spring.map((day) => [day.date, (day.endMs - day.startMs) / HOUR_MS])).toEqual([
      ["2026-03-29", 23],
      ["2026-03-30", 24],
    ]);
  });

  it("clips partial first and last days to the window and tiles it without gaps", () => {
    const window = { fromMs: at("2026-06-01T15:30:00Z"), toMs: at("2026-06-03T08:00:00Z"), timeZone: "Asia/Kathmandu" };
    const days = analyticsDays(window);
    expect(days.map((day) => day.date)).toEqual(["2026-06-01", "2026-06-02", "2026-06-03"]);
    expect(days[0]!.startMs).toBe(window.fromMs);
    expect(days[1]!.startMs).toBe(at("2026-06-01T18:15:00Z"));
    expect(days.at(-1)!.endMs).toBe(window.toMs);
    for (let i = 1; i < days.length; i++) expect(days[i]!.startMs).toBe(days[i - 1]!.endMs);
    expect(dayBoundariesMs(days)).toEqual([window.fromMs, at("2026-06-01T18:15:00Z"), at("2026-06-02T18:15:00Z"), window.toMs]);
  });

  it("starts a day whose midnight is skipped at the end of the gap", () => {
    // Chile springs forward at local midnight: 2026-09-06 begins at 01:00 (-03:00).
    const days = analyticsDays({ fromMs: at("2026-09-05T04:00:00Z"), toMs: at("2026-09-07T03:00:00Z"), timeZone: "America/Santiago" });
    expect(days.map((day) => [day.date, (day.endMs - day.startMs) / HOUR_MS])).toEqual([
      ["2026-09-05", 24],
      ["2026-09-06", 23],
    ]);
  });

  it("has one day for a window inside a day", () => {
    expect(analyticsDays({ fromMs: at("2026-06-01T10:00:00Z"), toMs: at("2026-06-01T11:00:00Z"), timeZone: "UTC" })).toEqual([
      { date: "2026-06-01", startMs: at("2026-06-01T10:00:00Z"), endMs: at("2026-06-01T11:00:00Z") },
    ]);
    expect(dayBoundariesMs([])).toEqual([]);
  });
});

describe("conversionRate", () => {
  it("is bookings made from a viewed page per view rounded to 4 decimals, 0 without views", () => {
    expect(conversionRate(0, 0)).toBe(0);
    expect(conversionRate(3, 0)).toBe(0);
    expect(conversionRate(1, 3)).toBe(0.3333);
    expect(conversionRate(2, 3)).toBe(0.6667);
    expect(conversionRate(5, 5)).toBe(1);
    expect(conversionRate(3, 2)).toBe(1.5);
  });
});

describe("analyticsReport", () => {
  it("adds up the days and rates the totals on the sums, not the average of rates", () => {
    const days = analyticsDays({ fromMs: at("2026-06-01T00:00:00Z"), toMs: at("2026-06-04T00:00:00Z"), timeZone: "UTC" });
    const report = analyticsReport(days, [
      { views: 3, bookings: 1, viewedBookings: 1, cancellations: 0, noShows: 0 },
      { views: 0, bookings: 1, viewedBookings: 0, cancellations: 1, noShows: 0 },
      { views: 1, bookings: 0, viewedBookings: 0, cancellations: 0, noShows: 2 },
    ]);
    expect(report.days).toEqual([
      { date: "2026-06-01", views: 3, bookings: 1, viewedBookings: 1, bookingsWithoutView: 0, cancellations: 0, noShows: 0, conversionRate: 0.3333 },
      { date: "2026-06-02", views: 0, bookings: 1, viewedBookings: 0, bookingsWithoutView: 1, cancellations: 1, noShows: 0, conversionRate: 0 },
      { date: "2026-06-03", views: 1, bookings: 0, viewedBookings: 0, bookingsWithoutView: 0, cancellations: 0, noShows: 2, conversionRate: 0 },
    ]);
    expect(report.totals).toEqual({ views: 4, bookings: 2, viewedBookings: 1, bookingsWithoutView: 1, cancellations: 1, noShows: 2, conversionRate: 0.25 });
  });

  it("leaves bookings without a page view out of conversion but counts them as bookings", () => {
    const days = analyticsDays({ fromMs: at("2026-06-01T00:00:00Z"), toMs: at("2026-06-02T00:00:00Z"), timeZone: "UTC" });
    // Two page views, one booked from; four bookings through the API: 50 %, not 250 %.
    const report = analyticsReport(days, [{ views: 2, bookings: 5, viewedBookings: 1, cancellations: 0, noShows: 0 }]);
    expect(report.totals).toMatchObject({ bookings: 5, viewedBookings: 1, bookingsWithoutView: 4, conversionRate: 0.5 });
  });

  it("counts days without counts as zero", () => {
    const days = analyticsDays({ fromMs: at("2026-06-01T00:00:00Z"), toMs: at("2026-06-02T00:00:00Z"), timeZone: "UTC" });
    expect(analyticsReport(days, []).totals).toEqual({ views: 0, bookings: 0, viewedBookings: 0, bookingsWithoutView: 0, cancellations: 0, noShows: 0, conversionRate: 0 });
  });
});
