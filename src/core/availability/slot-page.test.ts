// firstSlotPage: the page of a long window never holds more starts than an answer carries,
// even on the 25-hour days when clocks fall back, and a month view still fits in one page.
import { describe, expect, it } from "vitest";
import { MS_PER_DAY, MS_PER_MINUTE } from "../time/calendar-date.js";
import { firstSlotPage, MAX_SLOTS_PER_ANSWER } from "./query-bounds.js";
import { computeSlots } from "./slots.js";
import type { SlotQuery } from "./types.js";

function aroundTheClock(timeZone: string, slotIntervalMin: number, fromMs: number, toMs: number): SlotQuery {
  return {
    mode: "single",
    nowMs: fromMs,
    windowStartMs: fromMs,
    windowEndMs: toMs,
    linkTimeZone: timeZone,
    durationMin: 5,
    slotIntervalMin,
    minNoticeMin: 0,
    bufferBeforeMin: 0,
    bufferAfterMin: 0,
    hosts: [{ hostId: 1, timeZone, weeklyHours: [{ days: [0, 1, 2, 3, 4, 5, 6], start: "00:00", end: "24:00" }], busy: [] }],
  };
}

describe("firstSlotPage", () => {
  it("is the whole window when it is short enough", () => {
    const fromMs = Date.parse("2026-12-01T00:00:00Z");
    expect(firstSlotPage(fromMs, fromMs + 30 * MS_PER_DAY, 5)).toEqual({ pageEndMs: fromMs + 30 * MS_PER_DAY, nextFromMs: null });
    expect(firstSlotPage(fromMs, fromMs + 366 * MS_PER_DAY, 60)).toEqual({ pageEndMs: fromMs + 366 * MS_PER_DAY, nextFromMs: null });
  });

  it("covers a month view (the month ± a day) of a 5-minute grid", () => {
    const fromMs = Date.parse("2026-11-30T00:00:00Z");
    expect(firstSlotPage(fromMs, fromMs + 33 * MS_PER_DAY, 5).nextFromMs).toBeNull();
  });

  for (const timeZone of ["Europe/London", "America/New_York", "Australia/Lord_Howe", "UTC"]) {
    for (const slotIntervalMin of [5, 7, 10, 25, 30]) {
      it(`holds at most MAX_SLOTS_PER_ANSWER starts of a 24/7 ${slotIntervalMin}-minute grid in ${timeZone}, across the autumn clock change`, () => {
        // Starts a little before the northern autumn change; Lord Howe's (a 30-minute shift) is in April.
        const fromMs = Date.parse(timeZone === "Australia/Lord_Howe" ? "2026-03-20T00:00:00Z" : "2026-10-01T00:00:00Z");
        const toMs = fromMs + 366 * MS_PER_DAY;
        const page = firstSlotPage(fromMs, toMs, slotIntervalMin);
        expect(page.nextFromMs).toBe(page.pageEndMs);
        const starts = computeSlots(aroundTheClock(timeZone, slotIntervalMin, fromMs, page.pageEndMs + 5 * MS_PER_MINUTE)).filter((startMs) => startMs < page.pageEndMs);
        expect(starts.length).toBeLessThanOrEqual(MAX_SLOTS_PER_ANSWER);
        expect(starts.length).toBeGreaterThan(MAX_SLOTS_PER_ANSWER * 0.9);
      });
    }
  }
});
