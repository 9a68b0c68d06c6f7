import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { isConveneError } from "../errors.js";
import { dayNumberFromYmd, MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE } from "./calendar-date.js";
import { assertTimeZone, localDayNumber, localIsoWeek, localMidnightMs, offsetAtMs, wallToInstantMs, ZoneTimeline } from "./zone.js";

const TRICKY_ZONES = [
  "America/New_York",
  "Europe/London",
  "Australia/Lord_Howe", // 30-minute DST
  "Asia/Kathmandu", // +05:45
  "America/Santiago", // DST at midnight
  "America/Havana", // DST at midnight
  "Pacific/Apia", // skipped 2011-12-30
  "Australia/Sydney", // southern hemisphere
  "Pacific/Chatham", // +12:45 / +13:45
  "America/St_Johns", // −03:30
  "Africa/Casablanca", // DST suspended for Ramadan
  "Europe/Dublin", // negative DST in tzdb
  "UTC",
];

const utc = (iso: string): number => Date.parse(iso);
const wall = (year: number, month: number, day: number, hour = 0, minute = 0): number =>
  dayNumberFromYmd(year, month, day) * MS_PER_DAY + hour * MS_PER_HOUR + minute * MS_PER_MINUTE;

function temporalCompatible(zone: string, wallMs: number): number {
  const d = new Date(wallMs);
  return Temporal.ZonedDateTime.from(
    { timeZone: zone, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes() },
    { disambiguation: "compatible" },
  ).epochMilliseconds;
}

describe("assertTimeZone", () => {
  it("accepts IANA names and refuses unknown zones with UNKNOWN_TIME_ZONE", () => {
    for (const zone of TRICKY_ZONES) expect(() => assertTimeZone(zone)).not.toThrow();
    for (const bad of ["Mars/Olympus_Mons", "", "Europe/Paris ", "EST5EDT6"]) {
      let caught: unknown;
      try {
        assertTimeZone(bad);
      } catch (error) {
        caught = error;
      }
      expect(isConveneError(caught) && caught.code === "UNKNOWN_TIME_ZONE", bad).toBe(true);
    }
  });
});

describe("offsets", () => {
  it("agree with Temporal at random instants in tricky zones (1990–2040)", () => {
    fc.assert(
      fc.property(fc.constantFrom(...TRICKY_ZONES), fc.integer({ min: utc("1990-01-01T00:00:00Z"), max: utc("2040-01-01T00:00:00Z") }), (zone, epochMs) => {
        const expected = Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(zone).offsetNanoseconds / 1e6;
        expect(offsetAtMs(zone, epochMs)).toBe(expected);
        expect(new ZoneTimeline(zone, epochMs - 5 * MS_PER_DAY, epochMs + 5 * MS_PER_DAY).offsetAtMs(epochMs)).toBe(expected);
      }),
      { numRuns: 400 },
    );
  });

  it("change exactly at the transition instant", () => {
    expect(offsetAtMs("America/New_York", utc("2026-03-08T07:00:00Z") - 1)).toBe(-5 * MS_PER_HOUR);
    expect(offsetAtMs("America/New_York", utc("2026-03-08T07:00:00Z"))).toBe(-4 * MS_PER_HOUR);
    expect(offsetAtMs("Australia/Lord_Howe", utc("2026-10-03T15:30:00Z"))).toBe(11 * MS_PER_HOUR);
    expect(offsetAtMs("Australia/Lord_Howe", utc("2026-10-03T15:29:59Z"))).toBe(10.5 * MS_PER_HOUR);
    expect(offsetAtMs("Asia/Kathmandu", utc("2026-06-01T00:00:00Z"))).toBe(5.75 * MS_PER_HOUR);
  });

  it("are answered outside a timeline's span too", () => {
    const timeline = new ZoneTimeline("Europe/London", utc("2026-01-01T00:00:00Z"), utc("2026-01-02T00:00:00Z"));
    expect(timeline.offsetAtMs(utc("2026-07-01T00:00:00Z"))).toBe(MS_PER_HOUR);
  });
});

describe("wall time → instant (gap → forward by the gap, overlap → earlier)", () => {
  it("agrees with Temporal's compatible disambiguation, sampled around every transition of 2026 and Apia 2011", () => {
    const transitionDays = [
      ["America/New_York", 2026, 3, 8], ["America/New_York", 2026, 11, 1],
      ["Australia/Lord_Howe", 2026, 4, 5], ["Australia/Lord_Howe", 2026, 10, 4],
      ["America/Santiago", 2026, 4, 4], ["America/Santiago", 2026, 9, 6],
      ["America/Havana", 2026, 3, 8], ["America/Havana", 2026, 11, 1],
      ["Pacific/Apia", 2011, 12, 30], ["Pacific/Apia", 2011, 12, 29], ["Pacific/Apia", 2011, 12, 31],
      ["Australia/Sydney", 2026, 4, 5], ["Australia/Sydney", 2026, 10, 4],
      ["Pacific/Chatham", 2026, 4, 5], ["Europe/Dublin", 2026, 10, 25], ["Africa/Casablanca", 2026, 2, 15],
    ] as const;
    for (const [zone, year, month, day] of transitionDays) {
      for (let minute = -120; minute <= 26 * 60; minute += 15) {
        const wallMs = wall(year, month, day) + minute * MS_PER_MINUTE;
        expect(wallToInstantMs(zone, wallMs), `${zone} ${new Date(wallMs).toISOString()}`).toBe(temporalCompatible(zone, wallMs));
      }
    }
  });

  it("agrees with Temporal at random wall times", () => {
    fc.assert(
      fc.property(fc.constantFrom(...TRICKY_ZONES), fc.integer({ min: wall(1995, 1, 1) / MS_PER_MINUTE, max: wall(2035, 1, 1) / MS_PER_MINUTE }), (zone, wallMinute) => {
        const wallMs = wallMinute * MS_PER_MINUTE;
        expect(wallToInstantMs(zone, wallMs)).toBe(temporalCompatible(zone, wallMs));
      }),
      { numRuns: 400 },
    );
  });

  it("moves gap times forward by the gap", () => {
    // New York 2026-03-08: 02:00 → 03:00. 02:30 does not exist; it becomes 03:30 EDT.
    expect(wallToInstantMs("America/New_York", wall(2026, 3, 8, 2, 30))).toBe(utc("2026-03-08T07:30:00Z"));
    // Lord Howe 2026-10-04: 02:00 → 02:30 (a 30-minute gap). 02:15 becomes 02:45 +11:00.
    expect(wallToInstantMs("Australia/Lord_Howe", wall(2026, 10, 4, 2, 15))).toBe(utc("2026-10-03T15:45:00Z"));
  });

  it("takes the earlier instant in overlaps", () => {
    // New York 2026-11-01: 01:30 happens at EDT and at EST; EDT is earlier.
    expect(wallToInstantMs("America/New_York", wall(2026, 11, 1, 1, 30))).toBe(utc("2026-11-01T05:30:00Z"));
    // Lord Howe 2026-04-05: 01:30–02:00 twice (+11:00 then +10:30).
    expect(wallToInstantMs("Australia/Lord_Howe", wall(2026, 4, 5, 1, 45))).toBe(utc("2026-04-04T14:45:00Z"));
    // Santiago 2026-04-04: 23:00–24:00 twice (−03:00 then −04:00).
    expect(wallToInstantMs("America/Santiago", wall(2026, 4, 4, 23, 30))).toBe(utc("2026-04-05T02:30:00Z"));
  });
});

describe("local dates", () => {
  it("find local midnight, also when midnight does not exist", () => {
    expect(localMidnightMs("Asia/Kathmandu", dayNumberFromYmd(2026, 3, 2))).toBe(utc("2026-03-01T18:15:00Z"));
    // Santiago 2026-09-06 and Havana 2026-03-08 start at 01:00: midnight is in the gap.
    expect(localMidnightMs("America/Santiago", dayNumberFromYmd(2026, 9, 6))).toBe(utc("2026-09-06T04:00:00Z"));
    expect(localMidnightMs("America/Havana", dayNumberFromYmd(2026, 3, 8))).toBe(utc("2026-03-08T05:00:00Z"));
    // Apia skipped 2011-12-30 entirely: its "midnight" is pushed a whole day, to the first instant of the 31st.
    expect(localMidnightMs("Pacific/Apia", dayNumberFromYmd(2011, 12, 30))).toBe(utc("2011-12-30T10:00:00Z"));
    expect(localMidnightMs("Pacific/Apia", dayNumberFromYmd(2011, 12, 31))).toBe(utc("2011-12-30T10:00:00Z"));
  });

  it("give the local date and ISO week of an instant like Temporal", () => {
    fc.assert(
      fc.property(fc.constantFrom(...TRICKY_ZONES), fc.integer({ min: utc("2000-01-01T00:00:00Z"), max: utc("2035-01-01T00:00:00Z") }), (zone, epochMs) => {
        const zoned = Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(zone);
        expect(localDayNumber(zone, epochMs)).toBe(dayNumberFromYmd(zoned.year, zoned.month, zoned.day));
        const week = localIsoWeek(zone, epochMs);
        expect({ weekYear: week.weekYear, week: week.week }).toEqual({ weekYear: zoned.yearOfWeek, week: zoned.weekOfYear });
      }),
      { numRuns: 300 },
    );
  });
});
