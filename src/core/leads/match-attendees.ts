// Which of a booking's attendees are which leads: the lead a one-time link was
// made for takes the invitee, then every attendee (the invitee and each guest,
// a group booking's attendees each on their own) is matched by address. What
// matches no lead waits in the unmatched queue. Pure: callers load the link's
// lead and the leads by address, and store the outcome.
import { emailKeyOf, type LeadMatchKind } from "./lead-matching.js";

export type Attendee = { email: string; emailKey: string; name: string | null };

export type AttendeeMatch = { leadId: string; attendeeEmail: string; matchedBy: Extract<LeadMatchKind, "one_time_link" | "email"> };

export type AttendeeMatching = { matches: AttendeeMatch[]; unmatched: Attendee[] };

/** The invitee first, then each guest; one entry per address (a guest repeating the invitee's address is the invitee), blanks dropped. */
export function attendeesOf(booking: { inviteeName: string; inviteeEmail: string; guests: readonly string[] }): Attendee[] {
  const attendees: Attendee[] = [];
  const seen = new Set<string>();
  const add = (email: string, name: string | null) => {
    const emailKey = emailKeyOf(email);
    if (emailKey === "" || seen.has(emailKey)) return;
    seen.add(emailKey);
    attendees.push({ email: email.trim(), emailKey, name });
  };
  add(booking.inviteeEmail, booking.inviteeName.trim() || null);
  for (const guest of booking.guests) add(guest, null);
  return attendees;
}

/**
 * The invitee (attendees[0]) belongs to the link's lead whatever address they
 * typed (they may book with another one); every other attendee, and the
 * invitee without such a lead, by address. A lead is matched once per booking.
 */
export function matchAttendees(attendees: readonly Attendee[], linkLeadId: string | null, leadIdByEmailKey: ReadonlyMap<string, string>): AttendeeMatching {
  const matches: AttendeeMatch[] = [];
  const unmatched: Attendee[] = [];
  const matchedLeadIds = new Set<string>();
  attendees.forEach((attendee, index) => {
    if (index === 0 && linkLeadId !== null) {
      matchedLeadIds.add(linkLeadId);
      matches.push({ leadId: linkLeadId, attendeeEmail: attendee.email, matchedBy: "one_time_link" });
      return;
    }
    const leadId = leadIdByEmailKey.get(attendee.emailKey);
    if (leadId === undefined) {
      unmatched.push(attendee);
      return;
    }
    if (matchedLeadIds.has(leadId)) return;
    matchedLeadIds.add(leadId);
    matches.push({ leadId, attendeeEmail: attendee.email, matchedBy: "email" });
  });
  return { matches, unmatched };
}
