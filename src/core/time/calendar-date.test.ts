import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  dayNumberFromYmd,
  daysInMonth,
  formatIsoDate,
  isoWeekMondayOf,
  MS_PER_DAY,
  parseIsoDate,
  weekdayOfDayNumber,
  ymdFromDayNumber,
} from "./calendar-date.js";

describe("day numbers", () => {
  it("match Date.UTC for every date from 1600 to 2400 (sampled)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1600, max: 2400 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (year, month, rawDay) => {
        const day = Math.min(rawDay, daysInMonth(year, month));
        const dayNumber = dayNumberFromYmd(year, month, day);
        expect(dayNumber * MS_PER_DAY).toBe(Date.UTC(year, month - 1, day));
        expect(ymdFromDayNumber(dayNumber)).toEqual({ year, month, day });
      }),
    );
  });

  it("know the epoch, leap days and the weekday", () => {
    expect(dayNumberFromYmd(1970, 1, 1)).toBe(0);
    expect(ymdFromDayNumber(-1)).toEqual({ year: 1969, month: 12, day: 31 });
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(weekdayOfDayNumber(0)).toBe(4); // Thursday
    expect(weekdayOfDayNumber(dayNumberFromYmd(2026, 3, 1))).toBe(0); // Sunday
    expect(weekdayOfDayNumber(-1)).toBe(3);
  });

  it("give the Monday of the ISO week", () => {
    const sunday = dayNumberFromYmd(2026, 3, 8);
    expect(formatIsoDate(isoWeekMondayOf(sunday))).toBe("2026-03-02");
    expect(formatIsoDate(isoWeekMondayOf(dayNumberFromYmd(2026, 3, 9)))).toBe("2026-03-09");
    expect(formatIsoDate(isoWeekMondayOf(dayNumberFromYmd(2027, 1, 1)))).toBe("2026-12-28");
  });
});

describe("ISO dates", () => {
  it("parse real dates and refuse the rest", () => {
    expect(parseIsoDate("2026-03-01")).toBe(dayNumberFromYmd(2026, 3, 1));
    expect(parseIsoDate("2024-02-29")).toBe(dayNumberFromYmd(2024, 2, 29));
    for (const bad of ["2026-02-29", "2026-13-01", "2026-00-10", "2026-1-01", "26-01-01", "2026-01-01T00:00", "", "2026/01/01"]) {
      expect(parseIsoDate(bad), bad).toBeUndefined();
    }
  });

  it("format back", () => {
    expect(formatIsoDate(dayNumberFromYmd(2011, 12, 30))).toBe("2011-12-30");
    expect(formatIsoDate(dayNumberFromYmd(999, 1, 2))).toBe("0999-01-02");
  });
});
