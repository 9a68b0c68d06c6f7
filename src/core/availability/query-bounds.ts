// Checks a slot query before any work and derives the span of possible slot
// starts. Safety bounds keep one request from costing unbounded time: a window
// of at most 366 days and at most 100,000 busy intervals and bookings in all.
import { ConveneError } from "../errors.js";
import { MS_PER_DAY, MS_PER_MINUTE } from "../time/calendar-date.js";
import { assertTimeZone, MAX_ABS_INSTANT_MS } from "../time/zone.js";
import { SLOT_MODES, type SlotQuery } from "./types.js";

export const MAX_WINDOW_DAYS = 366;
export const MAX_BUSY_INTERVALS = 100_000;
export const MIN_DURATION_MIN = 5;
export const MAX_DURATION_MIN = 720;
export const MAX_BUFFER_MIN = 1_440;
export const MAX_NOTICE_MIN = 400 * 1_440;

function invalid(field: string, message: string, value: unknown): ConveneError {
  return new ConveneError("VALIDATION_FAILED", `${field} ${message}`, { details: { field, value } });
}

function checkInstant(field: string, value: number): void {
  if (!Number.isSafeInteger(value) || Math.abs(value) > MAX_ABS_INSTANT_MS) throw invalid(field, "must be an integer epoch-millisecond instant", value);
}

function checkWholeMinutes(field: string, value: number | undefined, min: number, max: number): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < min || value > max) throw invalid(field, `must be a whole number from ${min} to ${max}`, value);
}

/** Throws WINDOW_TOO_LONG for a window over MAX_WINDOW_DAYS. */
export function checkWindowLength(windowStartMs: number, windowEndMs: number): void {
  if (windowEndMs - windowStartMs > MAX_WINDOW_DAYS * MS_PER_DAY) {
    throw new ConveneError("WINDOW_TOO_LONG", `The window spans more than ${MAX_WINDOW_DAYS} days`, {
      details: { maxDays: MAX_WINDOW_DAYS, windowStartMs, windowEndMs },
    });
  }
}

/** Throws VALIDATION_FAILED, WINDOW_TOO_LONG, TOO_MANY_BUSY_INTERVALS, UNKNOWN_TIME_ZONE or INVALID_RULES (the last from rule compilation). */
export function validateSlotQuery(query: SlotQuery): void {
  if (!(SLOT_MODES as readonly string[]).includes(query.mode)) {
    throw invalid("mode", `must be ${SLOT_MODES.map((mode) => `"${mode}"`).join(", ").replace(/, ([^,]*)$/, " or $1")}`, query.mode);
  }
  if (!Array.isArray(query.hosts) || query.hosts.length === 0) throw invalid("hosts", "must list at least one host", query.hosts);
  if (query.mode === "single" && query.hosts.length !== 1) throw invalid("hosts", 'must hold exactly one host in "single" mode', query.hosts.length);
  checkInstant("nowMs", query.nowMs);
  checkInstant("windowStartMs", query.windowStartMs);
  checkInstant("windowEndMs", query.windowEndMs);
  checkWindowLength(query.windowStartMs, query.windowEndMs);
  checkWholeMinutes("durationMin", query.durationMin, MIN_DURATION_MIN, MAX_DURATION_MIN);
  checkWholeMinutes("slotIntervalMin", query.slotIntervalMin, MIN_DURATION_MIN, MAX_DURATION_MIN);
  checkWholeMinutes("minNoticeMin", query.minNoticeMin, 0, MAX_NOTICE_MIN);
  checkWholeMinutes("bufferBeforeMin", query.bufferBeforeMin, 0, MAX_BUFFER_MIN);
  checkWholeMinutes("bufferAfterMin", query.bufferAfterMin, 0, MAX_BUFFER_MIN);
  checkWholeMinutes("maxDaysAhead", query.maxDaysAhead, 0, 100_000);
  checkWholeMinutes("maxPerDay", query.maxPerDay, 0, 1_000_000);
  checkWholeMinutes("maxPerWeek", query.maxPerWeek, 0, 1_000_000);
  assertTimeZone(query.linkTimeZone);
  let intervalCount = 0;
  const hostIds = new Set<unknown>();
  for (const host of query.hosts) {
    if (typeof host.hostId !== "string" && typeof host.hostId !== "number") throw invalid("hostId", "must be a string or a number", host.hostId);
    if (hostIds.has(host.hostId)) throw invalid("hostId", "appears twice", host.hostId);
    hostIds.add(host.hostId);
    assertTimeZone(host.timeZone);
    if (host.busy instanceof Float64Array) {
      if (host.busy.length % 2 !== 0) throw invalid("busy", "as a Float64Array must hold [start, end] pairs", host.hostId);
      intervalCount += host.busy.length / 2;
    } else if (Array.isArray(host.busy)) {
      intervalCount += host.busy.length;
    } else {
      throw invalid("busy", "must be a list of {startMs, endMs} or a Float64Array of pairs", host.hostId);
    }
    intervalCount += host.bookings?.length ?? 0;
  }
  if (intervalCount > MAX_BUSY_INTERVALS) {
    throw new ConveneError("TOO_MANY_BUSY_INTERVALS", `${intervalCount} busy intervals and bookings; at most ${MAX_BUSY_INTERVALS} per query`, {
      details: { count: intervalCount, max: MAX_BUSY_INTERVALS },
    });
  }
}

/** Half-open span [fromMs, toMs) of slot starts allowed by the window, the notice and maxDaysAhead (empty when toMs ≤ fromMs). */
export function slotStartSpan(query: SlotQuery): { fromMs: number; toMs: number } {
  const fromMs = Math.max(query.windowStartMs, query.nowMs + query.minNoticeMin * MS_PER_MINUTE);
  // Instants are integers, so "start + duration ≤ windowEnd" is "start < windowEnd − duration + 1".
  let toMs = query.windowEndMs - query.durationMin * MS_PER_MINUTE + 1;
  if (query.maxDaysAhead !== undefined) toMs = Math.min(toMs, query.nowMs + query.maxDaysAhead * MS_PER_DAY);
  return { fromMs, toMs };
}

/**
 * Most slots one answer carries. A month view (the month ± a day: 33 days) of
 * a link open around the clock at 5-minute slots has at most 33 × 300 = 9,900
 * starts (300 in a 25-hour day), so the booking page still gets a whole month
 * in one answer; a longer window is answered in pages (`nextFrom`).
 */
export const MAX_SLOTS_PER_ANSWER = 10_000;

/**
 * The first page of a slot window: slots starting in [fromMs, pageEndMs).
 * The page is as long as the grid could fill with maxSlots starts (a 25-hour
 * day at most ⌈1500 / interval⌉ of them), so the engine never computes more
 * than an answer can carry, however long the window asked for.
 * nextFromMs is null when the page is the whole window.
 */
export function firstSlotPage(fromMs: number, toMs: number, slotIntervalMin: number, maxSlots = MAX_SLOTS_PER_ANSWER): { pageEndMs: number; nextFromMs: number | null } {
  const maxStartsPerDay = Math.ceil((25 * 60) / slotIntervalMin);
  const pageMs = Math.max(slotIntervalMin * MS_PER_MINUTE, Math.floor((maxSlots / maxStartsPerDay) * MS_PER_DAY));
  return toMs - fromMs <= pageMs ? { pageEndMs: toMs, nextFromMs: null } : { pageEndMs: fromMs + pageMs, nextFromMs: fromMs + pageMs };
}

/** A busy interval or booking with a NaN end would silently free time; refuse it. */
export function invalidBusyInterval(hostId: unknown, startMs: number, endMs: number): ConveneError {
  return invalid("busy", `of host ${String(hostId)} holds an interval that is not two numbers: [${startMs}, ${endMs})`, hostId);
}
