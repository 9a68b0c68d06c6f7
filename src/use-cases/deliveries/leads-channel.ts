// The leads channel: every booking event (Convene's own and external ones
// alike) has its booking's attendees matched to leads, the unmatched ones
// queued for the owner, and each matched lead's status follow the booking.
// One delivery per event; delivering it is one transaction and may run twice.
// Its recipient is the booking's invitee: the person whose lead record it
// updates first (guests are matched in the same delivery); nobody is sent
// anything.
import { matchBookingToLeads } from "../leads/match-booking.js";
import type { Store } from "../ports/store.js";
import type { DeliveryChannel } from "./channel.js";

export const LEADS_CHANNEL = "leads";
/** The one thing this channel delivers: "the booking's leads know about this change". */
export const LEAD_MATCH_KIND = "lead_match";

export function leadsChannel(deps: { store: Store }): DeliveryChannel {
  return {
    name: LEADS_CHANNEL,

    async plan(_repos, _tenantId, event, booking) {
      const recipient = { role: "invitee" as const, email: booking.inviteeEmail, name: booking.inviteeName, timeZone: booking.inviteeTimeZone };
      return {
        deliveries: [{ kind: LEAD_MATCH_KIND, recipient, sequence: event.bookingSequence, runAtMs: event.occurredAtMs, dedupeKey: `leads:${event.id}` }],
        supersedes: [],
      };
    },

    async deliver(tenantId, delivery, event, nowMs) {
      return deps.store.transaction(async (repos) => {
        const booking = await repos.bookings.get(tenantId, delivery.bookingId);
        if (!booking) return "skipped";
        // The transition happened when the booking changed; a delivery planned before events existed has only now.
        await matchBookingToLeads(repos, tenantId, booking, { causeRef: event?.id ?? delivery.id, atMs: event?.occurredAtMs ?? nowMs });
        return "sent";
      });
    },
  };
}
