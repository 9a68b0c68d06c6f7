// Meetings a host's calendar makes: a Google Meet or Microsoft Teams location
// has no address until the host's Google or Microsoft calendar creates the
// event with a conference and answers its join link. The rules for it live
// here: which calendar a kind needs, whose calendar makes the one meeting of
// a booking, what a booking says while the link is on its way or when it
// cannot come, and how long messages wait for it. Pure.
import type { ConferenceKind } from "../calendars/event-details.js";
import type { LocationType } from "./link-options.js";

/** The provider kind whose calendar creates a conference kind (a connection's `provider`). */
export type ConferenceProvider = "google" | "microsoft";

type ConferenceSpec = { kind: ConferenceKind; provider: ConferenceProvider; serviceName: string; calendarName: string };

const CONFERENCES: Record<ConferenceKind, ConferenceSpec> = {
  google_meet: { kind: "google_meet", provider: "google", serviceName: "Google Meet", calendarName: "Google calendar" },
  teams: { kind: "teams", provider: "microsoft", serviceName: "Microsoft Teams", calendarName: "Microsoft (Outlook) calendar" },
};

/** The conference a location type asks the host's calendar for; null for locations Convene resolves itself. */
export function conferenceOf(type: LocationType): ConferenceSpec | null {
  return type === "google_meet" || type === "teams" ? CONFERENCES[type] : null;
}

/**
 * Whose calendar makes a booking's one meeting: the link's owner when they
 * host it (they are the invite's organizer), else the booking's first host
 * (round robin: the assigned one). Every other host's event carries the
 * same link in its location and description; one meeting per booking, never
 * one per host. Null when the booking has no host left.
 */
export function conferenceHostOf(booking: { hostUserIds: readonly string[] }, ownerUserId: string | null): string | null {
  if (ownerUserId !== null && booking.hostUserIds.includes(ownerUserId)) return ownerUserId;
  return booking.hostUserIds[0] ?? null;
}

/**
 * Where a booking's conference stands. ready: the calendar answered the link;
 * pending: the calendar write is under way (or being retried); unavailable:
 * it will not come by itself — the host has no calendar of the provider that
 * receives events (never connected, or disconnected since), or the write gave
 * up or the calendar made no meeting.
 */
export type ConferenceState =
  | { state: "ready"; url: string }
  | { state: "pending" }
  | { state: "unavailable"; reason: "not_connected" | "not_created"; hostName: string };

/**
 * What a booking shows for a conference location that has no link (yet):
 * never a promise the system cannot keep. Pending says where the link will
 * appear (the booking's page and calendar event read it as soon as it
 * exists); unavailable says why there is none and whose calendar to fix.
 */
export function conferenceText(spec: ConferenceSpec, state: Exclude<ConferenceState, { state: "ready" }>): string {
  if (state.state === "pending") return `${spec.serviceName} (the link is being created; the booking page and the calendar event will show it)`;
  const why = state.reason === "not_connected" ? `${state.hostName}'s ${spec.calendarName} is not connected` : `${state.hostName}'s ${spec.calendarName} did not create the meeting`;
  return `${spec.serviceName} (link not available: ${why})`;
}

/**
 * How long a confirmation or reschedule notice waits for the meeting link
 * after it was due: the calendar write usually answers in seconds; past this
 * (or once the write has failed for good) the notice goes without the link,
 * saying where it will be, rather than leave the invitee with no email.
 */
export const CONFERENCE_WAIT_MS = 10 * 60_000;

/** Whether a notice due at dueAtMs should wait for the link now: only while the write is pending and the wait is not over. */
export function awaitsConferenceLink(state: ConferenceState | null, dueAtMs: number, nowMs: number): boolean {
  return state?.state === "pending" && nowMs < dueAtMs + CONFERENCE_WAIT_MS;
}

/** Why a link with a conference location cannot be saved: hosts without a calendar of the provider that receives new events. */
export function conferenceCalendarProblem(spec: ConferenceSpec, hostsWithout: readonly { name: string }[]): string | null {
  if (hostsWithout.length === 0) return null;
  const names = hostsWithout.map((host) => host.name).join(", ");
  return `${spec.serviceName} meetings are created in the host's ${spec.calendarName}: connect one and choose it to receive new events (on the Calendars page) for ${names}, or pick another location.`;
}
