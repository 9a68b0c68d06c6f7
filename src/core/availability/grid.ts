// The link's slot grid: instants whose wall-clock reading in the link zone is a
// whole multiple of the slot interval after that local midnight. The grid
// follows the clock as displayed: in a DST overlap both instants showing 01:30
// are on it, inside a gap none are, and it restarts at every local midnight
// (so a 25-minute grid has a short last step each day).
import { MS_PER_DAY, MS_PER_MINUTE } from "../time/calendar-date.js";
import type { ReadonlyIntervalList } from "../time/interval.js";
import type { ZoneTimeline } from "../time/zone.js";

export type SlotGrid = {
  /** Ascending grid instants. */
  startsMs: number[];
  /** Link-local day number of each instant (for per-day and per-week limits). */
  dayNumbers: number[];
};

/**
 * Grid instants inside the half-open ranges [from0, to0), [from1, to1), … (sorted,
 * disjoint), found per offset segment of the timeline by arithmetic, never by
 * testing every minute. The timeline must cover the ranges.
 */
export function buildGrid(timeline: ZoneTimeline, ranges: ReadonlyIntervalList, slotIntervalMin: number): SlotGrid {
  const startsMs: number[] = [];
  const dayNumbers: number[] = [];
  const stepMs = slotIntervalMin * MS_PER_MINUTE;
  const segmentStartsMs = timeline.segmentStartsMs;
  const offsetsMs = timeline.offsetsMs;
  for (let r = 0; r < ranges.length; r += 2) {
    const rangeFromMs = ranges[r]!;
    const rangeToMs = ranges[r + 1]!;
    for (let k = timeline.segmentIndexAt(rangeFromMs); k < offsetsMs.length; k++) {
      const segmentFromMs = Math.max(rangeFromMs, segmentStartsMs[k]!);
      if (segmentFromMs >= rangeToMs) break;
      const segmentToMs = Math.min(rangeToMs, segmentStartsMs[k + 1] ?? Infinity);
      const offsetMs = offsetsMs[k]!;
      const firstWallMs = segmentFromMs + offsetMs;
      let dayNumber = Math.floor(firstWallMs / MS_PER_DAY);
      let timeOfDayMs = Math.ceil((firstWallMs - dayNumber * MS_PER_DAY) / stepMs) * stepMs;
      for (;;) {
        if (timeOfDayMs >= MS_PER_DAY) {
          dayNumber++;
          timeOfDayMs = 0;
        }
        const startMs = dayNumber * MS_PER_DAY + timeOfDayMs - offsetMs;
        if (startMs >= segmentToMs) break;
        // Historical offsets with seconds put wall minutes off whole UTC minutes: only whole minutes are candidates.
        if (startMs % MS_PER_MINUTE === 0) {
          startsMs.push(startMs);
          dayNumbers.push(dayNumber);
        }
        timeOfDayMs += stepMs;
      }
    }
  }
  return { startsMs, dayNumbers };
}

/** Whether one instant is on the grid (the per-instant form of buildGrid, for explanations). */
export function isOnGrid(timeline: ZoneTimeline, startMs: number, slotIntervalMin: number): boolean {
  if (startMs % MS_PER_MINUTE !== 0) return false;
  const wallMs = startMs + timeline.offsetAtMs(startMs);
  const timeOfDayMs = wallMs - Math.floor(wallMs / MS_PER_DAY) * MS_PER_DAY;
  return timeOfDayMs % (slotIntervalMin * MS_PER_MINUTE) === 0;
}

/**
 * Constant-time search over the grid instants: a table gives, for each bucket
 * of time, the first instant at or after the bucket's start; a short scan
 * finishes. Busy intervals each need two searches, so this keeps a
 * 10,000-interval calendar to a few µs per thousand intervals.
 */
export class GridIndex {
  private readonly startsMs: readonly number[];
  private readonly firstMs: number;
  private readonly lastMs: number;
  private readonly bucketsPerMs: number;
  private readonly firstIndexByBucket: Int32Array;

  constructor(startsMs: readonly number[], slotIntervalMin: number) {
    this.startsMs = startsMs;
    const count = startsMs.length;
    this.firstMs = count === 0 ? 0 : startsMs[0]!;
    this.lastMs = count === 0 ? -1 : startsMs[count - 1]!;
    // Buckets no wider than one grid step (so a bucket holds one or two instants, two in DST overlaps), and no more than ~4 per instant.
    const spanMs = Math.max(this.lastMs - this.firstMs, 0);
    const bucketMs = Math.max(slotIntervalMin * MS_PER_MINUTE, Math.ceil(spanMs / (4 * count + 16)));
    this.bucketsPerMs = 1 / bucketMs; // a multiplication in the lookups instead of a division
    const bucketCount = Math.floor(spanMs * this.bucketsPerMs) + 2;
    this.firstIndexByBucket = new Int32Array(bucketCount);
    let i = 0;
    for (let b = 0; b < bucketCount; b++) {
      const bucketStartMs = this.firstMs + b * bucketMs;
      while (i < count && startsMs[i]! < bucketStartMs) i++;
      this.firstIndexByBucket[b] = i;
    }
  }

  /** First index whose instant is ≥ instantMs (count when none). */
  firstAtOrAfter(instantMs: number): number {
    if (instantMs <= this.firstMs) return 0;
    const starts = this.startsMs;
    if (instantMs > this.lastMs) return starts.length;
    let i = this.firstIndexByBucket[Math.floor((instantMs - this.firstMs) * this.bucketsPerMs)]!;
    // The reciprocal can round a bucket edge either way: step back if needed, then forward.
    while (i > 0 && starts[i - 1]! >= instantMs) i--;
    while (starts[i]! < instantMs) i++;
    return i;
  }

  /** First index whose instant is > instantMs (count when none). */
  firstAfter(instantMs: number): number {
    if (instantMs < this.firstMs) return 0;
    const starts = this.startsMs;
    if (instantMs >= this.lastMs) return starts.length;
    let i = this.firstIndexByBucket[Math.floor((instantMs - this.firstMs) * this.bucketsPerMs)]!;
    while (i > 0 && starts[i - 1]! > instantMs) i--;
    while (starts[i]! <= instantMs) i++;
    return i;
  }
}
