import { describe, expect, it } from "vitest";
import { bookingBodyOf, instantOfWallTime, isOnlyOutsideHours, type MeetingForm } from "./new-meeting-model";

const form = (changes: Partial<MeetingForm> = {}): MeetingForm => ({
  hostUserIds: ["u1"],
  durationMin: 30,
  start: "2026-11-23T09:00:00.000Z",
  attendees: [{ key: "a1", name: " Ada Lovelace ", email: " ada@example.com " }],
  inviteeTimeZone: "Europe/London",
  title: "",
  locationKind: "jitsi",
  locationValue: "",
  notes: "",
  allowOutsideHours: false,
  ...changes,
});

describe("instantOfWallTime", () => {
  it("reads a wall time in the owner's zone, on either side of a clock change", () => {
    expect(new Date(instantOfWallTime("2026-11-23", "10:30", "Europe/Berlin")!).toISOString()).toBe("2026-11-23T09:30:00.000Z");
    expect(new Date(instantOfWallTime("2026-07-01", "10:30", "Europe/Berlin")!).toISOString()).toBe("2026-07-01T08:30:00.000Z");
    expect(new Date(instantOfWallTime("2026-11-23", "09:00", "America/New_York")!).toISOString()).toBe("2026-11-23T14:00:00.000Z");
    // 02:30 does not exist in Berlin on 2026-03-29: it moves forward by the gap.
    expect(new Date(instantOfWallTime("2026-03-29", "02:30", "Europe/Berlin")!).toISOString()).toBe("2026-03-29T01:30:00.000Z");
  });

  it("refuses text that is no date or time", () => {
    expect(instantOfWallTime("2026-11-23", "25:00", "UTC")).toBeNull();
    expect(instantOfWallTime("23.11.2026", "10:00", "UTC")).toBeNull();
    expect(instantOfWallTime("2026-11-23", "", "UTC")).toBeNull();
  });
});

describe("bookingBodyOf", () => {
  it("sends the invitee with their zone, leaves blanks to the server's defaults and keeps no value for a room of its own", () => {
    expect(bookingBodyOf(form({ locationValue: "left over from a phone number" }))).toEqual({
      start: "2026-11-23T09:00:00.000Z",
      durationMin: 30,
      hostUserIds: ["u1"],
      attendees: [{ name: "Ada Lovelace", email: "ada@example.com", timeZone: "Europe/London" }],
      location: { kind: "jitsi" },
    });
  });

  it("sends guests, title, notes, a location's value and the waiver when set", () => {
    const body = bookingBodyOf(
      form({
        attendees: [
          { key: "a1", name: "Ada", email: "ada@example.com" },
          { key: "a2", name: "", email: "bob@example.com" },
        ],
        title: " Pricing ",
        locationKind: "phone",
        locationValue: " +44 20 7946 0000 ",
        notes: "Bring numbers",
        allowOutsideHours: true,
      }),
    );
    expect(body).toMatchObject({
      attendees: [{ name: "Ada", email: "ada@example.com", timeZone: "Europe/London" }, { name: "bob@example.com", email: "bob@example.com" }],
      title: "Pricing",
      location: { kind: "phone", value: "+44 20 7946 0000" },
      notes: "Bring numbers",
      allowOutsideHours: true,
    });
  });
});

describe("isOnlyOutsideHours", () => {
  it("is true only when working hours (or a holiday) are all that stand in the way", () => {
    expect(isOnlyOutsideHours([{ code: "OUTSIDE_HOURS" }, { code: "HOLIDAY" }])).toBe(true);
    expect(isOnlyOutsideHours([{ code: "OUTSIDE_HOURS" }, { code: "BUSY" }])).toBe(false);
    expect(isOnlyOutsideHours([])).toBe(false);
  });
});
