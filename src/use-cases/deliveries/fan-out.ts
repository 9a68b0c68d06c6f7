// The relay's first half: fans booking events (and organisation events,
// core/org-events) out into deliveries, a batch of
// events per transaction (oldest first, each booking's in order, one node at
// a time): for each event every channel plans, the moot pending deliveries it
// names are skipped, the new ones are written (a delivery already planned is
// kept), and the event is marked fanned out. A crash before commit leaves the
// batch to the next pass; after it, nothing is planned twice.
import { claimUnfannedEvents, claimUnfannedOrgEvents } from "../auth/system-access.js";
import type { Store } from "../ports/store.js";
import type { DeliveryChannel } from "./channel.js";

/**
 * Events per transaction: one lock and one commit for many events, while a
 * transaction stays short. A batch holds at most one event per booking, so a
 * booking changed several times takes as many batches.
 */
const BATCH_EVENTS = 50;

/** Fans out up to maxEvents (all that wait, by default); returns how many it fanned out. */
export async function fanOutEvents(store: Store, channels: readonly DeliveryChannel[], nowMs: number, maxEvents = Number.POSITIVE_INFINITY): Promise<number> {
  let fannedOut = 0;
  while (fannedOut < maxEvents) {
    const count = await store.transaction(async (repos) => {
      const claimed = await claimUnfannedEvents(repos, Math.min(BATCH_EVENTS, maxEvents - fannedOut));
      for (const { tenantId, event } of claimed) {
        const booking = await repos.bookings.get(tenantId, event.bookingId);
        if (booking) {
          for (const channel of channels) {
            const plan = await channel.plan(repos, tenantId, event, booking);
            await repos.deliveries.skipPending(tenantId, booking.id, channel.name, plan.supersedes);
            await repos.deliveries.add(tenantId, booking.id, channel.name, event.id, plan.deliveries);
          }
        }
        await repos.bookingEvents.markFannedOut(event.id, nowMs);
      }
      // Organisation events in the same transaction and lock; only the channels that carry them plan.
      const claimedOrg = await claimUnfannedOrgEvents(repos, Math.max(0, Math.min(BATCH_EVENTS, maxEvents - fannedOut - claimed.length)));
      for (const { tenantId, event } of claimedOrg) {
        for (const channel of channels) {
          if (channel.planOrgEvent) await repos.deliveries.addForOrgEvent(tenantId, event.id, channel.name, await channel.planOrgEvent(repos, tenantId, event));
        }
        await repos.orgEvents.markFannedOut(event.id, nowMs);
      }
      return claimed.length + claimedOrg.length;
    });
    if (count === 0) break;
    fannedOut += count;
  }
  return fannedOut;
}
