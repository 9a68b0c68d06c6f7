import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  clip,
  containsRange,
  fromRanges,
  intersect,
  isNormalized,
  lowerBound,
  normalize,
  overlapsAny,
  subtract,
  toRanges,
  union,
  upperBound,
  type IntervalList,
} from "./interval.js";

// Model: an interval list over [0, SIZE) as the set of integer points it covers.
const SIZE = 60;

function points(list: IntervalList): boolean[] {
  const covered = new Array<boolean>(SIZE).fill(false);
  for (let i = 0; i < list.length; i += 2) for (let t = Math.max(0, list[i]!); t < Math.min(SIZE, list[i + 1]!); t++) covered[t] = true;
  return covered;
}

const rawList = fc.array(fc.tuple(fc.integer({ min: 0, max: SIZE }), fc.integer({ min: 0, max: SIZE })), { maxLength: 12 }).map((pairs) => pairs.flat());
const normalizedList = rawList.map(normalize);

describe("normalize", () => {
  it("sorts, merges overlapping and touching intervals and drops empty ones", () => {
    expect(normalize([5, 7, 1, 3, 3, 4, 6, 9, 12, 12, 20, 10])).toEqual([1, 4, 5, 9]);
    expect(normalize([1, 2, 2, 3])).toEqual([1, 3]);
    expect(normalize([0, 1, NaN, 5, 2, 3])).toEqual([0, 1, 2, 3]);
    expect(normalize([])).toEqual([]);
  });

  it("keeps the covered set and yields normal form, whatever the order", () => {
    fc.assert(
      fc.property(rawList, (list) => {
        const normal = normalize(list);
        expect(isNormalized(normal)).toBe(true);
        expect(points(normal)).toEqual(points(list));
        const reversedPairs = toRanges(list).reverse();
        expect(normalize(fromRanges(reversedPairs))).toEqual(normal);
      }),
    );
  });
});

describe("set operations", () => {
  it("union, intersect and subtract agree with the point model and stay normalized", () => {
    fc.assert(
      fc.property(normalizedList, normalizedList, (a, b) => {
        const pa = points(a);
        const pb = points(b);
        const u = union(a, b);
        const n = intersect(a, b);
        const d = subtract(a, b);
        for (const result of [u, n, d]) expect(isNormalized(result)).toBe(true);
        expect(points(u)).toEqual(pa.map((x, t) => x || pb[t]!));
        expect(points(n)).toEqual(pa.map((x, t) => x && pb[t]!));
        expect(points(d)).toEqual(pa.map((x, t) => x && !pb[t]!));
      }),
    );
  });

  it("clip keeps the part inside [from, to)", () => {
    expect(clip([0, 10, 20, 30], 5, 25)).toEqual([5, 10, 20, 25]);
    fc.assert(
      fc.property(normalizedList, fc.integer({ min: 0, max: SIZE }), fc.integer({ min: 0, max: SIZE }), (a, from, to) => {
        const c = clip(a, from, to);
        expect(isNormalized(c)).toBe(true);
        expect(points(c)).toEqual(points(a).map((x, t) => x && t >= from && t < to));
      }),
    );
  });

  it("containsRange and overlapsAny answer by binary search like the model", () => {
    fc.assert(
      fc.property(normalizedList, fc.integer({ min: 0, max: SIZE }), fc.integer({ min: 1, max: 10 }), (a, start, length) => {
        const pa = points(a);
        const end = Math.min(SIZE, start + length);
        if (end <= start) return;
        const span = pa.slice(start, end);
        // Contained means covered by ONE interval; in normal form intervals never touch, so "all points covered" is the same.
        expect(containsRange(a, start, end)).toBe(span.every(Boolean));
        expect(overlapsAny(a, start, end)).toBe(span.some(Boolean));
      }),
    );
    expect(overlapsAny([0, 10], 5, 5)).toBe(false);
  });
});

describe("sorted search", () => {
  it("lowerBound and upperBound find the first index ≥ and > a value", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 30 })), fc.integer({ min: -1, max: 31 }), (values, probe) => {
        const sorted = [...values].sort((x, y) => x - y);
        expect(lowerBound(sorted, probe)).toBe(sorted.filter((v) => v < probe).length);
        expect(upperBound(sorted, probe)).toBe(sorted.filter((v) => v <= probe).length);
      }),
    );
  });
});
