import { describe, expect, it } from "vitest";
import { isConveneError } from "../errors.js";
import { MS_PER_DAY } from "../time/calendar-date.js";
import { MAX_BUSY_INTERVALS, MAX_WINDOW_DAYS, slotStartSpan } from "./query-bounds.js";
import { computeSlots } from "./slots.js";
import { nyHost as host, nyQuery } from "./slot-query.fixture.js";
import type { SlotQuery } from "./types.js";

const windowStartMs = Date.parse("2026-03-01T00:00:00Z");

function query(overrides: Partial<SlotQuery> = {}): SlotQuery {
  return nyQuery({
    nowMs: windowStartMs - MS_PER_DAY,
    windowStartMs,
    windowEndMs: windowStartMs + 7 * MS_PER_DAY,
    ...overrides,
  });
}

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return isConveneError(error) ? error.code : `not a ConveneError: ${String(error)}`;
  }
  return undefined;
}

describe("safety bounds", () => {
  it(`refuse a window longer than ${MAX_WINDOW_DAYS} days`, () => {
    expect(codeOf(() => computeSlots(query({ windowEndMs: windowStartMs + MAX_WINDOW_DAYS * MS_PER_DAY })))).toBeUndefined();
    expect(codeOf(() => computeSlots(query({ windowEndMs: windowStartMs + MAX_WINDOW_DAYS * MS_PER_DAY + 1 })))).toBe("WINDOW_TOO_LONG");
  });

  it(`refuse more than ${MAX_BUSY_INTERVALS} busy intervals and bookings in all`, () => {
    const busy = Array.from({ length: MAX_BUSY_INTERVALS / 2 }, (_, i) => ({ startMs: windowStartMs + i * 60_000, endMs: windowStartMs + i * 60_000 + 30_000 }));
    const hosts = [host({ hostId: 1, busy }), host({ hostId: 2, busy })];
    expect(codeOf(() => computeSlots(query({ mode: "round_robin", hosts })))).toBeUndefined();
    const oneMore = [host({ hostId: 1, busy }), host({ hostId: 2, busy, bookings: [{ startMs: 0, endMs: 1 }] })];
    expect(codeOf(() => computeSlots(query({ mode: "round_robin", hosts: oneMore })))).toBe("TOO_MANY_BUSY_INTERVALS");
  });

  it("refuse unknown zones", () => {
    expect(codeOf(() => computeSlots(query({ linkTimeZone: "Atlantis/Capital" })))).toBe("UNKNOWN_TIME_ZONE");
    expect(codeOf(() => computeSlots(query({ hosts: [host({ timeZone: "America/New_Yrok" })] })))).toBe("UNKNOWN_TIME_ZONE");
  });

  it("refuse malformed rules with INVALID_RULES", () => {
    expect(codeOf(() => computeSlots(query({ hosts: [host({ weeklyHours: [{ days: [1], start: "9:00", end: "17:00" }] })] })))).toBe("INVALID_RULES");
    expect(codeOf(() => computeSlots(query({ hosts: [host({ holidays: ["tomorrow"] })] })))).toBe("INVALID_RULES");
  });

  it("refuse settings outside their ranges with VALIDATION_FAILED", () => {
    for (const bad of [
      { durationMin: 4 },
      { durationMin: 721 },
      { durationMin: 30.5 },
      { slotIntervalMin: 0 },
      { slotIntervalMin: 721 },
      { minNoticeMin: -1 },
      { bufferBeforeMin: 1441 },
      { maxPerDay: -1 },
      { nowMs: Number.NaN },
      { windowStartMs: 1.5 },
      { mode: "solo" as never },
      { hosts: [] },
      { hosts: [host(), host({ hostId: 2 })] }, // two hosts in single mode
      { mode: "collective" as const, hosts: [host(), host()] }, // the same id twice
      { hosts: [host({ busy: [{ startMs: Number.NaN, endMs: windowStartMs + 3 * MS_PER_DAY }] })] },
      { hosts: [host({ busy: new Float64Array(3) })] },
      { hosts: [host({ busy: [{ startMs: Number.NEGATIVE_INFINITY, endMs: windowStartMs }] })] },
      { hosts: [host({ bookings: [{ startMs: windowStartMs, endMs: Number.NaN }] })] },
    ]) {
      expect(codeOf(() => computeSlots(query(bad))), JSON.stringify(bad)).toBe("VALIDATION_FAILED");
    }
  });

  it("accept the extremes of duration and interval: 5 minutes and 12 hours", () => {
    expect(computeSlots(query({ durationMin: 5, slotIntervalMin: 5 })).length).toBe(5 * 8 * 12); // five 8-hour days
    const allDay = [host({ weeklyHours: [{ days: [0, 1, 2, 3, 4, 5, 6], start: "00:00", end: "24:00" }] })];
    // Local 00:00 and 12:00 from Sun Mar 1 00:00 EST to Sat Mar 7 00:00 EST (the window ends Mar 7 19:00 EST).
    expect(computeSlots(query({ durationMin: 720, slotIntervalMin: 720, hosts: allDay })).length).toBe(13);
  });

  it("derive the span of starts from window, notice and maxDaysAhead", () => {
    const span = slotStartSpan(query({ nowMs: windowStartMs + 1000, minNoticeMin: 60, maxDaysAhead: 2 }));
    expect(span).toEqual({ fromMs: windowStartMs + 1000 + 3_600_000, toMs: windowStartMs + 1000 + 2 * MS_PER_DAY });
  });
});
