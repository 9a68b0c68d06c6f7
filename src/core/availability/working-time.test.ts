import { describe, expect, it } from "vitest";
import { toRanges } from "../time/interval.js";
import { formatIsoInstant } from "../time/iso-instant.js";
import { ZoneTimeline } from "../time/zone.js";
import { compileHostRules } from "./overrides.js";
import type { HostAvailability } from "./types.js";
import { timelineSpanForWorkingTime, workingTimeMs } from "./working-time.js";

function working(host: Pick<HostAvailability, "weeklyHours" | "dateOverrides" | "holidays">, zone: string, fromIso: string, toIso: string): string[] {
  const fromMs = Date.parse(fromIso);
  const toMs = Date.parse(toIso);
  const span = timelineSpanForWorkingTime(fromMs, toMs);
  const list = workingTimeMs(compileHostRules(host), new ZoneTimeline(zone, span.fromMs, span.toMs), fromMs, toMs);
  return toRanges(list).map(({ startMs, endMs }) => `${formatIsoInstant(startMs)}/${formatIsoInstant(endMs)}`);
}

const allDay = [{ days: [0, 1, 2, 3, 4, 5, 6], start: "00:00", end: "24:00" }];

describe("working time", () => {
  it("follows the host's offset across a DST change (New York, 2026-03-08)", () => {
    expect(working({ weeklyHours: [{ days: [5, 1], start: "09:00", end: "17:00" }] }, "America/New_York", "2026-03-06T00:00:00Z", "2026-03-10T00:00:00Z")).toEqual([
      "2026-03-06T14:00:00.000Z/2026-03-06T22:00:00.000Z", // Friday, EST
      "2026-03-09T13:00:00.000Z/2026-03-09T21:00:00.000Z", // Monday, EDT
    ]);
  });

  it("joins days that touch at midnight, also through a 23-hour day", () => {
    expect(working({ weeklyHours: allDay }, "America/New_York", "2026-03-07T00:00:00Z", "2026-03-10T00:00:00Z")).toEqual([
      "2026-03-07T00:00:00.000Z/2026-03-10T00:00:00.000Z",
    ]);
  });

  it("keeps a 30-minute DST gap out (Lord Howe, 2026-10-04, 02:00 → 02:30)", () => {
    // 01:00–03:00 local is only 1.5 real hours that night.
    expect(working({ weeklyHours: [{ days: [0], start: "01:00", end: "03:00" }] }, "Australia/Lord_Howe", "2026-10-03T00:00:00Z", "2026-10-05T00:00:00Z")).toEqual([
      "2026-10-03T14:30:00.000Z/2026-10-03T16:00:00.000Z",
    ]);
  });

  it("takes the earlier instant where hours start in an overlap (Lord Howe, 2026-04-05, 02:00 → 01:30)", () => {
    // 01:45 is read at +11:00 (14:45Z); 02:15 exists once, at +10:30 (15:45Z).
    expect(working({ weeklyHours: [{ days: [0], start: "01:45", end: "02:15" }] }, "Australia/Lord_Howe", "2026-04-04T00:00:00Z", "2026-04-06T00:00:00Z")).toEqual([
      "2026-04-04T14:45:00.000Z/2026-04-04T15:45:00.000Z",
    ]);
  });

  it("starts a day whose midnight is skipped at the end of the gap (Santiago, 2026-09-06)", () => {
    expect(working({ weeklyHours: [{ days: [0], start: "00:00", end: "02:00" }] }, "America/Santiago", "2026-09-05T00:00:00Z", "2026-09-07T00:00:00Z")).toEqual([
      "2026-09-06T04:00:00.000Z/2026-09-06T05:00:00.000Z",
    ]);
  });

  it("moves a skipped day's hours forward by the whole day (Apia, 2011-12-30 did not exist)", () => {
    // Friday 2011-12-30 hours land on Saturday the 31st, which has none of its own.
    expect(working({ weeklyHours: [{ days: [4, 5], start: "09:00", end: "17:00" }] }, "Pacific/Apia", "2011-12-28T00:00:00Z", "2012-01-02T00:00:00Z")).toEqual([
      "2011-12-29T19:00:00.000Z/2011-12-30T03:00:00.000Z", // Thursday 29th at −10:00
      "2011-12-30T19:00:00.000Z/2011-12-31T03:00:00.000Z", // "Friday 30th" 09:00 → Saturday 31st 09:00 at +14:00
    ]);
  });

  it("applies overrides and holidays on local dates of the host", () => {
    const host = {
      weeklyHours: [{ days: [1, 2, 3, 4, 5], start: "09:00", end: "17:00" }],
      dateOverrides: [{ date: "2026-03-03", intervals: [{ start: "20:00", end: "24:00" }] }, { date: "2026-03-04", intervals: [{ start: "00:00", end: "01:00" }] }],
      holidays: ["2026-03-02"],
    };
    expect(working(host, "Asia/Kathmandu", "2026-03-01T00:00:00Z", "2026-03-05T00:00:00Z")).toEqual([
      "2026-03-03T14:15:00.000Z/2026-03-03T19:15:00.000Z", // 20:00 on the 3rd to 01:00 on the 4th, joined across midnight (+05:45)
    ]);
  });

  it("clips to the span asked", () => {
    const result = working({ weeklyHours: allDay }, "UTC", "2026-03-01T10:00:00Z", "2026-03-01T12:00:00Z");
    expect(result).toEqual(["2026-03-01T10:00:00.000Z/2026-03-01T12:00:00.000Z"]);
  });
});

describe("working time across a gap, span by span", () => {
  it("converts each span on its own: New York 01:00–02:30 and 02:15–03:00 on 2026-03-08", () => {
    // 02:30 (in the gap) becomes 03:30 EDT = 07:30Z, later than 03:00 EDT = 07:00Z, so the second span is reversed and
    // covers nothing; the first reaches 07:30Z. Merging on the wall clock first (01:00–03:00) would wrongly stop at 07:00Z.
    const host = { weeklyHours: [{ days: [0], start: "01:00", end: "02:30" }, { days: [0], start: "02:15", end: "03:00" }] };
    expect(working(host, "America/New_York", "2026-03-07T00:00:00Z", "2026-03-09T00:00:00Z")).toEqual(["2026-03-08T06:00:00.000Z/2026-03-08T07:30:00.000Z"]);
  });
});
