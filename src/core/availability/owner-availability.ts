// An owner's (or a team's) free time without a link: each host's own working
// hours in their own zone, their Convene bookings and their calendars' busy
// time, no minimum notice, no buffers, no limits. The question the REST
// availability route, the MCP tools and direct booking ask the engine. Pure.
import { ConveneError } from "../errors.js";
import { MS_PER_DAY, MS_PER_MINUTE } from "../time/calendar-date.js";
import type { TimeRangeMs } from "../time/interval.js";
import { computeSlots } from "./slots.js";
import type { BookingMs, UnavailableReason, SlotQuery, WeeklyHoursRule } from "./types.js";
import { explainInstant } from "./explain.js";
import { MAX_DURATION_MIN, MIN_DURATION_MIN } from "./query-bounds.js";

/** all: every host at once (a meeting with the whole team); any: one free host is enough. */
export const OWNER_AVAILABILITY_MODES = ["all", "any"] as const;
export type OwnerAvailabilityMode = (typeof OWNER_AVAILABILITY_MODES)[number];

/** Two months: enough to plan a meeting, small enough to answer in one page. */
export const MAX_OWNER_WINDOW_DAYS = 62;
/** Direct bookings start on a five-minute mark (the engine's finest grid); the availability grid is coarser. */
export const DIRECT_GRID_MIN = MIN_DURATION_MIN;
/** How far around a requested time the nearest free times are looked for. */
export const NEAREST_SPAN_DAYS = 3;
export const NEAREST_COUNT = 5;

/** One host as the engine needs them: their hours in their zone, and what keeps them busy. */
export type OwnerHostLoad = {
  hostUserId: string;
  timeZone: string;
  weeklyHours: readonly WeeklyHoursRule[];
  /** Convene bookings' busy ranges (buffers included), and the bookings themselves. */
  busy: readonly TimeRangeMs[];
  bookings: readonly BookingMs[];
  /** Busy time synced from the host's calendars. */
  calendarBusy: readonly TimeRangeMs[];
};

/** Every hour of every day: a direct booking told to ignore working hours still respects busy time. */
const WHOLE_WEEK: readonly WeeklyHoursRule[] = [{ days: [0, 1, 2, 3, 4, 5, 6], start: "00:00", end: "24:00" }];

export function ignoringWorkingHours(hosts: readonly OwnerHostLoad[]): OwnerHostLoad[] {
  return hosts.map((host) => ({ ...host, weeklyHours: WHOLE_WEEK }));
}

/** The same hosts without Convene's bookings: was the time free before someone booked it through Convene? */
export function withoutConveneBookings(hosts: readonly OwnerHostLoad[]): OwnerHostLoad[] {
  return hosts.map((host) => ({ ...host, busy: [], bookings: [] }));
}

export type OwnerWindow = { fromMs: number; toMs: number; durationMin: number; intervalMin: number; mode: OwnerAvailabilityMode; nowMs: number };

/** The grid step when none is asked: the meeting's length up to half an hour, so a long meeting still has starts on the half hour. */
export function defaultIntervalMin(durationMin: number): number {
  return Math.max(MIN_DURATION_MIN, Math.min(durationMin, 30));
}

/** Throws VALIDATION_FAILED for an empty or reversed window or a bad length, WINDOW_TOO_LONG past MAX_OWNER_WINDOW_DAYS. */
export function checkOwnerWindow(window: Pick<OwnerWindow, "fromMs" | "toMs" | "durationMin" | "intervalMin">): void {
  const field = (path: string, message: string) => new ConveneError("VALIDATION_FAILED", `${path}: ${message}`, { details: { errors: [{ path, message }] } });
  if (window.toMs <= window.fromMs) throw field("querystring.to", "must be after from");
  if (window.toMs - window.fromMs > MAX_OWNER_WINDOW_DAYS * MS_PER_DAY) {
    throw new ConveneError("WINDOW_TOO_LONG", `Ask for at most ${MAX_OWNER_WINDOW_DAYS} days at a time; page through longer spans.`, { details: { maxDays: MAX_OWNER_WINDOW_DAYS } });
  }
  for (const [path, value] of [["durationMin", window.durationMin], ["intervalMin", window.intervalMin]] as const) {
    if (!Number.isInteger(value) || value < MIN_DURATION_MIN || value > MAX_DURATION_MIN) throw field(path, `must be a whole number of minutes from ${MIN_DURATION_MIN} to ${MAX_DURATION_MIN}`);
  }
}

/** The engine's question: the first host's zone lays the grid; "all" is a collective meeting, "any" a round-robin one. */
export function ownerSlotQuery(hosts: readonly OwnerHostLoad[], window: OwnerWindow): SlotQuery {
  return {
    mode: window.mode === "all" ? (hosts.length === 1 ? "single" : "collective") : "round_robin",
    nowMs: window.nowMs,
    windowStartMs: window.fromMs,
    windowEndMs: window.toMs,
    linkTimeZone: hosts[0]?.timeZone ?? "UTC",
    durationMin: window.durationMin,
    slotIntervalMin: window.intervalMin,
    minNoticeMin: 0,
    bufferBeforeMin: 0,
    bufferAfterMin: 0,
    hosts: hosts.map((host) => ({ hostId: host.hostUserId, timeZone: host.timeZone, weeklyHours: host.weeklyHours, busy: [...host.busy, ...host.calendarBusy], bookings: host.bookings })),
  };
}

export type OwnerSlotMs = { startMs: number; endMs: number; hostUserIds: string[] };

/**
 * The free slots. "all": every host, at the team's common free times. "any":
 * each host judged alone, and a slot lists every host free then (so the
 * caller can pick one), which is what a round-robin meeting would offer.
 */
export function ownerSlots(hosts: readonly OwnerHostLoad[], window: OwnerWindow): OwnerSlotMs[] {
  const durationMs = window.durationMin * MS_PER_MINUTE;
  const query = ownerSlotQuery(hosts, window);
  if (window.mode === "all") {
    const hostUserIds = hosts.map((host) => host.hostUserId);
    return computeSlots(query).map((startMs) => ({ startMs, endMs: startMs + durationMs, hostUserIds }));
  }
  const freeHosts = new Map<number, string[]>();
  for (const host of hosts) {
    // The team's grid (the first host's zone), one host at a time.
    for (const startMs of computeSlots({ ...query, mode: "single", hosts: query.hosts.filter((h) => h.hostId === host.hostUserId) })) {
      const list = freeHosts.get(startMs);
      if (list) list.push(host.hostUserId);
      else freeHosts.set(startMs, [host.hostUserId]);
    }
  }
  return [...freeHosts.keys()].sort((a, b) => a - b).map((startMs) => ({ startMs, endMs: startMs + durationMs, hostUserIds: freeHosts.get(startMs)! }));
}

export type OwnerReason = { code: UnavailableReason; message: string };

/**
 * Whether a meeting can start at startMs, judged as a direct booking would be
 * (any five-minute mark, not only the availability grid), with every reason
 * it cannot: one per blocked host, or the one reason that is about no host.
 * `names` turns host ids into names in the messages.
 */
export function explainOwnerInstant(hosts: readonly OwnerHostLoad[], window: OwnerWindow, startMs: number, names: ReadonlyMap<string, string>): { free: boolean; hostUserIds: string[]; reasons: OwnerReason[] } {
  const query = ownerSlotQuery(hosts, { ...window, fromMs: Math.min(window.fromMs, startMs), toMs: Math.max(window.toMs, startMs + window.durationMin * MS_PER_MINUTE), intervalMin: DIRECT_GRID_MIN });
  const explanation = explainInstant({ ...query, linkTimeZone: "UTC" }, startMs);
  if (explanation.bookable) return { free: true, hostUserIds: explanation.hostIds.map(String), reasons: [] };
  const named = (text: string) => [...names].reduce((message, [id, name]) => message.replaceAll(`host ${id}`, name), text);
  const verdicts = explanation.blockedHosts.length > 0 ? explanation.blockedHosts : [{ reason: explanation.reason, detail: explanation.detail }];
  return { free: false, hostUserIds: [], reasons: verdicts.map((verdict) => ({ code: verdict.reason, message: named(verdict.detail) })) };
}

/** Up to NEAREST_COUNT free starts (on the availability grid) nearest to aroundMs, within NEAREST_SPAN_DAYS either side, in time order. */
export function nearestOwnerStartsMs(hosts: readonly OwnerHostLoad[], window: OwnerWindow, aroundMs: number): number[] {
  const spanMs = NEAREST_SPAN_DAYS * MS_PER_DAY;
  const fromMs = Math.max(window.nowMs, aroundMs - spanMs);
  const toMs = aroundMs + spanMs;
  if (toMs <= fromMs) return [];
  return ownerSlots(hosts, { ...window, fromMs, toMs })
    .map((slot) => slot.startMs)
    .sort((a, b) => Math.abs(a - aroundMs) - Math.abs(b - aroundMs) || a - b)
    .slice(0, NEAREST_COUNT)
    .sort((a, b) => a - b);
}
