// Google Meet and Teams locations: whose calendar makes the one meeting, what a
// booking says before the link exists or when it cannot come, how long notices
// wait for it, and the page's kind before anyone books.
import { describe, expect, it } from "vitest";
import { awaitsConferenceLink, CONFERENCE_WAIT_MS, conferenceCalendarProblem, conferenceHostOf, conferenceOf } from "./conference-location.js";
import { locationKind, normalizeLinkLocation, resolveMeetingLocation } from "./meeting-location.js";

const ROOMS = { jitsiBaseUrl: "https://meet.jit.si", roomKey: new Uint8Array(32).fill(7) };
const BOOKING = "0b6f3d8e-5d7a-4c1e-9a63-1f0c2b7a9e11";
const MEET = { type: "google_meet", value: null } as const;
const TEAMS = { type: "teams", value: null } as const;

describe("the conference host", () => {
  it("is the link's owner when they host the booking, else its first (or assigned) host", () => {
    expect(conferenceHostOf({ hostUserIds: ["bea", "owner", "cal"] }, "owner")).toBe("owner");
    expect(conferenceHostOf({ hostUserIds: ["bea", "cal"] }, "owner")).toBe("bea");
    expect(conferenceHostOf({ hostUserIds: ["cal"] }, null)).toBe("cal");
    expect(conferenceHostOf({ hostUserIds: [] }, "owner")).toBeNull();
  });
});

describe("a conference location, resolved", () => {
  it("is the calendar's join link once it exists", () => {
    const url = "https://meet.google.com/abc-defg-hij";
    expect(resolveMeetingLocation(MEET, BOOKING, ROOMS, { state: "ready", url })).toEqual({ type: "google_meet", label: "Join", text: url, url });
  });

  it("says where the link will appear while the calendar makes it, and links nothing", () => {
    const pending = resolveMeetingLocation(TEAMS, BOOKING, ROOMS, { state: "pending" });
    expect(pending).toMatchObject({ type: "teams", label: "Join", url: null });
    expect(pending.text).toBe("Microsoft Teams (the link is being created; the booking page and the calendar event will show it)");
    // No state computed is read as pending, never as a link.
    expect(resolveMeetingLocation(MEET, BOOKING, ROOMS).url).toBeNull();
  });

  it("says honestly why there is no link and whose calendar to fix", () => {
    expect(resolveMeetingLocation(MEET, BOOKING, ROOMS, { state: "unavailable", reason: "not_connected", hostName: "Ada Host" }).text).toBe(
      "Google Meet (link not available: Ada Host's Google calendar is not connected)",
    );
    expect(resolveMeetingLocation(TEAMS, BOOKING, ROOMS, { state: "unavailable", reason: "not_created", hostName: "Ada Host" }).text).toBe(
      "Microsoft Teams (link not available: Ada Host's Microsoft (Outlook) calendar did not create the meeting)",
    );
  });

  it("keeps no owner text, and the booking page names the service", () => {
    expect(normalizeLinkLocation({ type: "google_meet", value: "https://meet.google.com/x" })).toEqual(MEET);
    expect(locationKind(MEET)).toBe("Google Meet video call");
    expect(locationKind(TEAMS)).toBe("Microsoft Teams video call");
  });
});

describe("conference specs and the save rule", () => {
  it("map each kind to the provider whose calendar makes it; other locations have none", () => {
    expect(conferenceOf("google_meet")).toMatchObject({ kind: "google_meet", provider: "google" });
    expect(conferenceOf("teams")).toMatchObject({ kind: "teams", provider: "microsoft" });
    expect(conferenceOf("jitsi")).toBeNull();
  });

  it("names the hosts who lack the calendar", () => {
    expect(conferenceCalendarProblem(conferenceOf("google_meet")!, [])).toBeNull();
    expect(conferenceCalendarProblem(conferenceOf("google_meet")!, [{ name: "Ada" }, { name: "Bo" }])).toMatch(/Google calendar.*for Ada, Bo/);
  });
});

describe("waiting for the link", () => {
  const due = 1_000_000;
  it("waits only while the write is pending, and at most CONFERENCE_WAIT_MS after the notice was due", () => {
    expect(awaitsConferenceLink({ state: "pending" }, due, due)).toBe(true);
    expect(awaitsConferenceLink({ state: "pending" }, due, due + CONFERENCE_WAIT_MS - 1)).toBe(true);
    expect(awaitsConferenceLink({ state: "pending" }, due, due + CONFERENCE_WAIT_MS)).toBe(false);
    expect(awaitsConferenceLink({ state: "ready", url: "https://meet.google.com/a" }, due, due)).toBe(false);
    expect(awaitsConferenceLink({ state: "unavailable", reason: "not_connected", hostName: "Ada" }, due, due)).toBe(false);
    expect(awaitsConferenceLink(null, due, due)).toBe(false);
  });
});
