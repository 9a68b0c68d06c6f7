// Time zones for the engine: the UTC offset in force at an instant, and the
// instant a wall-clock time names under Convene's DST policy — a wall time in a
// gap moves forward by the gap, one that occurs twice takes the earlier instant
// (Temporal's "compatible" disambiguation). Temporal is asked once per zone per
// ~397-day bucket for the offset transitions; every later question is array
// lookups, so hot loops never call Temporal.
//
// "Wall ms" below means a local date and time written as milliseconds since
// 1970-01-01T00:00 on that local clock (as if it were UTC): day number × 86.4e6
// plus the time of day. Offsets are in ms, positive east of Greenwich.
import { Temporal } from "temporal-polyfill";
import { ConveneError } from "../errors.js";
import { canonicalTimeZone } from "./zone-names.js";
import { dateTimeFieldsOf, dayNumberFromYmd, isoWeekMondayOf, MS_PER_DAY, ymdFromDayNumber } from "./calendar-date.js";

/**
 * Convene's DST policy, by Temporal's name: a wall time in a gap moves forward
 * by the length of the gap, a wall time that occurs twice takes the earlier
 * instant (the earlier offset). Every wall → instant conversion follows it.
 */
export const WALL_TIME_POLICY = "compatible" as const;

/** Instants the engine accepts: Temporal's range less a margin for the offset buckets. */
export const MAX_ABS_INSTANT_MS = 8_600_000_000_000_000;
const TEMPORAL_LIMIT_MS = 8_640_000_000_000_000;
const BUCKET_MS = 2 ** 35;
/** Caches start over past these sizes; bounds memory under odd inputs (the tz database has ~600 names). */
const MAX_BUCKETS_PER_ZONE = 256;
const MAX_CACHED_ZONES = 2_000;

type OffsetBucket = {
  /** startsMs[0] is the bucket start; the rest are transitions inside the bucket. */
  startsMs: number[];
  offsetsMs: number[];
};

// Module state, but only memos of the tz database bundled with the runtime: results never depend on them.
const knownZones = new Set<string>();
const bucketsByZone = new Map<string, Map<number, OffsetBucket>>();

/** Throws UNKNOWN_TIME_ZONE unless Temporal knows the zone (IANA names, "UTC", fixed offsets like "+05:30"). */
export function assertTimeZone(zone: string): void {
  if (knownZones.has(zone)) return;
  if (typeof zone !== "string" || zone.length === 0 || zone.length > 100) {
    throw new ConveneError("UNKNOWN_TIME_ZONE", `Unknown time zone: ${JSON.stringify(zone)}`, { details: { timeZone: zone } });
  }
  try {
    Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(zone);
  } catch (error) {
    throw new ConveneError("UNKNOWN_TIME_ZONE", `Unknown time zone: "${zone}" (expected an IANA name such as "Europe/Paris")`, {
      details: { timeZone: zone },
      cause: error,
    });
  }
  if (knownZones.size >= MAX_CACHED_ZONES) knownZones.clear();
  knownZones.add(zone);
}

/**
 * A zone a person or program sent, checked (UNKNOWN_TIME_ZONE) and by the name
 * IANA uses today ("Asia/Calcutta" → "Asia/Kolkata"): what Convene stores and shows.
 */
export function acceptTimeZone(zone: string): string {
  assertTimeZone(zone);
  return canonicalTimeZone(zone);
}

function loadBucket(zone: string, bucketIndex: number): OffsetBucket {
  let buckets = bucketsByZone.get(zone);
  if (buckets === undefined) {
    assertTimeZone(zone);
    buckets = new Map();
    if (bucketsByZone.size >= MAX_CACHED_ZONES) bucketsByZone.clear();
    bucketsByZone.set(zone, buckets);
  }
  let bucket = buckets.get(bucketIndex);
  if (bucket !== undefined) return bucket;
  const startMs = Math.max(bucketIndex * BUCKET_MS, -TEMPORAL_LIMIT_MS);
  const endMs = Math.min(startMs + BUCKET_MS, TEMPORAL_LIMIT_MS);
  let current = Temporal.Instant.fromEpochMilliseconds(startMs).toZonedDateTimeISO(zone);
  bucket = { startsMs: [bucketIndex * BUCKET_MS], offsetsMs: [current.offsetNanoseconds / 1e6] };
  for (;;) {
    const next = current.getTimeZoneTransition("next");
    if (next === null || next.epochMilliseconds >= endMs) break;
    bucket.startsMs.push(next.epochMilliseconds);
    bucket.offsetsMs.push(next.offsetNanoseconds / 1e6);
    current = next;
  }
  if (buckets.size >= MAX_BUCKETS_PER_ZONE) buckets.clear();
  buckets.set(bucketIndex, bucket);
  return bucket;
}

/** UTC offset (ms) in force at the instant. */
export function offsetAtMs(zone: string, epochMs: number): number {
  const bucket = loadBucket(zone, Math.floor(epochMs / BUCKET_MS));
  const starts = bucket.startsMs;
  let k = starts.length - 1;
  while (k > 0 && starts[k]! > epochMs) k--;
  return bucket.offsetsMs[k]!;
}

/**
 * The offsets of one zone over a span of instants, flattened into sorted arrays
 * for fast repeated lookups (the per-query form of the cache above). Lookups
 * outside the span still answer correctly, through the shared cache.
 */
export class ZoneTimeline {
  readonly zone: string;
  readonly fromMs: number;
  readonly toMs: number;
  /** Segment k is [segmentStartsMs[k], segmentStartsMs[k + 1]) with offset offsetsMs[k]; segment 0 starts at fromMs. */
  readonly segmentStartsMs: number[] = [];
  readonly offsetsMs: number[] = [];

  constructor(zone: string, fromMs: number, toMs: number) {
    this.zone = zone;
    this.fromMs = Math.max(fromMs, -MAX_ABS_INSTANT_MS);
    this.toMs = Math.min(Math.max(toMs, this.fromMs), MAX_ABS_INSTANT_MS);
    const firstBucket = Math.floor(this.fromMs / BUCKET_MS);
    const lastBucket = Math.floor(this.toMs / BUCKET_MS);
    for (let b = firstBucket; b <= lastBucket; b++) {
      const bucket = loadBucket(zone, b);
      for (let k = 0; k < bucket.startsMs.length; k++) {
        const startMs = bucket.startsMs[k]!;
        const offsetMs = bucket.offsetsMs[k]!;
        if (startMs > this.toMs) break;
        if (startMs <= this.fromMs) {
          this.segmentStartsMs[0] = this.fromMs;
          this.offsetsMs[0] = offsetMs;
        } else if (offsetMs !== this.offsetsMs[this.offsetsMs.length - 1]) {
          this.segmentStartsMs.push(startMs);
          this.offsetsMs.push(offsetMs);
        }
      }
    }
  }

  /** Index of the segment holding an instant inside [fromMs, toMs]. */
  segmentIndexAt(epochMs: number): number {
    const starts = this.segmentStartsMs;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if (starts[middle]! <= epochMs) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  offsetAtMs(epochMs: number): number {
    if (epochMs < this.fromMs || epochMs > this.toMs) return offsetAtMs(this.zone, epochMs);
    if (this.offsetsMs.length === 1) return this.offsetsMs[0]!;
    return this.offsetsMs[this.segmentIndexAt(epochMs)]!;
  }

  /** Local day number of the instant. */
  localDayNumber(epochMs: number): number {
    return Math.floor((epochMs + this.offsetAtMs(epochMs)) / MS_PER_DAY);
  }

  /** The instant a wall time names under WALL_TIME_POLICY: gap → forward by the gap, overlap → earlier instant. */
  wallToInstantMs(wallMs: number): number {
    if (wallMs - MS_PER_DAY >= this.fromMs && wallMs + MS_PER_DAY <= this.toMs) {
      // Fast path: one offset over the two days around the wall time, so it names exactly one instant.
      const k = this.segmentIndexAt(wallMs - MS_PER_DAY);
      const nextStartMs = this.segmentStartsMs[k + 1];
      if (nextStartMs === undefined || nextStartMs > wallMs + MS_PER_DAY) return wallMs - this.offsetsMs[k]!;
    }
    const offsetBeforeMs = this.offsetAtMs(wallMs - MS_PER_DAY);
    const offsetAfterMs = this.offsetAtMs(wallMs + MS_PER_DAY);
    const earlyCandidateMs = wallMs - offsetBeforeMs;
    const isEarlyValid = this.offsetAtMs(earlyCandidateMs) === offsetBeforeMs;
    if (offsetBeforeMs === offsetAfterMs) {
      if (isEarlyValid) return earlyCandidateMs;
      // Two transitions within two days (rare historical data): ask Temporal.
      return wallToInstantWithTemporal(this.zone, wallMs);
    }
    const lateCandidateMs = wallMs - offsetAfterMs;
    const isLateValid = this.offsetAtMs(lateCandidateMs) === offsetAfterMs;
    if (isEarlyValid && isLateValid) return Math.min(earlyCandidateMs, lateCandidateMs);
    if (isEarlyValid) return earlyCandidateMs;
    if (isLateValid) return lateCandidateMs;
    // A gap: read the wall time with the offset from before the gap, which lands after it by the gap's length.
    return earlyCandidateMs;
  }
}

function wallToInstantWithTemporal(zone: string, wallMs: number): number {
  const { year, month, day, hour, minute, second, millisecond } = dateTimeFieldsOf(wallMs);
  return Temporal.ZonedDateTime.from(
    { timeZone: zone, year, month, day, hour, minute, second, millisecond },
    { disambiguation: WALL_TIME_POLICY },
  ).epochMilliseconds;
}

function timelineAround(zone: string, epochMs: number): ZoneTimeline {
  return new ZoneTimeline(zone, epochMs - 2 * MS_PER_DAY, epochMs + 2 * MS_PER_DAY);
}

/** The instant a wall time names in the zone, under the DST policy above. */
export function wallToInstantMs(zone: string, wallMs: number): number {
  return timelineAround(zone, wallMs).wallToInstantMs(wallMs);
}

/** Local day number (days since 1970-01-01 on the zone's calendar) of the instant. */
export function localDayNumber(zone: string, epochMs: number): number {
  return Math.floor((epochMs + offsetAtMs(zone, epochMs)) / MS_PER_DAY);
}

/** First instant of a local date; when midnight falls in a gap, the end of the gap. */
export function localMidnightMs(zone: string, dayNumber: number): number {
  return wallToInstantMs(zone, dayNumber * MS_PER_DAY);
}

export type IsoWeek = { weekYear: number; week: number; mondayDayNumber: number };

/** ISO-8601 week (Monday–Sunday) of the instant's local date. */
export function localIsoWeek(zone: string, epochMs: number): IsoWeek {
  return isoWeekOfDayNumber(localDayNumber(zone, epochMs));
}

export function isoWeekOfDayNumber(dayNumber: number): IsoWeek {
  const mondayDayNumber = isoWeekMondayOf(dayNumber);
  const weekYear = ymdFromDayNumber(mondayDayNumber + 3).year;
  const week = Math.floor((mondayDayNumber + 3 - dayNumberFromYmd(weekYear, 1, 1)) / 7) + 1;
  return { weekYear, week, mondayDayNumber };
}
