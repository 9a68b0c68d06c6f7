// Checks a slot query before any work and derives the span of possible slot
// starts. Safety bounds keep one request from costing unbounded time: a window
// of at most 366 days and at most 100,000 busy intervals and bookings in all.
import { ConveneError } from "../errors.js";
import { MS_PER_DAY, MS_PER_MINUTE } from "../time/calendar-date.js";
import { assertTimeZone, MAX_ABS_INSTANT_MS } from "../time/zone.js";
import type { SlotQuery } from "./types.js";

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

/** Throws VALIDATION_FAILED, WINDOW_TOO_LONG, TOO_MANY_BUSY_INTERVALS, UNKNOWN_TIME_ZONE or INVALID_RULES (the last from rule compilation). */
export function validateSlotQuery(query: SlotQuery): void {
  if (query.mode !== "single" && query.mode !== "collective" && query.mode !== "round_robin") {
    throw invalid("mode", 'must be "single", "collective" or "round_robin"', query.mode);
  }
  if (!Array.isArray(query.hosts) || query.hosts.length === 0) throw invalid("hosts", "must list at least one host", query.hosts);
  if (query.mode === "single" && query.hosts.length !== 1) throw invalid("hosts", 'must hold exactly one host in "single" mode', query.hosts.length);
  checkInstant("nowMs", query.nowMs);
  checkInstant("windowStartMs", query.windowStartMs);
  checkInstant("windowEndMs", query.windowEndMs);
  if (query.windowEndMs - query.windowStartMs > MAX_WINDOW_DAYS * MS_PER_DAY) {
    throw new ConveneError("WINDOW_TOO_LONG", `The window spans more than ${MAX_WINDOW_DAYS} days`, {
      details: { maxDays: MAX_WINDOW_DAYS, windowStartMs: query.windowStartMs, windowEndMs: query.windowEndMs },
    });
  }
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

/** A busy interval or booking with a NaN end would silently free time; refuse it. */
export function invalidBusyInterval(hostId: unknown, startMs: number, endMs: number): ConveneError {
  return invalid("busy", `of host ${String(hostId)} holds an interval that is not two numbers: [${startMs}, ${endMs})`, hostId);
}
