// What a booking's calendar event says, the same in every form it takes: the
// iCalendar object (invites, CalDAV) and the structured event Google and
// Microsoft Graph take. Pure.
import { locationLine } from "../booking/meeting-location.js";
import { singleLine } from "../notifications/message-layout.js";
import { listNames, type MeetingFacts } from "../notifications/messages.js";

/** Conferencing a provider creates with the event (the meeting link comes back in WrittenEvent.conferenceUrl). */
export type ConferenceKind = "google_meet" | "teams";

/** The event's facts for providers that take structured events rather than iCalendar (Google, Graph). */
export type EventDetails = {
  summary: string;
  description: string;
  /** The location line (an address, a phone number, a meeting URL); null for none. */
  location: string | null;
  startMs: number;
  endMs: number;
  /** The host's IANA zone, for how the event reads in their calendar. */
  timeZone: string;
  attendees: { email: string; name: string }[];
  /** Ask the provider for a meeting (Meet, Teams) with the event; null for none. */
  conference: ConferenceKind | null;
};

/** "Intro call between Ada Host and Bob Invitee". */
export function eventSummary(facts: MeetingFacts): string {
  const hosts = facts.hosts.length > 0 ? facts.hosts : [facts.organizer];
  return singleLine(`${facts.title} between ${listNames(hosts.map((host) => host.name))} and ${facts.invitee.name}`);
}

/** The link's description, then where to join and (for the invitee's copy) the manage link; or why it was cancelled. */
export function eventDescription(facts: MeetingFacts, isCancelled: boolean): string {
  const { location } = facts;
  const blocks = [facts.description.trim()];
  if (isCancelled) {
    blocks.push(facts.cancelReason ? `Cancelled: ${facts.cancelReason}` : "Cancelled.");
  } else {
    if (location) blocks.push(`${location.label}: ${location.text}`);
    if (facts.manageUrl) blocks.push(`Reschedule or cancel: ${facts.manageUrl}`);
  }
  return blocks.filter((block) => block.length > 0).join("\n\n");
}

/** A host's copy of the event as structured fields, in the host's zone; the invitee and guests attend. */
export function eventDetails(facts: MeetingFacts, hostTimeZone: string, conference: ConferenceKind | null): EventDetails {
  return {
    summary: eventSummary(facts),
    description: eventDescription(facts, facts.status === "cancelled"),
    location: locationLine(facts.location) ?? null,
    startMs: facts.startMs,
    endMs: facts.endMs,
    timeZone: hostTimeZone,
    attendees: [{ email: facts.invitee.email, name: facts.invitee.name }, ...facts.guests.map((email) => ({ email, name: "" }))],
    conference,
  };
}
