// Matches one booking's attendees to leads and tells every matched lead where
// the booking stands. Run by the leads channel for each booking event, inside
// its transaction; safe to run again (matches and queue entries are written
// once, and a lead's state takes the same booking the same way twice). It
// reads the booking as it is now, so deliveries running late or twice end in
// the booking's current state.
import { matchAttendees, attendeesOf } from "../../core/leads/match-attendees.js";
import type { TenantId } from "../../core/tenancy.js";
import type { BookingRecord } from "../ports/bookings.js";
import type { Repositories } from "../ports/store.js";
import { applyLeadInput } from "./apply-lead-input.js";
import { notifyUsers } from "../notifications/in-app-notices.js";

export type BookingMatchOutcome = { leadIds: string[]; unmatchedEmails: string[] };

/** causeRef: the booking event that asked (kept on each lead transition); atMs: when. */
export async function matchBookingToLeads(repos: Repositories, tenantId: TenantId, booking: BookingRecord, cause: { causeRef: string; atMs: number }): Promise<BookingMatchOutcome> {
  // An erased invitee's fields are blanks: nothing left to match, but leads matched before still follow the booking.
  const attendees = booking.erasedAt ? [] : attendeesOf(booking);
  const linkLeadId = booking.oneTimeLinkId ? await repos.leadMatches.leadOfOneTimeLink(tenantId, booking.oneTimeLinkId) : null;
  const leadIdByEmailKey = await repos.leadMatches.leadIdsByEmailKeys(tenantId, attendees.map((attendee) => attendee.emailKey));
  const { matches, unmatched } = matchAttendees(attendees, linkLeadId, leadIdByEmailKey);
  await repos.leadMatches.addBookingLeads(tenantId, booking.id, matches, cause.atMs);
  await repos.leadMatches.addUnmatched(tenantId, booking.id, unmatched, cause.atMs);
  // The hosts hear of each attendee no lead matched, once (the dedupe key), to confirm or dismiss in the funnel;
  // an organisation that keeps no leads is not told about every booking.
  const isUsingLeads = unmatched.length > 0 && (await repos.leadMatches.hasLeads(tenantId));
  for (const attendee of isUsingLeads ? unmatched : []) {
    await notifyUsers(repos, tenantId, booking.hostUserIds, {
      kind: "unmatched_booking",
      title: `Booking not matched to a lead: ${attendee.name ?? attendee.email}`,
      body: `${attendee.email} booked; confirm their lead or dismiss it in the funnel.`,
      bookingId: booking.id,
      dedupeKey: `unmatched:${booking.id}:${attendee.emailKey}`,
      atMs: cause.atMs,
    });
  }
  const leadIds = await repos.leadMatches.leadIdsOfBooking(tenantId, booking.id);
  const latest = { bookingId: booking.id, createdAtMs: booking.createdAt.getTime(), status: booking.status };
  for (const leadId of leadIds) {
    await applyLeadInput(repos, tenantId, leadId, { kind: "booking", booking: latest }, { cause: "booking", causeRef: cause.causeRef, atMs: cause.atMs });
  }
  return { leadIds, unmatchedEmails: unmatched.map((attendee) => attendee.email) };
}
