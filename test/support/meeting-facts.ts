// The facts a notice and an invite are rendered from, for the mail and
// invite tests: Grace Hopper and Alan Turing meet Ada Lovelace on Tuesday
// 1 December 2026 at 14:00 UTC, by video (the owner's fixed meeting URL).
import type { MeetingFacts } from "../../src/core/notifications/messages.js";

export const MEETING_PUBLIC_URL = "https://convene.example";
export const MEETING_MANAGE_URL = "https://convene.example/manage/tok_abc";

export function meetingFacts(overrides: Partial<MeetingFacts> = {}): MeetingFacts {
  return {
    bookingId: "0b6f3d8e-5d7a-4c1e-9a63-1f0c2b7a9e11",
    sequence: 0,
    status: "scheduled",
    title: "Intro call",
    description: "A first conversation.",
    startMs: Date.parse("2026-12-01T14:00:00Z"),
    endMs: Date.parse("2026-12-01T14:30:00Z"),
    location: { type: "meeting_url", label: "Join", text: "https://meet.example/abc", url: "https://meet.example/abc" },
    organizer: { name: "Grace Hopper", email: "grace@example.com" },
    hosts: [
      { name: "Grace Hopper", email: "grace@example.com", timeZone: "America/New_York" },
      { name: "Alan Turing", email: "alan@example.com", timeZone: "Europe/London" },
    ],
    invitee: { name: "Ada Lovelace", email: "ada@example.com", timeZone: "Europe/Berlin" },
    answers: [{ label: "Company", value: "Analytical Engines Ltd" }],
    guests: ["charles@example.com"],
    notes: null,
    cancelReason: null,
    manageUrl: MEETING_MANAGE_URL,
    bookAgainUrl: "https://convene.example/grace/intro",
    publicUrl: MEETING_PUBLIC_URL,
    ...overrides,
  };
}
