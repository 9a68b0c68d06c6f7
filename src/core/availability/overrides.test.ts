import { describe, expect, it } from "vitest";
import { isConveneError } from "../errors.js";
import { dayNumberFromYmd } from "../time/calendar-date.js";
import { compileHostRules, dayPlanFor } from "./overrides.js";

const weeklyHours = [{ days: [1, 2, 3, 4, 5], start: "09:00", end: "17:00" }];

describe("host rules", () => {
  it("use the weekday's hours, an override's where there is one, none on a holiday", () => {
    const rules = compileHostRules({
      weeklyHours,
      dateOverrides: [
        { date: "2026-03-03", intervals: [{ start: "12:00", end: "14:00" }] },
        { date: "2026-03-04", intervals: [] },
        { date: "2026-03-07", intervals: [{ start: "10:00", end: "11:00" }] },
        { date: "2026-03-06", intervals: [{ start: "10:00", end: "11:00" }] },
      ],
      holidays: ["2026-03-05", "2026-03-06"],
    });
    expect(dayPlanFor(rules, dayNumberFromYmd(2026, 3, 2))).toEqual([540, 1020]); // Monday
    expect(dayPlanFor(rules, dayNumberFromYmd(2026, 3, 3))).toEqual([720, 840]); // override
    expect(dayPlanFor(rules, dayNumberFromYmd(2026, 3, 4))).toEqual([]); // day off
    expect(dayPlanFor(rules, dayNumberFromYmd(2026, 3, 5))).toEqual([]); // holiday
    expect(dayPlanFor(rules, dayNumberFromYmd(2026, 3, 6))).toEqual([]); // holiday beats override
    expect(dayPlanFor(rules, dayNumberFromYmd(2026, 3, 6), true)).toEqual([600, 660]);
    expect(dayPlanFor(rules, dayNumberFromYmd(2026, 3, 7))).toEqual([600, 660]); // override on a Saturday
    expect(dayPlanFor(rules, dayNumberFromYmd(2026, 3, 8))).toEqual([]); // Sunday
  });

  it("add up two overrides of one date, so their order does not matter", () => {
    const a = { date: "2026-03-03", intervals: [{ start: "09:00", end: "10:00" }] };
    const b = { date: "2026-03-03", intervals: [{ start: "10:00", end: "11:00" }] };
    const day = dayNumberFromYmd(2026, 3, 3);
    expect(dayPlanFor(compileHostRules({ weeklyHours, dateOverrides: [a, b] }), day)).toEqual([540, 600, 600, 660]);
    expect(dayPlanFor(compileHostRules({ weeklyHours, dateOverrides: [b, a] }), day)).toEqual([540, 600, 600, 660]);
  });

  it("refuse dates that are not YYYY-MM-DD calendar dates", () => {
    for (const host of [
      { weeklyHours, holidays: ["2026-02-30"] },
      { weeklyHours, holidays: ["03/05/2026"] },
      { weeklyHours, dateOverrides: [{ date: "2026-3-3", intervals: [] }] },
      { weeklyHours, dateOverrides: [{ date: "2026-03-03", intervals: [{ start: "12", end: "14:00" }] }] },
    ]) {
      let code: string | undefined;
      try {
        compileHostRules(host);
      } catch (error) {
        code = isConveneError(error) ? error.code : "other";
      }
      expect(code).toBe("INVALID_RULES");
    }
  });
});
