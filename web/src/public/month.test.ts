// The booking page's month view: grids that start on the reader's first
// weekday, months that step across years, and the slot window around a month.
import { afterEach, describe, expect, it, vi } from "vitest";
import { addDays, addMonths, daysInMonth, formatDay, formatMonth, localeFirstWeekday, monthOf, monthWeeks, monthWindow, weekdayHeaders, weekdayName, weekdayOf } from "./month";

const SUNDAY = 0;
const MONDAY = 1;
const SATURDAY = 6;

describe("monthWeeks", () => {
  it("starts the grid on Monday: November 2026 begins on a Sunday, in the seventh column", () => {
    const weeks = monthWeeks("2026-11", MONDAY);
    expect(weeks[0]).toEqual([null, null, null, null, null, null, "2026-11-01"]);
    expect(weeks[1]![0]).toBe("2026-11-02");
    expect(weeks.at(-1)).toEqual(["2026-11-30", null, null, null, null, null, null]);
    expect(weeks).toHaveLength(6);
  });

  it("starts the grid on Sunday: the same month needs no padding in front", () => {
    const weeks = monthWeeks("2026-11", SUNDAY);
    expect(weeks[0]![0]).toBe("2026-11-01");
    expect(weeks).toHaveLength(5);
  });

  it("starts the grid on Saturday where the locale does", () => {
    expect(monthWeeks("2026-11", SATURDAY)[0]).toEqual([null, "2026-11-01", "2026-11-02", "2026-11-03", "2026-11-04", "2026-11-05", "2026-11-06"]);
  });

  it("fits a February that starts on Monday into four full weeks", () => {
    const weeks = monthWeeks("2027-02", MONDAY);
    expect(weeks).toHaveLength(4);
    expect(weeks.flat()).not.toContain(null);
    expect(weeks.flat()).toHaveLength(28);
  });

  it("lists every day of the month once, in order, each in its weekday's column", () => {
    for (const month of ["2024-02", "2026-03", "2026-10", "2026-12"]) {
      const weeks = monthWeeks(month, MONDAY);
      const days = weeks.flat().filter((day): day is string => day !== null);
      expect(days).toHaveLength(daysInMonth(month));
      expect(days[0]).toBe(`${month}-01`);
      for (const week of weeks) week.forEach((day, column) => day && expect(weekdayOf(day), day).toBe((column + MONDAY) % 7));
    }
  });
});

describe("months and days", () => {
  it("steps months across year ends both ways", () => {
    expect(addMonths("2026-12", 1)).toBe("2027-01");
    expect(addMonths("2027-01", -1)).toBe("2026-12");
    expect(addMonths("2026-11", 14)).toBe("2028-01");
    expect(monthOf("2026-11-24")).toBe("2026-11");
  });

  it("knows leap years", () => {
    expect(daysInMonth("2028-02")).toBe(29);
    expect(daysInMonth("2026-02")).toBe(28);
    expect(daysInMonth("2100-02")).toBe(28);
    expect(daysInMonth("2000-02")).toBe(29);
  });

  it("adds calendar days without being moved by DST", () => {
    expect(addDays("2026-03-28", 1)).toBe("2026-03-29");
    expect(addDays("2026-10-31", 2)).toBe("2026-11-02");
    expect(weekdayOf("2026-11-01")).toBe(SUNDAY);
  });
});

describe("monthWindow", () => {
  it("asks for the month widened by a day each side, which covers every zone's view of it", () => {
    expect(monthWindow("2026-12")).toEqual({ from: "2026-11-30T00:00:00.000Z", to: "2027-01-02T00:00:00.000Z" });
    expect(monthWindow("2028-02")).toEqual({ from: "2028-01-31T00:00:00.000Z", to: "2028-03-02T00:00:00.000Z" });
  });
});

describe("localeFirstWeekday", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("follows the browser's locale", () => {
    vi.stubGlobal("navigator", { language: "en-US" });
    expect(localeFirstWeekday()).toBe(SUNDAY);
    vi.stubGlobal("navigator", { language: "de-DE" });
    expect(localeFirstWeekday()).toBe(MONDAY);
    vi.stubGlobal("navigator", { language: "ar-EG" });
    expect(localeFirstWeekday()).toBe(SATURDAY);
  });

  it("falls back to Monday for a language tag it cannot read", () => {
    vi.stubGlobal("navigator", { language: "not a locale!!" });
    expect(localeFirstWeekday()).toBe(MONDAY);
  });
});

describe("weekdayHeaders", () => {
  const narrow = (locale: string) => Array.from({ length: 7 }, (_, weekday) => weekdayName(weekday, "narrow", locale));
  const cutToTwo = (locale: string) => Array.from({ length: 7 }, (_, weekday) => weekdayName(weekday, "short", locale).slice(0, 2));

  it("gives Hebrew its narrow day names, seven different ones, where cutting gave six times the same", () => {
    expect(cutToTwo("he").filter((header) => header === "יו")).toHaveLength(6);
    const headers = weekdayHeaders("he");
    expect(headers).toEqual(narrow("he"));
    expect(headers[0]).toBe("א׳");
    expect(new Set(headers).size).toBe(7);
  });

  it("gives Arabic its narrow day names, whole letters rather than word fragments", () => {
    const headers = weekdayHeaders("ar");
    expect(headers).toEqual(narrow("ar"));
    expect(new Set(headers).size).toBe(7);
    for (const [weekday, header] of headers.entries()) expect(weekdayName(weekday, "long", "ar")).toContain(header);
    // Cutting gave the article "ال" seven times.
    expect(new Set(cutToTwo("ar"))).toEqual(new Set(["ال"]));
  });

  it("keeps the short names where they fit: English, French, German, Spanish", () => {
    expect(weekdayHeaders("en")).toEqual(["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]);
    expect(weekdayHeaders("fr")[1]).toBe("lun.");
    expect(weekdayHeaders("de")[1]).toBe("Mo");
    expect(weekdayHeaders("es")[1]).toBe("lun");
  });
});

describe("dates in the page's language", () => {
  it("names months and days in the locale given, not the machine's", () => {
    expect(formatMonth("2026-11", "fr")).toBe("novembre 2026");
    expect(formatMonth("2026-11", "de")).toBe("November 2026");
    expect(formatDay("2026-11-24", "fr")).toBe("mardi 24 novembre");
    expect(formatDay("2026-11-24", "es")).toBe("martes, 24 de noviembre");
  });

  it("starts the week where the page's locale does", () => {
    expect(localeFirstWeekday("en-US")).toBe(SUNDAY);
    expect(localeFirstWeekday("fr")).toBe(MONDAY);
  });
});
