// Google event JSON → iCalendar for the shapes the fake cannot produce
// (recurring instances, local times with a zone, events without times), read
// back through expandBusy as sync-calendars.ts does.
import { describe, expect, it } from "vitest";
import { conferenceUrlOf, icsOfGoogleEvent, uidOf } from "../../src/adapters/calendars/google/google-events.js";
import { expandBusy } from "../../src/core/calendars/busy-events.js";

const busyOf = (ics: string | null) =>
  expandBusy(ics!, { windowStartMs: Date.parse("2027-01-01T00:00:00Z"), windowEndMs: Date.parse("2027-02-01T00:00:00Z"), defaultTimeZone: "UTC", ownerEmails: ["ada@example.com"] }).busy.map((range) => [
    new Date(range.startMs).toISOString(),
    new Date(range.endMs).toISOString(),
  ]);

describe("icsOfGoogleEvent", () => {
  it("makes one plain VEVENT of a recurring event's instance (singleEvents=true), under the series' UID", () => {
    // Google's instance fields (recurringEventId, originalStartTime) ride along unread.
    const instance = {
      id: "abc123def_20270105T100000Z",
      iCalUID: "series-1@google.com",
      recurringEventId: "abc123def",
      originalStartTime: { dateTime: "2027-01-05T10:00:00Z" },
      start: { dateTime: "2027-01-05T11:00:00+01:00", timeZone: "Europe/Paris" },
      end: { dateTime: "2027-01-05T12:00:00+01:00", timeZone: "Europe/Paris" },
    };
    const ics = icsOfGoogleEvent(instance);
    expect(ics).not.toMatch(/RRULE|RECURRENCE-ID/);
    expect(ics).toMatch(/UID:series-1@google\.com/);
    expect(busyOf(ics)).toEqual([["2027-01-05T10:00:00.000Z", "2027-01-05T11:00:00.000Z"]]);
  });

  it("reads a local time without an offset in the event's zone", () => {
    const ics = icsOfGoogleEvent({ id: "local0001", start: { dateTime: "2027-01-05T09:00:00", timeZone: "America/New_York" }, end: { dateTime: "2027-01-05T10:00:00", timeZone: "America/New_York" } });
    expect(ics).toMatch(/DTSTART;TZID=America\/New_York:20270105T090000/);
    expect(busyOf(ics)).toEqual([["2027-01-05T14:00:00.000Z", "2027-01-05T15:00:00.000Z"]]);
  });

  it("has nothing to say about an event without a readable start", () => {
    expect(icsOfGoogleEvent({ id: "nostart01", status: "confirmed" })).toBeNull();
    expect(icsOfGoogleEvent({ id: "badstart1", start: { dateTime: "soon" }, end: { dateTime: "later" } })).toBeNull();
  });

  it("takes Convene's UID from its private extended property, and the Meet link from hangoutLink or the video entry point", () => {
    expect(uidOf({ id: "own000001", iCalUID: "own000001@google.com", extendedProperties: { private: { conveneUid: "b1@convene" } } })).toBe("b1@convene");
    expect(uidOf({ id: "bare00001" })).toBe("bare00001@google.com");
    expect(conferenceUrlOf({ id: "m1", hangoutLink: "https://meet.google.com/abc-defg-hij" })).toBe("https://meet.google.com/abc-defg-hij");
    expect(conferenceUrlOf({ id: "m2", conferenceData: { entryPoints: [{ entryPointType: "phone", uri: "tel:+1" }, { entryPointType: "video", uri: "https://meet.google.com/x" }] } })).toBe("https://meet.google.com/x");
    expect(conferenceUrlOf({ id: "m3" })).toBeNull();
  });
});
