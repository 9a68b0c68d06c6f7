// The relay's first half: fans each booking event out into deliveries, one
// event per transaction (oldest first, each booking's in order, one node at a
// time): every channel plans, the moot pending deliveries it names are
// skipped, the new ones are written (a delivery already planned is kept), and
// the event is marked fanned out. A crash before commit leaves the event to
// the next pass; after it, nothing is planned twice.
import { claimUnfannedEvent } from "../auth/system-access.js";
import type { Store } from "../ports/store.js";
import type { DeliveryChannel } from "./channel.js";

/** Returns how many events were fanned out. */
export async function fanOutEvents(store: Store, channels: readonly DeliveryChannel[], nowMs: number): Promise<number> {
  let fannedOut = 0;
  while (
    await store.transaction(async (repos) => {
      const claimed = await claimUnfannedEvent(repos);
      if (!claimed) return false;
      const { tenantId, event } = claimed;
      const booking = await repos.bookings.get(tenantId, event.bookingId);
      if (booking) {
        for (const channel of channels) {
          const plan = await channel.plan(repos, tenantId, event, booking);
          await repos.deliveries.skipPending(tenantId, booking.id, channel.name, plan.supersedes);
          await repos.deliveries.add(tenantId, booking.id, channel.name, event.id, plan.deliveries);
        }
      }
      await repos.bookingEvents.markFannedOut(event.id, nowMs);
      return true;
    })
  ) {
    fannedOut += 1;
  }
  return fannedOut;
}
