// Test fixture for the availability engine's unit tests: one New York host
// working weekdays 9–17 and a single-host, 30-minute query around it. Each
// suite overrides only what its case is about.
import type { HostAvailability, SlotQuery } from "./types.js";

export const utc = (iso: string): number => Date.parse(iso);

export const WEEKDAYS_9_TO_5 = [{ days: [1, 2, 3, 4, 5], start: "09:00", end: "17:00" }];

export function nyHost(overrides: Partial<HostAvailability> = {}): HostAvailability {
  return { hostId: 1, timeZone: "America/New_York", weeklyHours: WEEKDAYS_9_TO_5, busy: [], ...overrides };
}

/** Monday 2026-03-02 to Saturday 2026-03-07 in New York, 30-minute slots, no notice or buffers, booked from 20 February. */
export function nyQuery(overrides: Partial<SlotQuery> = {}): SlotQuery {
  return {
    mode: "single",
    nowMs: utc("2026-02-20T00:00:00Z"),
    windowStartMs: utc("2026-03-02T05:00:00Z"),
    windowEndMs: utc("2026-03-07T05:00:00Z"),
    linkTimeZone: "America/New_York",
    durationMin: 30,
    slotIntervalMin: 30,
    minNoticeMin: 0,
    bufferBeforeMin: 0,
    bufferAfterMin: 0,
    hosts: [nyHost()],
    ...overrides,
  };
}
