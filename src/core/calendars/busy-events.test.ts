import { describe, expect, it } from "vitest";
import { expandBusy, type BusyExpansionOptions, type ExpandedObject } from "./busy-events.js";
import { events, LONDON_WEEKDAYS_NO_VTIMEZONE, NEW_YORK_BIWEEKLY_SINCE_2015, NEW_YORK_WEEKLY, singleEvent, sydneyMonthly } from "./fixtures/recurring-objects.js";

// Every expected instant below is worked out by hand from the zone's offsets
// (New York EST −5 / EDT −4, DST 2024-03-10 and 2024-11-03, 2026-03-08; London
// GMT / BST +1 from 2024-03-31; Sydney AEDT +11 / AEST +10, DST ended 2024-04-07,
// began 2024-10-06) and written as UTC.
//
// Cross-checked once against Debian's python3-recurring-ical-events 2.0.1 (the
// fixtures written to .ics files, then `/usr/bin/python3` with
// `recurring_ical_events.of(icalendar.Calendar.from_ical(text)).between(start, end)`):
// the New York, London, Sydney (IANA) and 2015 biweekly series agree instant for
// instant, once its CANCELLED and TRANSPARENT overrides are left out, except that
// 2.0.1 drops the Apr 11 New York instance that UNTIL=20240411T130000Z names;
// RFC 5545 §3.3.10 makes UNTIL inclusive, so it is kept here.

const ms = (iso: string): number => Date.parse(iso);

function expand(ics: string, options: Partial<BusyExpansionOptions> & { window: [string, string] }): ExpandedObject {
  return expandBusy(ics, {
    windowStartMs: ms(options.window[0]),
    windowEndMs: ms(options.window[1]),
    defaultTimeZone: options.defaultTimeZone ?? "UTC",
    ownerEmails: options.ownerEmails ?? ["owner@example.com"],
    ...(options.maxOccurrences === undefined ? {} : { maxOccurrences: options.maxOccurrences }),
  });
}

/** Busy intervals as "start/end" ISO strings, easy to read in a failing diff. */
const spans = (result: ExpandedObject): string[] => result.busy.map(({ startMs, endMs }) => `${new Date(startMs).toISOString()}/${new Date(endMs).toISOString()}`);

describe("expandBusy: recurring series across DST", () => {
  it("New York weekly: EXDATE, RDATE, a moved and a cancelled override, UNTIL inclusive, 14:00Z in winter and 13:00Z in summer", () => {
    const result = expand(NEW_YORK_WEEKLY, { window: ["2024-02-01T00:00:00Z", "2024-05-01T00:00:00Z"] });
    expect(spans(result)).toEqual([
      "2024-02-01T14:00:00.000Z/2024-02-01T15:00:00.000Z",
      "2024-02-08T14:00:00.000Z/2024-02-08T15:00:00.000Z",
      "2024-02-15T14:00:00.000Z/2024-02-15T15:00:00.000Z",
      // Feb 22: EXDATE
      "2024-02-29T14:00:00.000Z/2024-02-29T15:00:00.000Z",
      // Mar 7 moved to Fri Mar 8 15:00 EST
      "2024-03-08T20:00:00.000Z/2024-03-08T21:00:00.000Z",
      // RDATE Wed Mar 13, after the change to EDT
      "2024-03-13T13:00:00.000Z/2024-03-13T14:00:00.000Z",
      "2024-03-14T13:00:00.000Z/2024-03-14T14:00:00.000Z",
      // Mar 21: cancelled override
      "2024-03-28T13:00:00.000Z/2024-03-28T14:00:00.000Z",
      "2024-04-04T13:00:00.000Z/2024-04-04T14:00:00.000Z",
      "2024-04-11T13:00:00.000Z/2024-04-11T14:00:00.000Z",
    ]);
    expect(result).toMatchObject({ uid: "ny-weekly@example.com", recurring: true, truncated: false, problems: [] });
  });

  it("an override moves an occurrence out of the window and another into it, whatever the master's time", () => {
    // The master's Mar 7 occurrence (14:00Z) is in this window, but it was moved to Mar 8.
    expect(spans(expand(NEW_YORK_WEEKLY, { window: ["2024-03-07T00:00:00Z", "2024-03-08T00:00:00Z"] }))).toEqual([]);
    // The master's Mar 7 is outside this window; its override is inside.
    expect(spans(expand(NEW_YORK_WEEKLY, { window: ["2024-03-08T00:00:00Z", "2024-03-09T00:00:00Z"] }))).toEqual([
      "2024-03-08T20:00:00.000Z/2024-03-08T21:00:00.000Z",
    ]);
  });

  it("London weekdays, TZID with no VTIMEZONE read as the IANA zone; a UTC EXDATE and a transparent override", () => {
    const result = expand(LONDON_WEEKDAYS_NO_VTIMEZONE, { window: ["2024-03-01T00:00:00Z", "2024-05-01T00:00:00Z"], defaultTimeZone: "America/New_York" });
    expect(spans(result)).toEqual([
      "2024-03-25T09:30:00.000Z/2024-03-25T10:00:00.000Z",
      "2024-03-26T09:30:00.000Z/2024-03-26T10:00:00.000Z",
      "2024-03-27T09:30:00.000Z/2024-03-27T10:00:00.000Z",
      // Mar 28: the override is TRANSPARENT
      "2024-03-29T09:30:00.000Z/2024-03-29T10:00:00.000Z",
      // BST from Mar 31
      "2024-04-01T08:30:00.000Z/2024-04-01T09:00:00.000Z",
      "2024-04-02T08:30:00.000Z/2024-04-02T09:00:00.000Z",
      // Apr 3: EXDATE 08:30Z
      "2024-04-04T08:30:00.000Z/2024-04-04T09:00:00.000Z",
      "2024-04-05T08:30:00.000Z/2024-04-05T09:00:00.000Z",
      // COUNT=10 ends here (the EXDATE and the override still count)
    ]);
    expect(result.problems).toEqual([]);
  });

  const SYDNEY_EXPECTED = [
    "2024-03-03T23:00:00.000Z/2024-03-04T00:00:00.000Z",
    "2024-03-31T23:00:00.000Z/2024-04-01T00:00:00.000Z",
    // AEST from Apr 7
    "2024-05-06T00:00:00.000Z/2024-05-06T01:00:00.000Z",
    // Jun 3: EXDATE
    "2024-07-01T00:00:00.000Z/2024-07-01T01:00:00.000Z",
    // Aug 5 moved to Tue Aug 6 10:00–11:30
    "2024-08-06T00:00:00.000Z/2024-08-06T01:30:00.000Z",
    "2024-09-02T00:00:00.000Z/2024-09-02T01:00:00.000Z",
    // AEDT from Oct 6
    "2024-10-06T23:00:00.000Z/2024-10-07T00:00:00.000Z",
    // RDATE Tue Oct 15 14:00
    "2024-10-15T03:00:00.000Z/2024-10-15T04:00:00.000Z",
    "2024-11-03T23:00:00.000Z/2024-11-04T00:00:00.000Z",
  ];

  it("Sydney monthly with Outlook's zone name: its VTIMEZONE defines the offsets (southern hemisphere DST)", () => {
    const result = expand(sydneyMonthly("AUS Eastern Standard Time", true), { window: ["2024-01-01T00:00:00Z", "2025-01-01T00:00:00Z"] });
    expect(spans(result)).toEqual(SYDNEY_EXPECTED);
    expect(result.problems).toEqual([]);
  });

  it("Sydney monthly by IANA name, with or without a VTIMEZONE, gives the same instants", () => {
    for (const withVtimezone of [true, false]) {
      const result = expand(sydneyMonthly("Australia/Sydney", withVtimezone), { window: ["2024-01-01T00:00:00Z", "2025-01-01T00:00:00Z"] });
      expect(spans(result)).toEqual(SYDNEY_EXPECTED);
    }
  });

  it("an IANA TZID follows the IANA rules even when the object's VTIMEZONE says otherwise", () => {
    // A stale VTIMEZONE for America/New_York with the pre-2007 rules (DST from the first Sunday of April).
    const stale = NEW_YORK_WEEKLY.replace("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU", "RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU");
    expect(spans(expand(stale, { window: ["2024-03-14T00:00:00Z", "2024-03-15T00:00:00Z"] }))).toEqual(["2024-03-14T13:00:00.000Z/2024-03-14T14:00:00.000Z"]);
  });

  it("a series started years ago without an end is expanded near the window, on its own cycle", () => {
    // Mon 2026-03-02 is 4074 days (582 weeks, an even number) after DTSTART Mon 2015-01-05: on the cycle; Mar 9 is not.
    const result = expand(NEW_YORK_BIWEEKLY_SINCE_2015, { window: ["2026-03-01T00:00:00Z", "2026-03-20T00:00:00Z"] });
    expect(spans(result)).toEqual([
      "2026-03-02T14:00:00.000Z/2026-03-02T15:00:00.000Z",
      // Wed Mar 4: EXDATE
      // EDT from Mar 8
      "2026-03-16T13:00:00.000Z/2026-03-16T14:00:00.000Z",
      "2026-03-18T13:00:00.000Z/2026-03-18T14:00:00.000Z",
    ]);
    expect(result.truncated).toBe(false);
  });

  it("a frequent series started long ago is expanded from near the window, within the CPU bound", () => {
    // From DTSTART, two years of quarter hours (~70,000 candidates) would exceed the bound before the window.
    const quarterHours = singleEvent("DTSTART:20220101T000000Z", "DTEND:20220101T001000Z", "RRULE:FREQ=MINUTELY;INTERVAL=15");
    const result = expand(quarterHours, { window: ["2024-01-01T00:00:00Z", "2024-01-01T01:00:00Z"] });
    expect(spans(result)).toEqual([
      "2024-01-01T00:00:00.000Z/2024-01-01T00:10:00.000Z",
      "2024-01-01T00:15:00.000Z/2024-01-01T00:25:00.000Z",
      "2024-01-01T00:30:00.000Z/2024-01-01T00:40:00.000Z",
      "2024-01-01T00:45:00.000Z/2024-01-01T00:55:00.000Z",
    ]);
    expect(result.truncated).toBe(false);
    // Restarting a daily rule mid-cycle does not make the restart day an instance.
    const mondays = singleEvent("DTSTART;TZID=America/New_York:20150105T090000", "DTEND;TZID=America/New_York:20150105T100000", "RRULE:FREQ=DAILY;BYDAY=MO");
    expect(spans(expand(mondays, { window: ["2026-03-05T00:00:00Z", "2026-03-17T00:00:00Z"] }))).toEqual([
      "2026-03-09T13:00:00.000Z/2026-03-09T14:00:00.000Z",
      "2026-03-16T13:00:00.000Z/2026-03-16T14:00:00.000Z",
    ]);
  });

  it("a yearly Feb 29 occurs in leap years only (RFC 5545 §3.3.10), not on Mar 1", () => {
    const birthday = singleEvent("DTSTART;VALUE=DATE:20240229", "RRULE:FREQ=YEARLY");
    expect(spans(expand(birthday, { window: ["2024-01-01T00:00:00Z", "2029-01-01T00:00:00Z"], defaultTimeZone: "Europe/London" }))).toEqual([
      "2024-02-29T00:00:00.000Z/2024-03-01T00:00:00.000Z",
      "2028-02-29T00:00:00.000Z/2028-03-01T00:00:00.000Z",
    ]);
  });

  it("a floating weekly series follows the default zone across its DST change", () => {
    const weekly = singleEvent("DTSTART:20241027T090000", "DTEND:20241027T093000", "RRULE:FREQ=WEEKLY;COUNT=3");
    expect(spans(expand(weekly, { window: ["2024-10-01T00:00:00Z", "2024-12-01T00:00:00Z"], defaultTimeZone: "America/New_York" }))).toEqual([
      "2024-10-27T13:00:00.000Z/2024-10-27T13:30:00.000Z",
      "2024-11-03T14:00:00.000Z/2024-11-03T14:30:00.000Z",
      "2024-11-10T14:00:00.000Z/2024-11-10T14:30:00.000Z",
    ]);
  });
});

describe("expandBusy: exceptions and extra dates", () => {
  const window: [string, string] = ["2024-06-01T00:00:00Z", "2024-07-01T00:00:00Z"];
  const series = (...extra: string[]): string[] => ["UID:series@example.com", "DTSTART;TZID=Europe/Berlin:20240603T100000", "DTEND;TZID=Europe/Berlin:20240603T110000", "RRULE:FREQ=DAILY;COUNT=4", ...extra];
  const withOverride = (master: string[], override: string[]): string =>
    events(master, ["UID:series@example.com", ...override]).replace("UID:event-0@example.com\r\n", "").replace("UID:event-1@example.com\r\n", "");

  it("RDATE periods bring their own end; an EXDATE given as a date removes that day's occurrence", () => {
    const ics = events(series("RDATE;VALUE=PERIOD:20240610T120000Z/20240610T150000Z,20240611T120000Z/PT30M", "EXDATE;VALUE=DATE:20240604"));
    expect(spans(expand(ics, { window }))).toEqual([
      // Berlin is UTC+2 in summer
      "2024-06-03T08:00:00.000Z/2024-06-03T09:00:00.000Z",
      "2024-06-05T08:00:00.000Z/2024-06-05T09:00:00.000Z",
      "2024-06-06T08:00:00.000Z/2024-06-06T09:00:00.000Z",
      "2024-06-10T12:00:00.000Z/2024-06-10T15:00:00.000Z",
      "2024-06-11T12:00:00.000Z/2024-06-11T12:30:00.000Z",
    ]);
  });

  it("an occurrence removed by EXDATE stays removed even if a stale override for it remains", () => {
    const ics = withOverride(series("EXDATE:20240604T080000Z"), ["RECURRENCE-ID;TZID=Europe/Berlin:20240604T100000", "DTSTART;TZID=Europe/Berlin:20240604T160000", "DURATION:PT1H"]);
    expect(spans(expand(ics, { window }))).toEqual([
      "2024-06-03T08:00:00.000Z/2024-06-03T09:00:00.000Z",
      "2024-06-05T08:00:00.000Z/2024-06-05T09:00:00.000Z",
      "2024-06-06T08:00:00.000Z/2024-06-06T09:00:00.000Z",
    ]);
  });

  it("an override it cannot read leaves the master's occurrence in place, and says so", () => {
    const ics = withOverride(series(), ["RECURRENCE-ID;TZID=Europe/Berlin:20240604T100000", "DTSTART;TZID=Europe/Berlin:tomorrow-ish"]);
    const result = expand(ics, { window });
    expect(spans(result)).toContain("2024-06-04T08:00:00.000Z/2024-06-04T09:00:00.000Z");
    expect(result.busy).toHaveLength(4);
    expect(result.problems).toEqual([expect.stringContaining("RECURRENCE-ID")]);
  });

  it("RANGE=THISANDFUTURE moves that one occurrence, and says the rest were not moved", () => {
    const ics = withOverride(series(), ["RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=Europe/Berlin:20240605T100000", "DTSTART;TZID=Europe/Berlin:20240605T140000", "DTEND;TZID=Europe/Berlin:20240605T150000"]);
    const result = expand(ics, { window });
    expect(spans(result)).toEqual([
      "2024-06-03T08:00:00.000Z/2024-06-03T09:00:00.000Z",
      "2024-06-04T08:00:00.000Z/2024-06-04T09:00:00.000Z",
      "2024-06-05T12:00:00.000Z/2024-06-05T13:00:00.000Z",
      "2024-06-06T08:00:00.000Z/2024-06-06T09:00:00.000Z",
    ]);
    expect(result.problems).toEqual([expect.stringContaining("THISANDFUTURE")]);
  });

  it("an unreadable EXDATE is skipped and reported, not the series", () => {
    const result = expand(events(series("EXDATE:garbage")), { window });
    expect(result.busy).toHaveLength(4);
    expect(result.problems).toEqual([expect.stringContaining("EXDATE")]);
  });
});

describe("expandBusy: all-day events", () => {
  it("blocks whole local days in the default zone, 23 hours on a spring-forward day (DTEND exclusive)", () => {
    const weekend = singleEvent("DTSTART;VALUE=DATE:20240309", "DTEND;VALUE=DATE:20240311");
    expect(spans(expand(weekend, { window: ["2024-03-01T00:00:00Z", "2024-04-01T00:00:00Z"], defaultTimeZone: "America/New_York" }))).toEqual([
      "2024-03-09T05:00:00.000Z/2024-03-11T04:00:00.000Z",
    ]);
  });

  it("with no DTEND blocks one day: 25 hours on a fall-back day, in both hemispheres", () => {
    expect(spans(expand(singleEvent("DTSTART;VALUE=DATE:20241103"), { window: ["2024-11-01T00:00:00Z", "2024-11-10T00:00:00Z"], defaultTimeZone: "America/New_York" }))).toEqual([
      "2024-11-03T04:00:00.000Z/2024-11-04T05:00:00.000Z",
    ]);
    expect(spans(expand(singleEvent("DTSTART;VALUE=DATE:20240407"), { window: ["2024-04-01T00:00:00Z", "2024-04-10T00:00:00Z"], defaultTimeZone: "Australia/Sydney" }))).toEqual([
      "2024-04-06T13:00:00.000Z/2024-04-07T14:00:00.000Z",
    ]);
  });

  it("a recurring all-day event with a RECURRENCE-ID override on a date", () => {
    const ics = events(
      ["UID:days@example.com", "DTSTART;VALUE=DATE:20240308", "DTEND;VALUE=DATE:20240309", "RRULE:FREQ=DAILY;COUNT=3"],
      ["UID:days@example.com", "RECURRENCE-ID;VALUE=DATE:20240309", "DTSTART;VALUE=DATE:20240309", "DTEND;VALUE=DATE:20240310", "STATUS:CANCELLED"],
    ).replace("UID:event-0@example.com\r\n", "").replace("UID:event-1@example.com\r\n", "");
    expect(spans(expand(ics, { window: ["2024-03-01T00:00:00Z", "2024-04-01T00:00:00Z"], defaultTimeZone: "America/New_York" }))).toEqual([
      "2024-03-08T05:00:00.000Z/2024-03-09T05:00:00.000Z",
      "2024-03-10T05:00:00.000Z/2024-03-11T04:00:00.000Z",
    ]);
  });
});

describe("expandBusy: lengths", () => {
  const window: [string, string] = ["2024-03-01T00:00:00Z", "2024-04-01T00:00:00Z"];

  it("DURATION days are local days, hours are exact", () => {
    const nominal = singleEvent("DTSTART;TZID=America/New_York:20240309T120000", "DURATION:P1DT1H");
    expect(spans(expand(nominal, { window }))).toEqual(["2024-03-09T17:00:00.000Z/2024-03-10T17:00:00.000Z"]);
    const exact = singleEvent("DTSTART;TZID=America/New_York:20240309T120000", "DURATION:PT25H");
    expect(spans(expand(exact, { window }))).toEqual(["2024-03-09T17:00:00.000Z/2024-03-10T18:00:00.000Z"]);
  });

  it("a DTEND in another zone than DTSTART (a flight)", () => {
    const flight = singleEvent("DTSTART;TZID=America/New_York:20240315T180000", "DTEND;TZID=Europe/London:20240316T060000");
    expect(spans(expand(flight, { window }))).toEqual(["2024-03-15T22:00:00.000Z/2024-03-16T06:00:00.000Z"]);
  });

  it("a date-time with neither DTEND nor DURATION lasts nothing and blocks nothing (RFC 5545 §3.6.1)", () => {
    const result = expand(singleEvent("DTSTART:20240310T120000Z"), { window });
    expect(result.busy).toEqual([]);
    expect(result.problems).toEqual([]);
  });

  it("a floating time is read in the default zone", () => {
    expect(spans(expand(singleEvent("DTSTART:20240115T090000", "DTEND:20240115T100000"), { window: ["2024-01-01T00:00:00Z", "2024-02-01T00:00:00Z"], defaultTimeZone: "Europe/Paris" }))).toEqual([
      "2024-01-15T08:00:00.000Z/2024-01-15T09:00:00.000Z",
    ]);
  });
});

describe("expandBusy: what blocks", () => {
  const window: [string, string] = ["2024-05-01T00:00:00Z", "2024-06-01T00:00:00Z"];
  const at = ["DTSTART:20240510T120000Z", "DTEND:20240510T130000Z"];

  it("transparent, cancelled and owner-declined events do not block; tentative and others' declines do", () => {
    const ics = events(
      [...at, "SUMMARY:free", "TRANSP:TRANSPARENT"],
      [...at, "SUMMARY:cancelled", "STATUS:CANCELLED"],
      [...at, "SUMMARY:declined by owner", "ATTENDEE;CN=Owner;PARTSTAT=DECLINED:MAILTO:Owner@Example.COM"],
      ["DTSTART:20240511T120000Z", "DTEND:20240511T130000Z", "STATUS:TENTATIVE"],
      ["DTSTART:20240512T120000Z", "DTEND:20240512T130000Z", "ATTENDEE;PARTSTAT=DECLINED:mailto:other@example.com", "ATTENDEE;PARTSTAT=ACCEPTED:mailto:second@example.com"],
      ["DTSTART:20240513T120000Z", "DTEND:20240513T130000Z", "TRANSP:OPAQUE"],
    );
    expect(spans(expand(ics, { window, ownerEmails: ["mailto:owner@example.com", "second@example.com"] }))).toEqual([
      "2024-05-11T12:00:00.000Z/2024-05-11T13:00:00.000Z",
      "2024-05-12T12:00:00.000Z/2024-05-12T13:00:00.000Z",
      "2024-05-13T12:00:00.000Z/2024-05-13T13:00:00.000Z",
    ]);
  });

  it("a series the owner declined blocks nothing, but an override the owner accepted does", () => {
    const ics = [
      "BEGIN:VCALENDAR",
      "BEGIN:VEVENT",
      "UID:declined-series",
      "DTSTART:20240506T120000Z",
      "DTEND:20240506T130000Z",
      "RRULE:FREQ=DAILY;COUNT=5",
      "ATTENDEE;PARTSTAT=DECLINED:mailto:owner@example.com",
      "END:VEVENT",
      "BEGIN:VEVENT",
      "UID:declined-series",
      "RECURRENCE-ID:20240508T120000Z",
      "DTSTART:20240508T150000Z",
      "DTEND:20240508T160000Z",
      "ATTENDEE;PARTSTAT=ACCEPTED:mailto:owner@example.com",
      "END:VEVENT",
      "END:VCALENDAR",
    ].join("\r\n");
    const result = expand(ics, { window });
    expect(spans(result)).toEqual(["2024-05-08T15:00:00.000Z/2024-05-08T16:00:00.000Z"]);
    expect(result.recurring).toBe(true);
  });
});

describe("expandBusy: the window", () => {
  const ics = events(
    ["DTSTART:20240101T230000Z", "DTEND:20240102T010000Z"],
    ["DTSTART:20240101T220000Z", "DTEND:20240102T000000Z"],
    ["DTSTART:20240103T000000Z", "DTEND:20240103T010000Z"],
    ["DTSTART:20240102T120000Z", "DTEND:20240102T130000Z"],
  );

  it("keeps what overlaps [start, end), unclipped, sorted; what only touches an edge is left out", () => {
    const result = expand(ics, { window: ["2024-01-02T00:00:00Z", "2024-01-03T00:00:00Z"] });
    expect(spans(result)).toEqual(["2024-01-01T23:00:00.000Z/2024-01-02T01:00:00.000Z", "2024-01-02T12:00:00.000Z/2024-01-02T13:00:00.000Z"]);
    expect(result).toMatchObject({ uid: "event-0@example.com", recurring: false });
  });

  it("an empty window returns nothing; an inverted one says so", () => {
    expect(expand(ics, { window: ["2024-01-02T12:30:00Z", "2024-01-02T12:30:00Z"] }).busy).toEqual([]);
    const inverted = expand(ics, { window: ["2024-01-03T00:00:00Z", "2024-01-02T00:00:00Z"] });
    expect(inverted.busy).toEqual([]);
    expect(inverted.problems).toEqual([expect.stringContaining("invalid window")]);
  });
});

describe("expandBusy: bad input never hangs and never throws", () => {
  const year: [string, string] = ["2024-01-01T00:00:00Z", "2025-01-01T00:00:00Z"];

  it("caps a runaway rule at maxOccurrences", () => {
    const runaway = singleEvent("DTSTART:20240101T000000Z", "DTEND:20240101T000001Z", "RRULE:FREQ=SECONDLY");
    const result = expand(runaway, { window: year, maxOccurrences: 500 });
    expect(result.truncated).toBe(true);
    expect(result.busy).toHaveLength(500);
    expect(result.busy[499]).toEqual({ startMs: ms("2024-01-01T00:08:19Z"), endMs: ms("2024-01-01T00:08:20Z") });
    expect(expand(runaway, { window: year }).busy).toHaveLength(3_000);
  });

  it("gives up on rules no date satisfies, which would loop forever inside ical.js", () => {
    for (const rule of ["FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "FREQ=MINUTELY;BYMONTH=2;BYMONTHDAY=31", "FREQ=DAILY;INTERVAL=7;BYDAY=TU"]) {
      const result = expand(singleEvent("DTSTART:20240101T090000Z", "DTEND:20240101T100000Z", `RRULE:${rule}`), { window: year });
      expect(result.truncated).toBe(true);
      // DTSTART is an instance whatever the rule says (RFC 5545 §3.8.5.3).
      expect(spans(result)).toEqual(["2024-01-01T09:00:00.000Z/2024-01-01T10:00:00.000Z"]);
    }
  });

  it("skips one unparseable VEVENT and keeps the others", () => {
    const ics = events(["DTSTART:20240110T090000Z", "DTEND:20240110T100000Z"], ["DTSTART:20240111T090000Z", "DTEND:20240111T100000Z", "RRULE:FREQ=FORTNIGHTLY"], ["DTSTART:20240112T090000Z", "DTEND:20240112T100000Z"]);
    const result = expand(ics, { window: year });
    expect(spans(result)).toEqual(["2024-01-10T09:00:00.000Z/2024-01-10T10:00:00.000Z", "2024-01-12T09:00:00.000Z/2024-01-12T10:00:00.000Z"]);
    expect(result.problems).toEqual([expect.stringContaining("VEVENT #2")]);
  });

  it("skips a VEVENT with a bad or missing DTSTART, or ending before it starts", () => {
    const ics = events(["DTSTART:2024-bad"], ["SUMMARY:no start"], ["DTSTART:20240110T090000Z", "DTEND:20240110T080000Z"], ["DTSTART:20240112T090000Z", "DTEND:20240112T100000Z"]);
    const result = expand(ics, { window: year });
    expect(spans(result)).toEqual(["2024-01-12T09:00:00.000Z/2024-01-12T10:00:00.000Z"]);
    expect(result.problems).toHaveLength(3);
  });

  it("answers busy [] and a problem for text that is not iCalendar", () => {
    for (const text of ["", "hello", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART\r\n", "<html>502 Bad Gateway</html>"]) {
      const result = expand(text, { window: year });
      expect(result.busy).toEqual([]);
      expect(result.problems.length).toBeGreaterThan(0);
    }
  });

  it("reads an unknown TZID without VTIMEZONE in the default zone, and an unknown default zone as UTC, saying so", () => {
    const unknown = expand(singleEvent("DTSTART;TZID=Mars/Olympus:20240110T090000", "DTEND;TZID=Mars/Olympus:20240110T100000"), { window: year, defaultTimeZone: "Europe/Berlin" });
    expect(spans(unknown)).toEqual(["2024-01-10T08:00:00.000Z/2024-01-10T09:00:00.000Z"]);
    expect(unknown.problems).toEqual([expect.stringContaining("Mars/Olympus")]);
    const utc = expand(singleEvent("DTSTART:20240110T090000", "DTEND:20240110T100000"), { window: year, defaultTimeZone: "Nowhere/Else" });
    expect(spans(utc)).toEqual(["2024-01-10T09:00:00.000Z/2024-01-10T10:00:00.000Z"]);
    expect(utc.problems).toEqual([expect.stringContaining("Nowhere/Else")]);
  });

  it("reads a vendor path TZID by its IANA tail when no VTIMEZONE defines it", () => {
    const mozilla = singleEvent("DTSTART;TZID=/mozilla.org/20070129_1/Europe/Paris:20240710T090000", "DURATION:PT1H");
    expect(spans(expand(mozilla, { window: year }))).toEqual(["2024-07-10T07:00:00.000Z/2024-07-10T08:00:00.000Z"]);
  });

  it("refuses a VTIMEZONE whose rules are not yearly (ical.js would expand them for hours)", () => {
    const ics = [
      "BEGIN:VCALENDAR",
      "BEGIN:VTIMEZONE",
      "TZID:Custom",
      "BEGIN:STANDARD",
      "DTSTART:19700101T000000",
      "TZOFFSETFROM:+0100",
      "TZOFFSETTO:+0200",
      "RRULE:FREQ=SECONDLY",
      "END:STANDARD",
      "END:VTIMEZONE",
      "BEGIN:VEVENT",
      "UID:custom",
      "DTSTART;TZID=Custom:20240110T090000",
      "DURATION:PT1H",
      "END:VEVENT",
      "END:VCALENDAR",
    ].join("\r\n");
    const result = expand(ics, { window: year, defaultTimeZone: "Asia/Tokyo" });
    expect(spans(result)).toEqual(["2024-01-10T00:00:00.000Z/2024-01-10T01:00:00.000Z"]);
    expect(result.problems).toEqual([expect.stringContaining("Custom")]);
  });
});
