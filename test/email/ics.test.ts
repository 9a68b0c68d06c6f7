// Invites are read back with ical.js, an independent parser, so these tests
// check what a calendar client will see, not what we meant to write.
import ICAL from "ical.js";
import { afterAll, describe, expect, it } from "vitest";
import { buildInvite, inviteUid } from "../../src/adapters/email/ics.js";
import { MEETING_MANAGE_URL, MEETING_PUBLIC_URL, meetingFacts } from "../support/meeting-facts.js";

const PUBLIC_URL = MEETING_PUBLIC_URL;
const MANAGE_URL = MEETING_MANAGE_URL;
const STAMP_MS = Date.parse("2026-11-20T12:00:00Z");

function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const events = calendar.getAllSubcomponents("vevent");
  expect(events).toHaveLength(1);
  const vevent = events[0]!;
  const attendees = vevent.getAllProperties("attendee").map((property) => ({
    email: String(property.getFirstValue()).replace(/^mailto:/i, ""),
    name: property.getParameter("cn"),
    partstat: property.getParameter("partstat"),
    rsvp: property.getParameter("rsvp"),
    role: property.getParameter("role"),
  }));
  const organizer = vevent.getFirstProperty("organizer")!;
  const time = (name: string) => vevent.getFirstPropertyValue(name) as InstanceType<typeof ICAL.Time>;
  return {
    method: calendar.getFirstPropertyValue("method"),
    prodId: String(calendar.getFirstPropertyValue("prodid")),
    uid: vevent.getFirstPropertyValue("uid"),
    sequence: vevent.getFirstPropertyValue("sequence"),
    status: vevent.getFirstPropertyValue("status"),
    start: time("dtstart"),
    end: time("dtend"),
    stamp: time("dtstamp"),
    summary: vevent.getFirstPropertyValue("summary"),
    description: String(vevent.getFirstPropertyValue("description")),
    location: vevent.getFirstPropertyValue("location"),
    url: vevent.getFirstPropertyValue("url"),
    organizer: { email: String(organizer.getFirstValue()).replace(/^mailto:/i, ""), name: organizer.getParameter("cn") },
    attendees,
  };
}

// The server's own zone must not leak into the times (ical-generator writes local clock time when given a zone).
// Set before any describe body builds an invite; Node applies a TZ change at once.
const originalTz = process.env["TZ"];
process.env["TZ"] = "America/Los_Angeles";
afterAll(() => {
  if (originalTz === undefined) delete process.env["TZ"];
  else process.env["TZ"] = originalTz;
});

describe("buildInvite REQUEST (booked)", () => {
  const ics = buildInvite(meetingFacts(), "REQUEST", PUBLIC_URL, STAMP_MS);
  const invite = parse(ics);

  it("is a Convene REQUEST for one event with the booking's stable UID and SEQUENCE 0", () => {
    expect(invite.method).toBe("REQUEST");
    expect(invite.prodId).toContain("Convene");
    expect(invite.uid).toBe("0b6f3d8e-5d7a-4c1e-9a63-1f0c2b7a9e11@convene");
    expect(invite.uid).toBe(inviteUid("0b6f3d8e-5d7a-4c1e-9a63-1f0c2b7a9e11"));
    expect(invite.sequence).toBe(0);
    expect(invite.status).toBe("CONFIRMED");
  });

  it("writes the exact instants in UTC, whatever the server's zone", () => {
    expect(new Date(Date.parse("2026-12-01T14:00:00Z")).getHours()).toBe(6); // the test runs on Los Angeles time
    expect(invite.start.toJSDate().getTime()).toBe(Date.parse("2026-12-01T14:00:00Z"));
    expect(invite.end.toJSDate().getTime()).toBe(Date.parse("2026-12-01T14:30:00Z"));
    expect(invite.start.zone?.tzid).toBe("UTC");
    expect(ics).toContain("\r\nDTSTART:20261201T140000Z\r\n");
    expect(ics).toContain("\r\nDTEND:20261201T143000Z\r\n");
    expect(ics).not.toContain("TZID");
    expect(invite.stamp.toJSDate().getTime()).toBe(STAMP_MS);
  });

  it("names the organizer and every attendee: the invitee asked to reply, hosts accepted, guests asked", () => {
    expect(invite.organizer).toEqual({ email: "grace@example.com", name: "Grace Hopper" });
    expect(invite.attendees).toEqual([
      { email: "ada@example.com", name: "Ada Lovelace", partstat: "NEEDS-ACTION", rsvp: "TRUE", role: "REQ-PARTICIPANT" },
      { email: "grace@example.com", name: "Grace Hopper", partstat: "ACCEPTED", rsvp: undefined, role: "REQ-PARTICIPANT" },
      { email: "alan@example.com", name: "Alan Turing", partstat: "ACCEPTED", rsvp: undefined, role: "REQ-PARTICIPANT" },
      { email: "charles@example.com", name: undefined, partstat: "NEEDS-ACTION", rsvp: "TRUE", role: "REQ-PARTICIPANT" },
    ]);
  });

  it("says what, where, and how to change it", () => {
    expect(invite.summary).toBe("Intro call between Grace Hopper and Alan Turing and Ada Lovelace");
    expect(invite.location).toBe("https://meet.example/abc");
    expect(invite.description).toBe(`A first conversation.\n\nJoin: https://meet.example/abc\n\nReschedule or cancel: ${MANAGE_URL}`);
    expect(invite.url).toBe(MANAGE_URL);
  });

  it("is well-formed text: CRLF line ends, lines folded at 75 octets", () => {
    expect(ics.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")).toBe(true);
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    for (const line of ics.split("\r\n")) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });
});

describe("buildInvite after changes", () => {
  it("a reschedule keeps the UID, raises SEQUENCE and carries the new times", () => {
    const booked = parse(buildInvite(meetingFacts(), "REQUEST", PUBLIC_URL, STAMP_MS));
    const moved = parse(
      buildInvite(
        meetingFacts({ sequence: 1, status: "rescheduled", startMs: Date.parse("2026-12-02T15:00:00Z"), endMs: Date.parse("2026-12-02T15:30:00Z"), previousStartMs: Date.parse("2026-12-01T14:00:00Z") }),
        "REQUEST",
        PUBLIC_URL,
        STAMP_MS + 1000,
      ),
    );
    expect(moved.method).toBe("REQUEST");
    expect(moved.uid).toBe(booked.uid);
    expect(moved.sequence).toBe(1);
    expect(moved.status).toBe("CONFIRMED");
    expect(moved.start.toJSDate().toISOString()).toBe("2026-12-02T15:00:00.000Z");
    expect(moved.end.toJSDate().toISOString()).toBe("2026-12-02T15:30:00.000Z");
  });

  it("a cancel is METHOD:CANCEL with STATUS:CANCELLED, the same UID, a higher SEQUENCE and the reason", () => {
    const cancelled = parse(buildInvite(meetingFacts({ sequence: 2, status: "cancelled", cancelReason: "Something came up." }), "CANCEL", PUBLIC_URL, STAMP_MS));
    expect(cancelled.method).toBe("CANCEL");
    expect(cancelled.status).toBe("CANCELLED");
    expect(cancelled.uid).toBe(inviteUid("0b6f3d8e-5d7a-4c1e-9a63-1f0c2b7a9e11"));
    expect(cancelled.sequence).toBe(2);
    expect(cancelled.description).toBe("A first conversation.\n\nCancelled: Something came up.");
    expect(cancelled.description).not.toContain("manage");
    expect(cancelled.attendees.map((attendee) => attendee.email)).toEqual(["ada@example.com", "grace@example.com", "alan@example.com", "charles@example.com"]);
  });

  it("a download is METHOD:PUBLISH: the same event, its current state, no attendees to ask", () => {
    const current = parse(buildInvite(meetingFacts({ sequence: 1, status: "rescheduled" }), "PUBLISH", PUBLIC_URL, STAMP_MS));
    expect(current.method).toBe("PUBLISH");
    expect(current.uid).toBe(inviteUid("0b6f3d8e-5d7a-4c1e-9a63-1f0c2b7a9e11"));
    expect(current.sequence).toBe(1);
    expect(current.status).toBe("CONFIRMED");
    expect(current.attendees).toEqual([]);
    expect(current.organizer.email).toBe("grace@example.com");
    const cancelled = parse(buildInvite(meetingFacts({ sequence: 2, status: "cancelled" }), "PUBLISH", PUBLIC_URL, STAMP_MS));
    expect(cancelled.status).toBe("CANCELLED");
    expect(cancelled.description).toBe("A first conversation.\n\nCancelled.");
  });

  it("a host's copy built without the manage link points at Convene instead", () => {
    const hostCopy = parse(buildInvite(meetingFacts({ manageUrl: null }), "REQUEST", PUBLIC_URL, STAMP_MS));
    expect(hostCopy.description).not.toContain("tok_abc");
    expect(hostCopy.url).toBe(PUBLIC_URL);
  });
});

describe("buildInvite with awkward text", () => {
  it("round-trips commas, semicolons, backslashes, line breaks and quotes", () => {
    const facts = meetingFacts({
      title: 'Intro, "deep"; dive\\ call',
      description: "Line one; with, punctuation\nLine two \\ backslash",
      location: { type: "in_person", label: "Where", text: "1 Main St, Suite 2; Floor 3", url: null },
      organizer: { name: 'Grace "Amazing" Hopper; PhD', email: "grace@example.com" },
      hosts: [{ name: 'Grace "Amazing" Hopper; PhD', email: "grace@example.com", timeZone: "America/New_York" }],
      invitee: { name: "Ada: Countess, of Lovelace\r\nX-INJECTED:1", email: "ada@example.com", timeZone: "Europe/Berlin" },
      guests: [],
    });
    const ics = buildInvite(facts, "REQUEST", PUBLIC_URL, STAMP_MS);
    expect(ics).not.toMatch(/\r\nX-INJECTED/);
    const invite = parse(ics);
    expect(invite.summary).toBe('Intro, "deep"; dive\\ call between Grace "Amazing" Hopper; PhD and Ada: Countess, of Lovelace X-INJECTED:1');
    expect(invite.description.startsWith("Line one; with, punctuation\nLine two \\ backslash\n\n")).toBe(true);
    expect(invite.location).toBe("1 Main St, Suite 2; Floor 3");
    expect(invite.organizer.name).toBe("Grace 'Amazing' Hopper; PhD");
    expect(invite.attendees[0]).toMatchObject({ email: "ada@example.com", name: "Ada: Countess, of Lovelace X-INJECTED:1" });
  });

  it("writes a location without a URL as text, and none when the booking's link is gone", () => {
    const invite = parse(buildInvite(meetingFacts({ location: { type: "phone", label: "Phone", text: "+1 555 0100", url: null } }), "REQUEST", PUBLIC_URL, STAMP_MS));
    expect(invite.location).toBe("+1 555 0100");
    expect(invite.description).toContain("Phone: +1 555 0100");
    const ics = buildInvite(meetingFacts({ location: null }), "REQUEST", PUBLIC_URL, STAMP_MS);
    expect(ics).not.toMatch(/^LOCATION/m);
    expect(parse(ics).description).toBe(`A first conversation.\n\nReschedule or cancel: ${MANAGE_URL}`);
  });
});
