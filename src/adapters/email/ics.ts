// The calendar event of a booking (iCalendar, RFC 5545, with iTIP methods from
// RFC 5546): METHOD:REQUEST in the emails when it is booked or moved,
// METHOD:CANCEL when it is cancelled, METHOD:PUBLISH for a plain download. One
// UID per booking and a SEQUENCE that grows with every change let calendar
// clients update the one event they already hold instead of adding another.
// Times are written in UTC: with a time zone set, ical-generator writes a JS
// Date on the server's local clock.
import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus, type ICalAttendeeData } from "ical-generator";
import { bookingUid } from "../../core/calendars/connections.js";
import { eventDescription, eventSummary } from "../../core/calendars/event-details.js";
import { locationLine } from "../../core/booking/meeting-location.js";
import type { MeetingFacts } from "../../core/notifications/messages.js";

/** REQUEST and CANCEL go to attendees by email; PUBLISH is the event as a file to import (no attendees, no replies). */
export type InviteMethod = "REQUEST" | "CANCEL" | "PUBLISH";

const CALENDAR_METHOD: Record<InviteMethod, ICalCalendarMethod> = {
  REQUEST: ICalCalendarMethod.REQUEST,
  CANCEL: ICalCalendarMethod.CANCEL,
  PUBLISH: ICalCalendarMethod.PUBLISH,
};

/** Stable for the booking's whole life: reschedules and the cancel name the same event (and the host's calendar event). */
export const inviteUid = bookingUid;

/**
 * Parameter values (CN) cannot hold a double quote in RFC 5545, and
 * ical-generator's backslash escape is not one readers agree on; a name
 * keeps its meaning with single quotes. Control characters would end the line.
 */
function parameterSafe(name: string): string {
  return name.replace(/"/g, "'").replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
}

function attendeesOf(facts: MeetingFacts): ICalAttendeeData[] {
  const awaitingReply = (name: string | null, email: string): ICalAttendeeData => ({
    ...(name ? { name: parameterSafe(name) } : {}),
    email,
    role: ICalAttendeeRole.REQ,
    status: ICalAttendeeStatus.NEEDSACTION,
    rsvp: true,
  });
  return [
    awaitingReply(facts.invitee.name, facts.invitee.email),
    // Hosts agreed to the time by offering it: they are not asked again.
    ...facts.hosts.map((host) => ({ name: parameterSafe(host.name), email: host.email, role: ICalAttendeeRole.REQ, status: ICalAttendeeStatus.ACCEPTED })),
    ...facts.guests.map((guest) => awaitingReply(null, guest)),
  ];
}

/**
 * The booking's event as an iCalendar object (CRLF lines). `publicUrl` is the
 * event's URL when the facts carry no manage link. The manage link acts as
 * the invitee: build hosts' copies (and the owner's download) from facts with
 * `manageUrl: null`. `stampMs` (DTSTAMP, when this version was made) defaults to now.
 */
export function buildInvite(facts: MeetingFacts, method: InviteMethod, publicUrl: string, stampMs: number = Date.now()): string {
  return buildEvent(facts, method, publicUrl, stampMs);
}

/**
 * The booking's event as a host's calendar keeps it (CalDAV PUT): the same
 * UID, SEQUENCE and attendees as the emailed invite, so calendar apps merge
 * the two, but no METHOD (RFC 4791 §4.1: stored objects carry none). Build
 * it from facts with `manageUrl: null`: the manage link is the invitee's.
 */
export function buildCalendarObject(facts: MeetingFacts, publicUrl: string, stampMs: number = Date.now()): string {
  return buildEvent(facts, null, publicUrl, stampMs);
}

function buildEvent(facts: MeetingFacts, method: InviteMethod | null, publicUrl: string, stampMs: number): string {
  const calendar = ical({ prodId: { company: "Convene", product: "Convene", language: "EN" }, ...(method ? { method: CALENDAR_METHOD[method] } : {}) });
  const isCancelled = method === "CANCEL" || facts.status === "cancelled";
  calendar.createEvent({
    id: inviteUid(facts.bookingId),
    sequence: facts.sequence,
    stamp: new Date(stampMs),
    start: new Date(facts.startMs),
    end: new Date(facts.endMs),
    summary: eventSummary(facts),
    description: eventDescription(facts, isCancelled),
    location: locationLine(facts.location),
    organizer: { name: parameterSafe(facts.organizer.name), email: facts.organizer.email },
    // RFC 5546 §3.2.1: a PUBLISH carries no ATTENDEE.
    attendees: method === "PUBLISH" ? [] : attendeesOf(facts),
    status: isCancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    url: facts.manageUrl ?? publicUrl,
  });
  return calendar.toString();
}
