// The availability benchmark's case format (../shared/bench/availability/README.md)
// and its conversion to the engine's SlotQuery; shared by the benchmark and by
// test/bench-cases.test.ts so both check the same path.
import { readFileSync } from "node:fs";
import type { TimeRangeMs } from "../src/core/time/interval.js";
import { formatIsoInstants, parseIsoInstantMs, parseIsoRangesMs } from "../src/core/time/iso-instant.js";
import { computeSlots } from "../src/core/availability/slots.js";
import type { SlotMode, SlotQuery } from "../src/core/availability/types.js";

type IsoRange = { start: string; end: string };

export type AvailabilityCase = {
  name: string;
  mode: SlotMode;
  now: string;
  window: IsoRange;
  viewerTimeZone: string;
  linkTimeZone?: string;
  eventLengthMinutes: number;
  slotIntervalMinutes: number;
  minimumNoticeMinutes: number;
  beforeBufferMinutes: number;
  afterBufferMinutes: number;
  maxDaysAhead?: number;
  maxPerDay?: number;
  maxPerWeek?: number;
  hosts: {
    id: number;
    timeZone: string;
    weeklyHours: { days: number[]; start: string; end: string }[];
    dateOverrides?: { date: string; intervals: { start: string; end: string }[] }[];
    holidays?: string[];
    busy: IsoRange[];
    bookings?: IsoRange[];
  }[];
};

function toRangesMs(ranges: readonly IsoRange[]): TimeRangeMs[] {
  const out = new Array<TimeRangeMs>(ranges.length);
  for (let i = 0; i < ranges.length; i++) {
    const range = ranges[i]!;
    out[i] = { startMs: parseIsoInstantMs(range.start), endMs: parseIsoInstantMs(range.end) };
  }
  return out;
}

export function caseToSlotQuery(c: AvailabilityCase): SlotQuery {
  const firstHost = c.hosts[0];
  return {
    mode: c.mode,
    nowMs: parseIsoInstantMs(c.now),
    windowStartMs: parseIsoInstantMs(c.window.start),
    windowEndMs: parseIsoInstantMs(c.window.end),
    linkTimeZone: c.linkTimeZone ?? firstHost?.timeZone ?? "UTC",
    durationMin: c.eventLengthMinutes,
    slotIntervalMin: c.slotIntervalMinutes,
    minNoticeMin: c.minimumNoticeMinutes,
    bufferBeforeMin: c.beforeBufferMinutes,
    bufferAfterMin: c.afterBufferMinutes,
    maxDaysAhead: c.maxDaysAhead,
    maxPerDay: c.maxPerDay,
    maxPerWeek: c.maxPerWeek,
    hosts: c.hosts.map((host) => ({
      hostId: host.id,
      timeZone: host.timeZone,
      weeklyHours: host.weeklyHours,
      dateOverrides: host.dateOverrides,
      holidays: host.holidays,
      busy: parseIsoRangesMs(host.busy),
      bookings: host.bookings === undefined ? undefined : toRangesMs(host.bookings),
    })),
  };
}

/** The benchmark's timed region: case object → sorted ISO-8601 slot starts. */
export function answerCase(c: AvailabilityCase): string[] {
  return formatIsoInstants(computeSlots(caseToSlotQuery(c)));
}

export function readJsonFile<T>(file: string): T {
  return JSON.parse(readFileSync(file, "utf8")) as T;
}
