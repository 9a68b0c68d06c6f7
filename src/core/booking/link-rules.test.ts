import { describe, expect, it } from "vitest";
import { bookableUntilMs } from "./link-rules.js";

const NOW_MS = Date.parse("2026-11-20T12:00:00Z");
const open = { timeZone: "America/New_York", maxDaysAhead: null, rangeStartDate: null, rangeEndDate: null };

describe("bookableUntilMs", () => {
  it("is null when neither a booking window nor a date range limits the link", () => {
    expect(bookableUntilMs(open, NOW_MS)).toBeNull();
  });

  it("ends maxDaysAhead days after now", () => {
    expect(bookableUntilMs({ ...open, maxDaysAhead: 60 }, NOW_MS)).toBe(Date.parse("2027-01-19T12:00:00Z"));
  });

  it("ends at the end of the range's last date in the link's zone", () => {
    expect(bookableUntilMs({ ...open, rangeEndDate: "2026-12-24" }, NOW_MS)).toBe(Date.parse("2026-12-25T05:00:00Z"));
  });

  it("takes whichever of the two ends first", () => {
    expect(bookableUntilMs({ ...open, maxDaysAhead: 10, rangeEndDate: "2026-12-24" }, NOW_MS)).toBe(Date.parse("2026-11-30T12:00:00Z"));
    expect(bookableUntilMs({ ...open, maxDaysAhead: 60, rangeEndDate: "2026-12-24" }, NOW_MS)).toBe(Date.parse("2026-12-25T05:00:00Z"));
  });
});
