import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { MS_PER_DAY, MS_PER_MINUTE } from "../time/calendar-date.js";
import { lowerBound, upperBound } from "../time/interval.js";
import { ZoneTimeline } from "../time/zone.js";
import { buildGrid, GridIndex, isOnGrid } from "./grid.js";

function gridLocalTimes(zone: string, fromIso: string, toIso: string, slotIntervalMin: number): string[] {
  const fromMs = Date.parse(fromIso);
  const toMs = Date.parse(toIso);
  const timeline = new ZoneTimeline(zone, fromMs - MS_PER_DAY, toMs + MS_PER_DAY);
  return buildGrid(timeline, [fromMs, toMs], slotIntervalMin).startsMs.map((startMs) => {
    const zoned = Temporal.Instant.fromEpochMilliseconds(startMs).toZonedDateTimeISO(zone);
    return `${zoned.toPlainTime().toString({ smallestUnit: "minute" })}${zoned.offset}`;
  });
}

describe("the slot grid", () => {
  it("has no times inside a spring-forward gap (New York, 2026-03-08)", () => {
    expect(gridLocalTimes("America/New_York", "2026-03-08T05:00:00Z", "2026-03-08T08:30:00Z", 30)).toEqual([
      "00:00-05:00", "00:30-05:00", "01:00-05:00", "01:30-05:00", "03:00-04:00", "03:30-04:00", "04:00-04:00",
    ]);
  });

  it("has repeated times twice in a fall-back overlap (New York, 2026-11-01)", () => {
    expect(gridLocalTimes("America/New_York", "2026-11-01T05:00:00Z", "2026-11-01T07:30:00Z", 30)).toEqual([
      "01:00-04:00", "01:30-04:00", "01:00-05:00", "01:30-05:00", "02:00-05:00",
    ]);
  });

  it("follows a 30-minute DST change (Lord Howe, 2026-04-05: 02:00 → 01:30)", () => {
    expect(gridLocalTimes("Australia/Lord_Howe", "2026-04-04T14:00:00Z", "2026-04-04T16:00:00Z", 30)).toEqual([
      "01:00+11:00", "01:30+11:00", "01:30+10:30", "02:00+10:30", // 02:30+10:30 is 16:00Z, the end of the range
    ]);
  });

  it("sits on local quarter hours in a +05:45 zone (Kathmandu)", () => {
    expect(gridLocalTimes("Asia/Kathmandu", "2026-03-02T03:00:00Z", "2026-03-02T04:00:00Z", 30)).toEqual(["09:00+05:45", "09:30+05:45"]);
  });

  it("restarts at each local midnight when the interval does not divide the day", () => {
    const times = gridLocalTimes("UTC", "2026-03-01T22:00:00Z", "2026-03-02T01:00:00Z", 25);
    expect(times).toEqual(["22:05+00:00", "22:30+00:00", "22:55+00:00", "23:20+00:00", "23:45+00:00", "00:00+00:00", "00:25+00:00", "00:50+00:00"]);
  });

  it("starts each day at the end of a gap over midnight (Havana, 2026-03-08)", () => {
    expect(gridLocalTimes("America/Havana", "2026-03-08T04:00:00Z", "2026-03-08T06:00:00Z", 60)).toEqual(["23:00-05:00", "01:00-04:00"]);
  });

  it("agrees with isOnGrid and with a minute-by-minute scan", () => {
    const zones = ["America/Santiago", "Australia/Lord_Howe", "Asia/Kathmandu", "Pacific/Apia", "Europe/London"];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.constantFrom(Date.parse("2026-04-04T00:00:00Z"), Date.parse("2026-09-05T12:00:00Z"), Date.parse("2011-12-29T06:00:00Z"), Date.parse("2026-03-29T00:00:00Z")),
        fc.integer({ min: 0, max: 36 * 60 }),
        fc.constantFrom(5, 15, 25, 30, 45, 60, 90, 720),
        (zone, anchorMs, offsetMin, slotIntervalMin) => {
          const fromMs = anchorMs + offsetMin * MS_PER_MINUTE;
          const toMs = fromMs + 12 * 60 * MS_PER_MINUTE;
          const timeline = new ZoneTimeline(zone, fromMs - MS_PER_DAY, toMs + MS_PER_DAY);
          const grid = buildGrid(timeline, [fromMs, toMs], slotIntervalMin);
          const scanned: number[] = [];
          for (let t = Math.ceil(fromMs / MS_PER_MINUTE) * MS_PER_MINUTE; t < toMs; t += MS_PER_MINUTE) if (isOnGrid(timeline, t, slotIntervalMin)) scanned.push(t);
          expect(grid.startsMs).toEqual(scanned);
          grid.startsMs.forEach((startMs, i) => expect(grid.dayNumbers[i]).toBe(timeline.localDayNumber(startMs)));
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("GridIndex", () => {
  it("answers like binary search", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 2000 }), { minLength: 1, maxLength: 60 }).map((values) => values.sort((a, b) => a - b).map((v) => v * MS_PER_MINUTE)),
        fc.array(fc.integer({ min: -10 * MS_PER_MINUTE, max: 2010 * MS_PER_MINUTE }), { maxLength: 30 }),
        fc.constantFrom(5, 30, 60),
        (starts, probes, slotIntervalMin) => {
          const index = new GridIndex(starts, slotIntervalMin);
          for (const probe of [...probes, ...starts, ...starts.map((s) => s - 1), ...starts.map((s) => s + 1)]) {
            expect(index.firstAtOrAfter(probe)).toBe(lowerBound(starts, probe));
            expect(index.firstAfter(probe)).toBe(upperBound(starts, probe));
          }
        },
      ),
    );
  });
});
