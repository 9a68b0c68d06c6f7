// A link's rules as the owner saves them: every check with its field path and
// code, the edges of each limit, and what the rules become for the engine.
import { describe, expect, it } from "vitest";
import { ConveneError } from "../errors.js";
import {
  bookableUntilMs,
  fixedRangeMs,
  MAX_DAYS_AHEAD,
  MAX_DURATION_MIN,
  MAX_NOTICE_MIN,
  MIN_DURATION_MIN,
  slotIntervalMinOf,
  hostSettingOf,
  slotQueryFor,
  validateLinkRules,
  validateWeeklyHours,
  type LinkRules,
} from "./link-rules.js";
import { MAX_HOST_PRIORITY, MAX_HOST_WEIGHT } from "./link-options.js";

const NOW_MS = Date.parse("2026-11-20T12:00:00Z");
const open = { timeZone: "America/New_York", maxDaysAhead: null, rangeStartDate: null, rangeEndDate: null };

/** A link that passes every check; each case changes one thing. */
const VALID: LinkRules = {
  timeZone: "America/New_York",
  durationsMin: [30, 60],
  defaultDurationMin: 30,
  weeklyHours: [{ days: [1, 2, 3, 4, 5], start: "09:00", end: "17:00" }],
  dateOverrides: [],
  holidays: [],
  bufferBeforeMin: 0,
  bufferAfterMin: 0,
  minNoticeMin: 0,
  slotIntervalMin: null,
  maxDaysAhead: 60,
  rangeStartDate: null,
  rangeEndDate: null,
  maxPerDay: null,
  maxPerWeek: null,
  hostMode: "single",
  hostUserIds: ["host-1"],
  hostSettings: [],
  hostHours: "link",
};

/** The field paths INVALID_RULES names for the rules, or [] when they pass. */
function invalidPaths(changes: Partial<LinkRules>): string[] {
  try {
    validateLinkRules({ ...VALID, ...changes });
    return [];
  } catch (error) {
    if (!(error instanceof ConveneError) || error.code !== "INVALID_RULES") throw error;
    return (error.details!["errors"] as { path: string }[]).map((e) => e.path);
  }
}

describe("validateLinkRules", () => {
  it("accepts a plain weekday link", () => {
    expect(() => validateLinkRules(VALID)).not.toThrow();
  });

  it("refuses an unknown zone with UNKNOWN_TIME_ZONE before any other check", () => {
    expect(() => validateLinkRules({ ...VALID, timeZone: "Mars/Olympus", durationsMin: [] })).toThrow(
      expect.objectContaining({ code: "UNKNOWN_TIME_ZONE", details: { timeZone: "Mars/Olympus" } }),
    );
  });

  it("lists every problem at once, each with its path and message, in the detail as well", () => {
    expect(() => validateLinkRules({ ...VALID, durationsMin: [3], defaultDurationMin: 3, hostMode: "collective", hostUserIds: [] })).toThrow(
      expect.objectContaining({
        code: "INVALID_RULES",
        message: "durationsMin.0: must be a whole number of minutes from 5 to 720; hostUserIds: a link needs at least one host",
        details: {
          errors: [
            { path: "durationsMin.0", message: `must be a whole number of minutes from ${MIN_DURATION_MIN} to ${MAX_DURATION_MIN}` },
            { path: "hostUserIds", message: "a link needs at least one host" },
          ],
        },
      }),
    );
  });

  describe("durations", () => {
    it("takes whole minutes from 5 to 12 hours", () => {
      expect(invalidPaths({ durationsMin: [MIN_DURATION_MIN, MAX_DURATION_MIN], defaultDurationMin: MIN_DURATION_MIN })).toEqual([]);
      expect(invalidPaths({ durationsMin: [4, 30, 721, 22.5] })).toEqual(["durationsMin.0", "durationsMin.2", "durationsMin.3"]);
    });

    it("needs at least one, none repeated, and the default among them", () => {
      expect(invalidPaths({ durationsMin: [] })).toEqual(["durationsMin", "defaultDurationMin"]);
      expect(invalidPaths({ durationsMin: [30, 30] })).toEqual(["durationsMin"]);
      expect(invalidPaths({ defaultDurationMin: 45 })).toEqual(["defaultDurationMin"]);
    });
  });

  describe("weekly hours", () => {
    it("takes weekdays 0 (Sunday) to 6 (Saturday), at least one per rule", () => {
      expect(invalidPaths({ weeklyHours: [{ days: [0, 6], start: "10:00", end: "12:00" }] })).toEqual([]);
      for (const days of [[], [7], [-1], [1.5]]) {
        expect(invalidPaths({ weeklyHours: [VALID.weeklyHours[0]!, { days, start: "10:00", end: "12:00" }] }), JSON.stringify(days)).toEqual(["weeklyHours.1.days"]);
      }
    });

    it("takes HH:mm wall times, an end of 24:00 but not a start of 24:00, and an end after the start", () => {
      expect(invalidPaths({ weeklyHours: [{ days: [1], start: "00:00", end: "24:00" }] })).toEqual([]);
      expect(invalidPaths({ weeklyHours: [{ days: [1], start: "23:59", end: "24:00" }] })).toEqual([]);
      expect(invalidPaths({ weeklyHours: [{ days: [1], start: "24:00", end: "24:00" }] })).toEqual(["weeklyHours.0.start", "weeklyHours.0.end"]);
      expect(invalidPaths({ weeklyHours: [{ days: [1], start: "0900", end: "17:00" }] })).toEqual(["weeklyHours.0.start"]);
      expect(invalidPaths({ weeklyHours: [{ days: [1], start: "09:00", end: "24:30" }] })).toEqual(["weeklyHours.0.end"]);
      expect(invalidPaths({ weeklyHours: [{ days: [1], start: "09:60", end: "17:00" }] })).toEqual(["weeklyHours.0.start"]);
      expect(invalidPaths({ weeklyHours: [{ days: [1], start: "17:00", end: "09:00" }] })).toEqual(["weeklyHours.0.end"]);
      expect(invalidPaths({ weeklyHours: [{ days: [1], start: "09:00", end: "09:00" }] })).toEqual(["weeklyHours.0.end"]);
    });

    it("may be empty: date overrides alone can open a link", () => {
      expect(invalidPaths({ weeklyHours: [], dateOverrides: [{ date: "2026-12-01", intervals: [{ start: "09:00", end: "10:00" }] }] })).toEqual([]);
    });
  });

  describe("date overrides and holidays", () => {
    it("takes one override per real calendar date, with spans checked like weekly hours", () => {
      expect(invalidPaths({ dateOverrides: [{ date: "2028-02-29", intervals: [] }] })).toEqual([]);
      expect(invalidPaths({ dateOverrides: [{ date: "2026-02-29", intervals: [] }] })).toEqual(["dateOverrides.0.date"]);
      expect(invalidPaths({ dateOverrides: [{ date: "1 Dec 2026", intervals: [] }] })).toEqual(["dateOverrides.0.date"]);
      expect(
        invalidPaths({
          dateOverrides: [
            { date: "2026-12-01", intervals: [] },
            { date: "2026-12-01", intervals: [{ start: "13:00", end: "12:00" }] },
          ],
        }),
      ).toEqual(["dateOverrides.1.date", "dateOverrides.1.intervals.0.end"]);
    });

    it("takes holidays as real calendar dates", () => {
      expect(invalidPaths({ holidays: ["2026-12-25", "2026-12-26"] })).toEqual([]);
      expect(invalidPaths({ holidays: ["2026-12-25", "2026-13-01", "2026-04-31"] })).toEqual(["holidays.1", "holidays.2"]);
    });
  });

  describe("limits", () => {
    it("takes a slot interval from 5 to 720 minutes, or none", () => {
      for (const slotIntervalMin of [null, 5, 720]) expect(invalidPaths({ slotIntervalMin }), String(slotIntervalMin)).toEqual([]);
      for (const slotIntervalMin of [4, 721]) expect(invalidPaths({ slotIntervalMin }), String(slotIntervalMin)).toEqual(["slotIntervalMin"]);
    });

    it("takes a minimum notice from none to a year", () => {
      expect(MAX_NOTICE_MIN).toBe(366 * 24 * 60);
      for (const minNoticeMin of [0, MAX_NOTICE_MIN]) expect(invalidPaths({ minNoticeMin }), String(minNoticeMin)).toEqual([]);
      for (const minNoticeMin of [-1, MAX_NOTICE_MIN + 1]) expect(invalidPaths({ minNoticeMin }), String(minNoticeMin)).toEqual(["minNoticeMin"]);
    });

    it("takes a booking window of 1 to 366 days, or none", () => {
      for (const maxDaysAhead of [null, 1, MAX_DAYS_AHEAD]) expect(invalidPaths({ maxDaysAhead }), String(maxDaysAhead)).toEqual([]);
      for (const maxDaysAhead of [0, MAX_DAYS_AHEAD + 1]) expect(invalidPaths({ maxDaysAhead }), String(maxDaysAhead)).toEqual(["maxDaysAhead"]);
    });

    it("takes a date range whose ends are real dates, the last not before the first; a one-day range is fine", () => {
      expect(invalidPaths({ rangeStartDate: "2026-12-01", rangeEndDate: "2026-12-01" })).toEqual([]);
      expect(invalidPaths({ rangeStartDate: "2026-12-01", rangeEndDate: null })).toEqual([]);
      expect(invalidPaths({ rangeStartDate: "2026-12-02", rangeEndDate: "2026-12-01" })).toEqual(["rangeEndDate"]);
      expect(invalidPaths({ rangeStartDate: "2026-12-32", rangeEndDate: "someday" })).toEqual(["rangeStartDate", "rangeEndDate"]);
    });
  });

  describe("hosts", () => {
    it("needs a host, none repeated, and exactly one for a single-host link", () => {
      expect(invalidPaths({ hostUserIds: [] })).toEqual(["hostUserIds", "hostMode"]);
      expect(invalidPaths({ hostMode: "collective", hostUserIds: ["host-1", "host-1"] })).toEqual(["hostUserIds"]);
      expect(invalidPaths({ hostUserIds: ["host-1", "host-2"] })).toEqual(["hostMode"]);
    });

    it("lets teams share a link collectively or by round robin", () => {
      expect(invalidPaths({ hostMode: "collective", hostUserIds: ["host-1", "host-2"] })).toEqual([]);
      expect(invalidPaths({ hostMode: "round_robin", hostUserIds: ["host-1", "host-2", "host-3"] })).toEqual([]);
    });
  });
});

describe("fixedRangeMs", () => {
  it("is open-ended on a side without a date", () => {
    expect(fixedRangeMs(open)).toEqual({ startMs: Number.NEGATIVE_INFINITY, endMs: Number.POSITIVE_INFINITY });
    expect(fixedRangeMs({ ...open, rangeStartDate: "2026-12-01" })).toEqual({ startMs: Date.parse("2026-12-01T05:00:00Z"), endMs: Number.POSITIVE_INFINITY });
  });

  it("runs from the first date's local midnight to the end of the last date, across a DST change", () => {
    // New York falls back on 1 November 2026: that day is 25 hours long.
    expect(fixedRangeMs({ ...open, rangeStartDate: "2026-10-31", rangeEndDate: "2026-11-01" })).toEqual({
      startMs: Date.parse("2026-10-31T04:00:00Z"),
      endMs: Date.parse("2026-11-02T05:00:00Z"),
    });
  });
});

describe("bookableUntilMs", () => {
  it("is null when neither a booking window nor a date range limits the link", () => {
    expect(bookableUntilMs(open, NOW_MS)).toBeNull();
  });

  it("ends maxDaysAhead days after now", () => {
    expect(bookableUntilMs({ ...open, maxDaysAhead: 60 }, NOW_MS)).toBe(Date.parse("2027-01-19T12:00:00Z"));
  });

  it("ends at the end of the range's last date in the link's zone", () => {
    expect(bookableUntilMs({ ...open, rangeEndDate: "2026-12-24" }, NOW_MS)).toBe(Date.parse("2026-12-25T05:00:00Z"));
  });

  it("takes whichever of the two ends first", () => {
    expect(bookableUntilMs({ ...open, maxDaysAhead: 10, rangeEndDate: "2026-12-24" }, NOW_MS)).toBe(Date.parse("2026-11-30T12:00:00Z"));
    expect(bookableUntilMs({ ...open, maxDaysAhead: 60, rangeEndDate: "2026-12-24" }, NOW_MS)).toBe(Date.parse("2026-12-25T05:00:00Z"));
  });
});

describe("slotIntervalMinOf", () => {
  it("is the link's own interval, or its default duration when it has none", () => {
    expect(slotIntervalMinOf({ slotIntervalMin: 15, defaultDurationMin: 60 })).toBe(15);
    expect(slotIntervalMinOf({ slotIntervalMin: null, defaultDurationMin: 60 })).toBe(60);
  });
});

describe("slotQueryFor", () => {
  const hosts = [{ hostUserId: "host-1", busy: [], bookings: [{ startMs: NOW_MS, endMs: NOW_MS + 1_800_000 }] }];
  const request = { fromMs: Date.parse("2026-12-01T00:00:00Z"), toMs: Date.parse("2026-12-08T00:00:00Z"), durationMin: 30, nowMs: NOW_MS };

  it("asks the engine about the requested window with the link's rules, limits left unset where the link has none", () => {
    const query = slotQueryFor({ ...VALID, maxDaysAhead: null, minNoticeMin: 120, bufferAfterMin: 10, maxPerDay: 3 }, hosts, request);
    expect(query).toMatchObject({
      mode: "single",
      nowMs: NOW_MS,
      windowStartMs: request.fromMs,
      windowEndMs: request.toMs,
      linkTimeZone: "America/New_York",
      durationMin: 30,
      slotIntervalMin: 30,
      minNoticeMin: 120,
      bufferBeforeMin: 0,
      bufferAfterMin: 10,
      maxPerDay: 3,
    });
    expect(query.maxDaysAhead).toBeUndefined();
    expect(query.maxPerWeek).toBeUndefined();
    expect(query.hosts).toEqual([
      { hostId: "host-1", timeZone: "America/New_York", weeklyHours: VALID.weeklyHours, dateOverrides: [], holidays: [], busy: [], bookings: hosts[0]!.bookings },
    ]);
  });

  it("narrows the window to the link's date range", () => {
    const query = slotQueryFor({ ...VALID, rangeStartDate: "2026-12-03", rangeEndDate: "2026-12-04" }, hosts, request);
    expect([query.windowStartMs, query.windowEndMs]).toEqual([Date.parse("2026-12-03T05:00:00Z"), Date.parse("2026-12-05T05:00:00Z")]);
  });

  it("gives an empty window, never a backwards one, when the range is over before the request starts", () => {
    const query = slotQueryFor({ ...VALID, rangeStartDate: "2026-11-01", rangeEndDate: "2026-11-02" }, hosts, request);
    expect(query.windowEndMs).toBe(query.windowStartMs);
  });
});

describe("team link host settings and hours", () => {
  const team: Partial<LinkRules> = { hostMode: "round_robin", hostUserIds: ["host-1", "host-2"] };

  it("accepts weight and priority for hosts of the link, within their limits", () => {
    expect(invalidPaths({ ...team, hostSettings: [{ userId: "host-1", weight: MAX_HOST_WEIGHT, priority: MAX_HOST_PRIORITY }, { userId: "host-2", weight: 1, priority: 0 }] })).toEqual([]);
  });

  it("refuses settings for someone who is not a host, repeated hosts, and weights or priorities out of range", () => {
    expect(invalidPaths({ ...team, hostSettings: [{ userId: "host-3", weight: 1, priority: 0 }] })).toEqual(["hostSettings.0.userId"]);
    expect(
      invalidPaths({
        ...team,
        hostSettings: [
          { userId: "host-1", weight: 0, priority: MAX_HOST_PRIORITY + 1 },
          { userId: "host-1", weight: MAX_HOST_WEIGHT + 1, priority: -1 },
          { userId: "host-2", weight: 1.5, priority: 0.5 },
        ],
      }),
    ).toEqual(["hostSettings.0.weight", "hostSettings.0.priority", "hostSettings.1.userId", "hostSettings.1.weight", "hostSettings.1.priority", "hostSettings.2.weight", "hostSettings.2.priority"]);
  });

  it("gives hosts without a setting weight 1 and priority 0", () => {
    const rules = { hostSettings: [{ userId: "host-2", weight: 3, priority: 2 }] };
    expect(hostSettingOf(rules, "host-2")).toEqual({ weight: 3, priority: 2 });
    expect(hostSettingOf(rules, "host-1")).toEqual({ weight: 1, priority: 0 });
  });

  it("checks a user's own weekly hours like a link's", () => {
    expect(() => validateWeeklyHours([{ days: [1], start: "09:00", end: "17:00" }])).not.toThrow();
    expect(() => validateWeeklyHours([{ days: [7], start: "10:00", end: "09:00" }])).toThrow(
      expect.objectContaining({ code: "INVALID_RULES", details: { errors: [{ path: "weeklyHours.0.days", message: expect.any(String) }, { path: "weeklyHours.0.end", message: "must be after start" }] } }),
    );
  });

  it("reads each host's own hours in their zone when the link says so, the link's hours for hosts without their own", () => {
    const ownHours = { timeZone: "Asia/Tokyo", weeklyHours: [{ days: [6], start: "10:00", end: "12:00" }] };
    const loads = [
      { hostUserId: "host-1", busy: [], bookings: [], ownHours },
      { hostUserId: "host-2", busy: [], bookings: [], ownHours: null },
    ];
    const request = { fromMs: Date.parse("2026-12-01T00:00:00Z"), toMs: Date.parse("2026-12-08T00:00:00Z"), durationMin: 30, nowMs: NOW_MS };
    const withOverride = { ...VALID, ...team, dateOverrides: [{ date: "2026-12-02", intervals: [] }] };
    const byHost = slotQueryFor({ ...withOverride, hostHours: "host" }, loads, request).hosts;
    expect(byHost.map((h) => [h.timeZone, h.weeklyHours, h.dateOverrides])).toEqual([
      ["Asia/Tokyo", ownHours.weeklyHours, []],
      ["America/New_York", VALID.weeklyHours, withOverride.dateOverrides],
    ]);
    const byLink = slotQueryFor({ ...withOverride, hostHours: "link" }, loads, request).hosts;
    expect(byLink.map((h) => h.timeZone)).toEqual(["America/New_York", "America/New_York"]);
  });
});
