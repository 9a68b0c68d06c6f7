// Delivers one queued delivery through its channel and records the outcome,
// the same way for every channel. Idempotent: a delivery that is no longer
// pending is not delivered again.
import { openQueuedDelivery } from "../auth/system-access.js";
import type { TenantId } from "../../core/tenancy.js";
import type { DeliveryAttempt, DeliveryRecord } from "../ports/deliveries.js";
import type { Store } from "../ports/store.js";
import { DeliveryRetryAt, type DeliveryChannel } from "./channel.js";

/** rescheduled: a channel with its own schedule put it back for later (the queue's job is done); failed: that schedule is spent. */
export type DeliveryOutcome = "sent" | "skipped" | "not_pending" | "rescheduled" | "failed";

export async function deliverQueued(store: Store, channels: readonly DeliveryChannel[], deliveryId: string, nowMs: number, attempt: DeliveryAttempt): Promise<DeliveryOutcome> {
  const opened = await openQueuedDelivery(store, deliveryId);
  if (!opened || opened.delivery.state !== "pending") return "not_pending";
  const { tenantId, delivery } = opened;
  try {
    const channel = channels.find((candidate) => candidate.name === delivery.channel);
    // A channel another node runs but this one does not: the retry may land there.
    if (!channel) throw new Error(`no "${delivery.channel}" channel is registered on this node`);
    const outcome = await deliverThrough(store, channel, tenantId, delivery, nowMs, attempt);
    await store.deliveries.finish(deliveryId, { state: outcome, nowMs });
    return outcome;
  } catch (error) {
    if (error instanceof DeliveryRetryAt) return putBack(store, deliveryId, error, nowMs);
    const reason = error instanceof Error ? error.message : String(error);
    await store.deliveries.recordFailedAttempt(deliveryId, reason, attempt.isFinal ? null : attempt.retryAtMs);
    if (attempt.isFinal) await store.deliveries.finish(deliveryId, { state: "failed", error: reason, nowMs });
    throw error;
  }
}

/** A booking's delivery with its booking event, or an organisation event's with that event (gone with its subject: skipped). */
async function deliverThrough(store: Store, channel: DeliveryChannel, tenantId: TenantId, delivery: DeliveryRecord, nowMs: number, attempt: DeliveryAttempt): Promise<"sent" | "skipped"> {
  if (delivery.bookingId !== null) {
    const event = delivery.eventId ? await store.bookingEvents.getForDelivery(delivery.eventId) : null;
    return channel.deliver(tenantId, { ...delivery, bookingId: delivery.bookingId }, event, nowMs, attempt);
  }
  const orgEvent = delivery.orgEventId ? await store.orgEvents.getForDelivery(delivery.orgEventId) : null;
  if (!orgEvent) return "skipped";
  if (!channel.deliverOrgEvent) throw new Error(`the "${delivery.channel}" channel does not deliver organisation events`);
  return channel.deliverOrgEvent(tenantId, delivery, orgEvent, nowMs);
}

/** The channel's own schedule: back to pending for the relay to queue again when due, or failed when it is spent. */
async function putBack(store: Store, deliveryId: string, retry: DeliveryRetryAt, nowMs: number): Promise<DeliveryOutcome> {
  if (retry.retryAtMs === null) {
    await store.deliveries.recordFailedAttempt(deliveryId, retry.message, null);
    await store.deliveries.finish(deliveryId, { state: "failed", error: retry.message, nowMs });
    return "failed";
  }
  await store.deliveries.reschedule(deliveryId, { runAtMs: retry.retryAtMs, error: retry.message, countsAsAttempt: retry.countsAsAttempt });
  return "rescheduled";
}
