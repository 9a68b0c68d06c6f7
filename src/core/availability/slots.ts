// Slots: the bookable start instants of a query. Working time is computed per
// host and combined (intersection for single/collective, union for
// round-robin) to bound the candidates; the link's grid is laid over that; then
// each host blocks the candidates it cannot take. Busy time is never sorted:
// each busy interval or booking blocks a run of candidates found by a
// constant-time grid search and recorded in a difference array, so n busy
// intervals cost O(n + c) for c candidates, whatever their order.
import { MS_PER_MINUTE } from "../time/calendar-date.js";
import { MAX_ABS_INSTANT_MS } from "../time/zone.js";
import { intersect, union, type IntervalList, type ReadonlyIntervalList } from "../time/interval.js";
import { buildGrid, GridIndex, type SlotGrid } from "./grid.js";
import { hasLimits, limitReachedOn, tallyBookings } from "./limits.js";
import { prepareQuery, type PreparedHost, type PreparedQuery } from "./prepared-query.js";
import { invalidBusyInterval, slotStartSpan } from "./query-bounds.js";
import type { BusyTimeMs, SlotQuery } from "./types.js";
import { workingTimeMs } from "./working-time.js";

/** Sorted, unique start instants (epoch ms) of the bookable slots. Pure; throws ConveneError on bad input. */
export function computeSlots(query: SlotQuery): number[] {
  const span = slotStartSpan(query);
  const durationMs = query.durationMin * MS_PER_MINUTE;
  const prepared = prepareQuery(query, span.fromMs, Math.max(span.fromMs, span.toMs) + durationMs);
  if (span.toMs <= span.fromMs) return [];
  const workFromMs = span.fromMs;
  const workToMs = span.toMs - 1 + durationMs;
  const workingTimes = prepared.hosts.map((host) => workingTimeMs(host.rules, host.timeline, workFromMs, workToMs));
  const isRoundRobin = query.mode === "round_robin";
  let combined: ReadonlyIntervalList = workingTimes[0]!;
  for (let h = 1; h < workingTimes.length; h++) combined = isRoundRobin ? union(combined, workingTimes[h]!) : intersect(combined, workingTimes[h]!);
  const grid = buildGrid(prepared.linkTimeline, startRangesWithin(combined, durationMs, span.fromMs, span.toMs), query.slotIntervalMin);
  const count = grid.startsMs.length;
  if (count === 0) return [];
  const blocks = new CandidateBlocks(grid, query.slotIntervalMin);

  const isFree = new Uint8Array(count);
  if (isRoundRobin) {
    // Any one host will do: each host gets its own pass over the candidates.
    for (let h = 0; h < prepared.hosts.length; h++) {
      blocks.clear();
      blocks.blockOutside(workingTimes[h]!, durationMs);
      blockHostBusyTime(prepared, prepared.hosts[h]!, blocks);
      blocks.markUnblocked(isFree, dayLimitMask(prepared, prepared.hosts[h]!, grid));
    }
  } else {
    // Every host must be free: one pass, a candidate blocked by any host is out.
    // The candidates already lie in every host's working time (they come from the intersection).
    const dayMasks: (DayMask | null)[] = [];
    for (const host of prepared.hosts) {
      blockHostBusyTime(prepared, host, blocks);
      dayMasks.push(dayLimitMask(prepared, host, grid));
    }
    blocks.markUnblocked(isFree, combineDayMasks(dayMasks));
  }
  const slots: number[] = [];
  for (let i = 0; i < count; i++) if (isFree[i] === 1) slots.push(grid.startsMs[i]!);
  return slots;
}

/** Half-open ranges of starts s with [s, s + duration) inside one working interval and s in [fromMs, toMs). */
function startRangesWithin(working: ReadonlyIntervalList, durationMs: number, fromMs: number, toMs: number): IntervalList {
  const ranges: IntervalList = [];
  for (let i = 0; i < working.length; i += 2) {
    const rangeFromMs = Math.max(working[i]!, fromMs);
    const rangeToMs = Math.min(working[i + 1]! - durationMs + 1, toMs);
    if (rangeToMs > rangeFromMs) ranges.push(rangeFromMs, rangeToMs);
  }
  return ranges;
}

/** A difference array over the candidates: +1 where a block starts, −1 after it ends. */
class CandidateBlocks {
  readonly grid: SlotGrid;
  readonly index: GridIndex;
  readonly delta: Int32Array;

  constructor(grid: SlotGrid, slotIntervalMin: number) {
    this.grid = grid;
    this.index = new GridIndex(grid.startsMs, slotIntervalMin);
    this.delta = new Int32Array(grid.startsMs.length + 1);
  }

  clear(): void {
    this.delta.fill(0);
  }

  /** Blocks candidates with fromMs < s < toMs (both exclusive). */
  blockBetween(fromMs: number, toMs: number): void {
    const first = this.index.firstAfter(fromMs);
    // Most busy time (nights, weekends) blocks no candidate: one search settles it.
    if (first >= this.grid.startsMs.length || this.grid.startsMs[first]! >= toMs) return;
    const end = this.index.firstAtOrAfter(toMs);
    this.delta[first] = this.delta[first]! + 1;
    this.delta[end] = this.delta[end]! - 1;
  }

  /** Blocks every candidate whose [s, s + duration) is not inside one interval of the normalized working time. */
  blockOutside(workingTime: ReadonlyIntervalList, durationMs: number): void {
    const delta = this.delta;
    delta[0] = delta[0]! + 1;
    delta[delta.length - 1] = delta[delta.length - 1]! - 1;
    for (let w = 0; w < workingTime.length; w += 2) {
      const first = this.index.firstAtOrAfter(workingTime[w]!);
      const end = this.index.firstAfter(workingTime[w + 1]! - durationMs);
      if (first < end) {
        delta[first] = delta[first]! - 1;
        delta[end] = delta[end]! + 1;
      }
    }
  }

  /** Sets isFree[i] for every candidate no block covers and whose day the mask does not block. */
  markUnblocked(isFree: Uint8Array, isDayBlocked: DayMask | null): void {
    const delta = this.delta;
    const count = isFree.length;
    let blockers = 0;
    if (isDayBlocked === null) {
      for (let i = 0; i < count; i++) {
        blockers += delta[i]!;
        if (blockers === 0) isFree[i] = 1;
      }
      return;
    }
    const dayNumbers = this.grid.dayNumbers;
    for (let i = 0; i < count; i++) {
      blockers += delta[i]!;
      if (blockers === 0 && isDayBlocked.mask[dayNumbers[i]! - isDayBlocked.firstDay] === 0) isFree[i] = 1;
    }
  }
}

function blockHostBusyTime(prepared: PreparedQuery, preparedHost: PreparedHost, blocks: CandidateBlocks): void {
  const { query } = prepared;
  const { host } = preparedHost;
  // [s − before, s + duration + after) meets [b0, b1) exactly when b0 − after − duration < s < b1 + before.
  const reachBeforeMs = (query.bufferAfterMin + query.durationMin) * MS_PER_MINUTE;
  const reachAfterMs = query.bufferBeforeMin * MS_PER_MINUTE;
  blockIntervals(host.busy, host.hostId, blocks, reachBeforeMs, reachAfterMs);
  if (host.bookings !== undefined) blockIntervals(host.bookings, host.hostId, blocks, reachBeforeMs, reachAfterMs);
}

function blockIntervals(intervals: BusyTimeMs, hostId: unknown, blocks: CandidateBlocks, reachBeforeMs: number, reachAfterMs: number): void {
  if (intervals instanceof Float64Array) {
    for (let b = 0; b + 1 < intervals.length; b += 2) blockInterval(intervals[b]!, intervals[b + 1]!, hostId, blocks, reachBeforeMs, reachAfterMs);
  } else {
    for (let b = 0; b < intervals.length; b++) {
      const interval = intervals[b]!;
      blockInterval(interval.startMs, interval.endMs, hostId, blocks, reachBeforeMs, reachAfterMs);
    }
  }
}

function blockInterval(busyStartMs: number, busyEndMs: number, hostId: unknown, blocks: CandidateBlocks, reachBeforeMs: number, reachAfterMs: number): void {
  // NaN or infinite ends would silently free or block everything: refuse them.
  if (busyEndMs > busyStartMs) {
    if (busyStartMs < -MAX_ABS_INSTANT_MS || busyEndMs > MAX_ABS_INSTANT_MS) throw invalidBusyInterval(hostId, busyStartMs, busyEndMs);
    blocks.blockBetween(busyStartMs - reachBeforeMs, busyEndMs + reachAfterMs);
  } else if (!(Math.abs(busyStartMs) <= MAX_ABS_INSTANT_MS && Math.abs(busyEndMs) <= MAX_ABS_INSTANT_MS)) {
    throw invalidBusyInterval(hostId, busyStartMs, busyEndMs);
  } // else empty: overlaps nothing
}

/** Link-local days on which a booking limit already stops this host, as a mask over the grid's days. */
type DayMask = { firstDay: number; mask: Uint8Array };

function dayLimitMask(prepared: PreparedQuery, preparedHost: PreparedHost, grid: SlotGrid): DayMask | null {
  const { query } = prepared;
  if (!hasLimits(query)) return null;
  let firstDay = Infinity;
  let lastDay = -Infinity;
  for (const day of grid.dayNumbers) {
    if (day < firstDay) firstDay = day;
    if (day > lastDay) lastDay = day;
  }
  const mask = new Uint8Array(lastDay - firstDay + 1);
  const tally = tallyBookings(preparedHost.host.bookings ?? [], prepared.linkTimeline);
  for (let day = firstDay; day <= lastDay; day++) mask[day - firstDay] = limitReachedOn(tally, day, query) === null ? 0 : 1;
  return { firstDay, mask };
}

function combineDayMasks(masks: readonly (DayMask | null)[]): DayMask | null {
  let combined: DayMask | null = null;
  for (const mask of masks) {
    if (mask === null) continue;
    if (combined === null) combined = { firstDay: mask.firstDay, mask: mask.mask.slice() };
    else for (let d = 0; d < mask.mask.length; d++) combined.mask[d] = combined.mask[d]! | mask.mask[d]!;
  }
  return combined;
}
