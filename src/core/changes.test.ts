import { describe, expect, it } from "vitest";
import { changedFields, hasChanges, isSameValue } from "./changes.js";

describe("changedFields", () => {
  it("does not call a repeated value with reordered keys a change", () => {
    const stored = { weeklyHours: [{ end: "17:00", days: [1, 2], start: "09:00" }], title: "Intro" };
    const patch = { weeklyHours: [{ days: [1, 2], start: "09:00", end: "17:00" }] };
    expect(changedFields(stored, patch)).toEqual({});
    expect(hasChanges(changedFields(stored, patch))).toBe(false);
  });

  it("keeps old and new values of what changed, and only that", () => {
    const before = { title: "Intro", slug: "intro", durationsMin: [30] };
    expect(changedFields(before, { title: "Intro", durationsMin: [30, 60] })).toEqual({ durationsMin: { old: [30], new: [30, 60] } });
  });

  it("ignores fields a PATCH did not give, and limits itself to the keys asked", () => {
    const before = { a: 1, b: 2, c: 3 };
    expect(changedFields(before, { a: undefined, b: 5 })).toEqual({ b: { old: 2, new: 5 } });
    expect(changedFields(before, { b: 5, c: 4 }, ["c"])).toEqual({ c: { old: 3, new: 4 } });
  });

  it("compares arrays in order, dates by instant, null apart from a value", () => {
    expect(isSameValue([1, 2], [2, 1])).toBe(false);
    expect(isSameValue(new Date(5), new Date(5))).toBe(true);
    expect(isSameValue(null, 0)).toBe(false);
    expect(isSameValue({ a: null }, { a: null })).toBe(true);
    expect(isSameValue({ a: undefined }, {})).toBe(true);
  });
});
