// The availability engine's vocabulary: what a host brings (rules in a zone,
// busy time, bookings) and what a slot question asks. Instants are integer
// epoch milliseconds; rules are wall-clock "HH:mm" in the host's IANA zone.
import type { TimeRangeMs } from "../time/interval.js";

export type HostId = string | number;

/** Opening hours repeated every week: on each listed weekday (0 = Sunday … 6 = Saturday), from start to end. */
export type WeeklyHoursRule = { days: readonly number[]; start: string; end: string };

/** Wall-clock "HH:mm" span within one local date; end may be "24:00". */
export type WallSpan = { start: string; end: string };

/** Replaces the weekly hours of one local date ("YYYY-MM-DD"); no intervals = a day off. */
export type DateOverride = { date: string; intervals: readonly WallSpan[] };

/** A booking made through Convene: busy for its host, and counted toward that host's limits. */
export type BookingMs = TimeRangeMs & {
  /** When it was booked; round-robin uses it for "least recently booked" (falls back to startMs). */
  createdAtMs?: number;
};

/**
 * Busy intervals as objects, or — for big calendars, to skip an object per
 * interval — a flat Float64Array [start0, end0, start1, end1, …] of epoch ms.
 */
export type BusyTimeMs = readonly TimeRangeMs[] | Float64Array;

export type HostAvailability = {
  hostId: HostId;
  /** IANA zone in which the host's rules are read. */
  timeZone: string;
  weeklyHours: readonly WeeklyHoursRule[];
  dateOverrides?: readonly DateOverride[];
  /** Local dates ("YYYY-MM-DD") without availability; a holiday beats an override. */
  holidays?: readonly string[];
  /** Busy time from calendars: half-open, any order, may overlap. */
  busy: BusyTimeMs;
  bookings?: readonly BookingMs[];
};

/** How a team books: one host; every host at once (collective); any one free host (round_robin). A link's host mode. */
export const SLOT_MODES = ["single", "collective", "round_robin"] as const;
export type SlotMode = (typeof SLOT_MODES)[number];

export type SlotQuery = {
  /** single: one host; collective: every host must be free; round_robin: any one host. */
  mode: SlotMode;
  nowMs: number;
  /** Slots must lie inside [windowStartMs, windowEndMs): start ≥ windowStartMs, end ≤ windowEndMs. */
  windowStartMs: number;
  windowEndMs: number;
  /** The grid's zone: slots start at whole multiples of slotIntervalMin after local midnight here. */
  linkTimeZone: string;
  durationMin: number;
  slotIntervalMin: number;
  minNoticeMin: number;
  bufferBeforeMin: number;
  bufferAfterMin: number;
  /** Slots start before nowMs + maxDaysAhead × 24 h. */
  maxDaysAhead?: number | undefined;
  /** Per host: fewer than this many bookings may start on the slot's local date (linkTimeZone). */
  maxPerDay?: number | undefined;
  /** Per host: fewer than this many bookings may start in the slot's ISO week (linkTimeZone). */
  maxPerWeek?: number | undefined;
  hosts: readonly HostAvailability[];
};

/** Why an instant is not bookable; a public contract used by the booking API and AI tools. */
export type UnavailableReason =
  | "OUTSIDE_WINDOW" // not inside the window that was asked about
  | "TOO_SOON" // before now + minimum notice
  | "BEYOND_WINDOW" // at or after now + maxDaysAhead days
  | "OFF_GRID" // not a grid time of the link (or not a whole minute)
  | "OUTSIDE_HOURS" // not inside the host's working time
  | "HOLIDAY" // the working hours would allow it, but a holiday removes them
  | "BUSY" // overlaps busy time or a booking
  | "BUFFER" // free itself, but the buffers around it overlap busy time or a booking
  | "DAY_LIMIT" // the host already has maxPerDay bookings that local date
  | "WEEK_LIMIT"; // the host already has maxPerWeek bookings that ISO week
