// Delivers one queued delivery through its channel and records the outcome,
// the same way for every channel. Idempotent: a delivery that is no longer
// pending is not delivered again.
import { openQueuedDelivery } from "../auth/system-access.js";
import type { DeliveryAttempt } from "../ports/deliveries.js";
import type { Store } from "../ports/store.js";
import type { DeliveryChannel } from "./channel.js";

export type DeliveryOutcome = "sent" | "skipped" | "not_pending";

export async function deliverQueued(store: Store, channels: readonly DeliveryChannel[], deliveryId: string, nowMs: number, attempt: DeliveryAttempt): Promise<DeliveryOutcome> {
  const opened = await openQueuedDelivery(store, deliveryId);
  if (!opened || opened.delivery.state !== "pending") return "not_pending";
  const { tenantId, delivery } = opened;
  try {
    const channel = channels.find((candidate) => candidate.name === delivery.channel);
    // A channel another node runs but this one does not: the retry may land there.
    if (!channel) throw new Error(`no "${delivery.channel}" channel is registered on this node`);
    const event = delivery.eventId ? await store.bookingEvents.getForDelivery(delivery.eventId) : null;
    const outcome = await channel.deliver(tenantId, delivery, event, nowMs, attempt);
    await store.deliveries.finish(deliveryId, { state: outcome, nowMs });
    return outcome;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    await store.deliveries.recordFailedAttempt(deliveryId, reason, attempt.isFinal ? null : attempt.retryAtMs);
    if (attempt.isFinal) await store.deliveries.finish(deliveryId, { state: "failed", error: reason, nowMs });
    throw error;
  }
}
