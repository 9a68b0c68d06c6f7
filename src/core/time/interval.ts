// Interval algebra on half-open [startMs, endMs) spans of integer epoch
// milliseconds, stored flat as [start0, end0, start1, end1, …] in a plain
// number array (no per-interval objects, no date library). Every operation but
// normalize expects normalized input — sorted, non-empty, disjoint and not
// touching — and is one linear pass; normalize is O(n) on sorted input and
// O(n log n) otherwise.

/** Flat list of half-open intervals: [start0, end0, start1, end1, …], epoch ms. */
export type IntervalList = number[];
export type ReadonlyIntervalList = readonly number[];

/** One interval as an object, the shape callers outside the engine use. */
export type TimeRangeMs = { startMs: number; endMs: number };

export function fromRanges(ranges: readonly TimeRangeMs[]): IntervalList {
  const list: IntervalList = new Array<number>(ranges.length * 2);
  for (let i = 0; i < ranges.length; i++) {
    const range = ranges[i]!;
    list[2 * i] = range.startMs;
    list[2 * i + 1] = range.endMs;
  }
  return list;
}

export function toRanges(list: ReadonlyIntervalList): TimeRangeMs[] {
  const ranges: TimeRangeMs[] = [];
  for (let i = 0; i < list.length; i += 2) ranges.push({ startMs: list[i]!, endMs: list[i + 1]! });
  return ranges;
}

/** True when the list is in the normal form every other operation expects. */
export function isNormalized(list: ReadonlyIntervalList): boolean {
  if (list.length % 2 !== 0) return false;
  let previousEnd = -Infinity;
  for (let i = 0; i < list.length; i += 2) {
    const start = list[i]!;
    const end = list[i + 1]!;
    if (!(start > previousEnd && end > start)) return false;
    previousEnd = end;
  }
  return true;
}

/**
 * Sorts and merges: drops empty or NaN intervals, joins overlapping and
 * touching ones. Unsorted input is handled without sorting pairs: the starts
 * and the ends are sorted separately (native typed-array sort) and swept with a
 * coverage counter, which gives the same union.
 */
export function normalize(list: ReadonlyIntervalList): IntervalList {
  let isSorted = true;
  let previousStart = -Infinity;
  for (let i = 0; i < list.length; i += 2) {
    const start = list[i]!;
    if (start < previousStart) {
      isSorted = false;
      break;
    }
    if (list[i + 1]! > start) previousStart = start;
  }
  return isSorted ? mergeSorted(list) : mergeUnsorted(list);
}

function mergeSorted(list: ReadonlyIntervalList): IntervalList {
  const out: IntervalList = [];
  let runStart = NaN;
  let runEnd = NaN;
  for (let i = 0; i < list.length; i += 2) {
    const start = list[i]!;
    const end = list[i + 1]!;
    if (!(end > start)) continue;
    if (start <= runEnd) {
      if (end > runEnd) runEnd = end;
    } else {
      if (runEnd === runEnd) out.push(runStart, runEnd);
      runStart = start;
      runEnd = end;
    }
  }
  if (runEnd === runEnd) out.push(runStart, runEnd);
  return out;
}

function mergeUnsorted(list: ReadonlyIntervalList): IntervalList {
  const starts = new Float64Array(list.length / 2);
  const ends = new Float64Array(list.length / 2);
  let count = 0;
  for (let i = 0; i < list.length; i += 2) {
    const start = list[i]!;
    const end = list[i + 1]!;
    if (!(end > start)) continue;
    starts[count] = start;
    ends[count] = end;
    count++;
  }
  const sortedStarts = starts.subarray(0, count).sort();
  const sortedEnds = ends.subarray(0, count).sort();
  const out: IntervalList = [];
  let startIndex = 0;
  let endIndex = 0;
  let depth = 0;
  let runStart = 0;
  while (endIndex < count) {
    // Starts go before ends at equal times, so touching intervals join.
    if (startIndex < count && sortedStarts[startIndex]! <= sortedEnds[endIndex]!) {
      if (depth === 0) runStart = sortedStarts[startIndex]!;
      depth++;
      startIndex++;
    } else {
      depth--;
      if (depth === 0) out.push(runStart, sortedEnds[endIndex]!);
      endIndex++;
    }
  }
  return out;
}

export function union(a: ReadonlyIntervalList, b: ReadonlyIntervalList): IntervalList {
  const out: IntervalList = [];
  let i = 0;
  let j = 0;
  let runStart = NaN;
  let runEnd = NaN;
  while (i < a.length || j < b.length) {
    let start: number;
    let end: number;
    if (j >= b.length || (i < a.length && a[i]! <= b[j]!)) {
      start = a[i]!;
      end = a[i + 1]!;
      i += 2;
    } else {
      start = b[j]!;
      end = b[j + 1]!;
      j += 2;
    }
    if (start <= runEnd) {
      if (end > runEnd) runEnd = end;
    } else {
      if (runEnd === runEnd) out.push(runStart, runEnd);
      runStart = start;
      runEnd = end;
    }
  }
  if (runEnd === runEnd) out.push(runStart, runEnd);
  return out;
}

export function intersect(a: ReadonlyIntervalList, b: ReadonlyIntervalList): IntervalList {
  const out: IntervalList = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const start = Math.max(a[i]!, b[j]!);
    const aEnd = a[i + 1]!;
    const bEnd = b[j + 1]!;
    const end = Math.min(aEnd, bEnd);
    if (end > start) out.push(start, end);
    if (aEnd < bEnd) i += 2;
    else j += 2;
  }
  return out;
}

/** a minus b. */
export function subtract(a: ReadonlyIntervalList, b: ReadonlyIntervalList): IntervalList {
  const out: IntervalList = [];
  let j = 0;
  for (let i = 0; i < a.length; i += 2) {
    let start = a[i]!;
    const end = a[i + 1]!;
    while (j < b.length && b[j + 1]! <= start) j += 2;
    let k = j;
    while (k < b.length && b[k]! < end) {
      if (b[k]! > start) out.push(start, b[k]!);
      start = Math.max(start, b[k + 1]!);
      if (start >= end) break;
      k += 2;
    }
    if (start < end) out.push(start, end);
  }
  return out;
}

/** The part of the list inside [fromMs, toMs). */
export function clip(list: ReadonlyIntervalList, fromMs: number, toMs: number): IntervalList {
  const out: IntervalList = [];
  for (let i = firstEndingAfter(list, fromMs); i < list.length; i += 2) {
    const start = list[i]!;
    if (start >= toMs) break;
    const clippedStart = start > fromMs ? start : fromMs;
    const end = list[i + 1]!;
    const clippedEnd = end < toMs ? end : toMs;
    if (clippedEnd > clippedStart) out.push(clippedStart, clippedEnd);
  }
  return out;
}

/** Index (even) of the first interval whose end is after instantMs; list.length when none. */
function firstEndingAfter(list: ReadonlyIntervalList, instantMs: number): number {
  let low = 0;
  let high = list.length / 2;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (list[2 * middle + 1]! <= instantMs) low = middle + 1;
    else high = middle;
  }
  return 2 * low;
}

/** Whether [startMs, endMs) lies inside a single interval of a normalized list. Binary search. */
export function containsRange(list: ReadonlyIntervalList, startMs: number, endMs: number): boolean {
  const i = firstEndingAfter(list, startMs);
  return i < list.length && list[i]! <= startMs && list[i + 1]! >= endMs;
}

/** Whether [startMs, endMs) shares any instant with a normalized list. Binary search. */
export function overlapsAny(list: ReadonlyIntervalList, startMs: number, endMs: number): boolean {
  if (!(endMs > startMs)) return false;
  const i = firstEndingAfter(list, startMs);
  return i < list.length && list[i]! < endMs;
}

/** First index whose value is ≥ valueMs in an ascending array (length when none). */
export function lowerBound(sorted: ArrayLike<number>, valueMs: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < valueMs) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** First index whose value is > valueMs in an ascending array (length when none). */
export function upperBound(sorted: ArrayLike<number>, valueMs: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! <= valueMs) low = middle + 1;
    else high = middle;
  }
  return low;
}
