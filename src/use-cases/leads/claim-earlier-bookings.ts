// A lead created after its bookings claims them: the queue's open entries
// with the lead's address become its matches ("claimed"), and each booking is
// applied to the lead (the latest one decides its status). Called in the
// transaction that creates or imports the leads, so an entry is claimed once.
import type { TenantId } from "../../core/tenancy.js";
import type { Repositories } from "../ports/store.js";
import { applyLeadInput } from "./apply-lead-input.js";

/** Leads per round trip: an import of 100,000 leads stays far below the driver's parameter limit. */
const CHUNK_LEADS = 1_000;

/** Returns how many queue entries the leads claimed. */
export async function claimEarlierBookings(repos: Repositories, tenantId: TenantId, leadIds: readonly string[], nowMs: number): Promise<number> {
  let claimed = 0;
  for (let start = 0; start < leadIds.length; start += CHUNK_LEADS) {
    const leads = await repos.leadMatches.getLeads(tenantId, leadIds.slice(start, start + CHUNK_LEADS));
    const leadIdByEmailKey = new Map(leads.map((lead) => [lead.emailKey, lead.id]));
    const entries = await repos.leadMatches.openForEmailKeys(tenantId, [...leadIdByEmailKey.keys()]);
    for (const entry of entries) {
      const leadId = leadIdByEmailKey.get(entry.emailKey);
      const booking = leadId === undefined ? null : await repos.bookings.get(tenantId, entry.bookingId);
      if (leadId === undefined || !booking) continue;
      await repos.leadMatches.addBookingLeads(tenantId, booking.id, [{ leadId, attendeeEmail: entry.email, matchedBy: "claimed" }], nowMs);
      await repos.leadMatches.resolve(tenantId, entry.id, { state: "confirmed", leadId, byUserId: null, atMs: nowMs });
      // The transition's cause is the booking's latest event: what put the booking where it is.
      const events = await repos.bookingEvents.listForBooking(tenantId, booking.id);
      const causeRef = events.at(-1)?.id ?? booking.id;
      await applyLeadInput(repos, tenantId, leadId, { kind: "booking", booking: { bookingId: booking.id, createdAtMs: booking.createdAt.getTime(), status: booking.status } }, { cause: "booking", causeRef, atMs: nowMs });
      claimed += 1;
    }
  }
  return claimed;
}
