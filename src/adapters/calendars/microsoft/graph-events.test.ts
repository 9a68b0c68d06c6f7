import { describe, expect, it } from "vitest";
import { expandBusy } from "../../../core/calendars/busy-events.js";
import { graphEventIcs, ownUidOf, transactionIdOf, uidOf, type GraphEvent } from "./graph-events.js";
import { graphDateTimeOf, ianaZoneOf, instantOfGraphDateTime } from "./graph-time-zones.js";

const busyOf = (event: GraphEvent) =>
  expandBusy(graphEventIcs(event, "host@contoso.example")!, { windowStartMs: 0, windowEndMs: Date.parse("2030-01-01T00:00:00Z"), defaultTimeZone: "UTC", ownerEmails: [] }).busy;

describe("Graph time zones", () => {
  it("maps Windows zone names to IANA, keeps IANA names, and knows neither for Outlook's custom zones", () => {
    expect(ianaZoneOf("W. Europe Standard Time")).toBe("Europe/Berlin");
    expect(ianaZoneOf("Pacific Standard Time")).toBe("America/Los_Angeles");
    expect(ianaZoneOf("UTC")).toBe("Etc/UTC");
    expect(ianaZoneOf("Asia/Kolkata")).toBe("Asia/Kolkata");
    expect(ianaZoneOf("Customized Time Zone")).toBeNull();
  });

  it("reads a Graph dateTime in its zone, across DST, with Graph's 7-digit fraction", () => {
    expect(instantOfGraphDateTime({ dateTime: "2027-07-01T09:00:00.0000000", timeZone: "W. Europe Standard Time" })).toBe(Date.parse("2027-07-01T07:00:00Z"));
    expect(instantOfGraphDateTime({ dateTime: "2027-01-15T09:00:00.0000000", timeZone: "W. Europe Standard Time" })).toBe(Date.parse("2027-01-15T08:00:00Z"));
    expect(instantOfGraphDateTime({ dateTime: "2027-03-14T02:30:00.0000000", timeZone: "Pacific Standard Time" })).toBe(Date.parse("2027-03-14T10:30:00Z"));
    expect(instantOfGraphDateTime({ dateTime: "2027-01-15T09:00:00.1234567", timeZone: "UTC" })).toBe(Date.parse("2027-01-15T09:00:00.123Z"));
    expect(instantOfGraphDateTime({ dateTime: "next Tuesday", timeZone: "UTC" })).toBeNull();
  });

  it("writes the host's wall time under the zone's Windows name, or UTC when it has none", () => {
    expect(graphDateTimeOf(Date.parse("2027-07-01T07:00:00Z"), "Europe/Berlin")).toEqual({ dateTime: "2027-07-01T09:00:00", timeZone: "W. Europe Standard Time" });
    expect(graphDateTimeOf(Date.parse("2027-07-01T07:00:00Z"), "Not/AZone")).toEqual({ dateTime: "2027-07-01T07:00:00", timeZone: "UTC" });
  });
});

describe("Graph events as iCalendar", () => {
  const base: GraphEvent = {
    id: "AAMk1",
    iCalUId: "040000008200E00074C5B7101A82E008-outlook",
    subject: "Design review",
    start: { dateTime: "2027-07-01T09:00:00.0000000", timeZone: "W. Europe Standard Time" },
    end: { dateTime: "2027-07-01T10:00:00.0000000", timeZone: "W. Europe Standard Time" },
    showAs: "busy",
  };

  it("blocks an event in a Windows zone at its real instants", () => {
    expect(busyOf(base)).toEqual([{ startMs: Date.parse("2027-07-01T07:00:00Z"), endMs: Date.parse("2027-07-01T08:00:00Z") }]);
  });

  it("takes Convene's UID from its transactionId, Outlook's iCalUId otherwise", () => {
    expect(ownUidOf(transactionIdOf("b@convene"))).toBe("b@convene");
    expect(ownUidOf("7E163156-7762-4BEB-A1C6-729EA81755A7")).toBeNull();
    expect(uidOf({ ...base, transactionId: transactionIdOf("b@convene") })).toBe("b@convene");
    expect(uidOf({ ...base, transactionId: "another app's id" })).toBe(base.iCalUId);
  });

  it("does not block free, workingElsewhere, cancelled or declined events", () => {
    for (const event of [{ ...base, showAs: "free" }, { ...base, showAs: "workingElsewhere" }, { ...base, isCancelled: true }, { ...base, responseStatus: { response: "declined" } }]) {
      expect(busyOf(event)).toEqual([]);
    }
    for (const showAs of ["tentative", "oof", "unknown"]) expect(busyOf({ ...base, showAs })).toHaveLength(1);
  });

  it("escapes text and yields nothing for an event without readable times", () => {
    expect(graphEventIcs({ ...base, subject: "Budget; Q3, draft\nline 2" }, "")).toContain("SUMMARY:Budget\\; Q3\\, draft\\nline 2");
    expect(graphEventIcs({ ...base, start: { dateTime: "soon", timeZone: "UTC" } }, "")).toBeNull();
    expect(graphEventIcs({ ...base, start: null }, "")).toBeNull();
  });
});
