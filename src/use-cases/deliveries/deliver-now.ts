// Delivering a change's side effects now, in the request, instead of waiting
// for the relay: for changes after which the data the deliveries need is gone
// (an organisation deleted, an invitee erased). It runs the same fan-out and
// the same delivery as the workers, so what is sent is what they would send.
import type { TenantId } from "../../core/tenancy.js";
import type { DeliveryRecord } from "../ports/deliveries.js";
import type { Store } from "../ports/store.js";
import type { DeliveryChannel } from "./channel.js";
import { deliverQueued } from "./deliver.js";
import { fanOutEvents } from "./fan-out.js";

/** A failed attempt here is one of the delivery's tries: the workers retry it from then on, as usual. */
const RETRY_AFTER_MS = 60_000;

/** Delivers the due pending deliveries given; answers those that were not delivered (failed, or deferred). */
async function deliverEach(store: Store, channels: readonly DeliveryChannel[], due: DeliveryRecord[], nowMs: number): Promise<DeliveryRecord[]> {
  const undelivered: DeliveryRecord[] = [];
  for (const delivery of due) {
    try {
      await deliverQueued(store, channels, delivery.id, nowMs, { isFinal: false, retryAtMs: nowMs + RETRY_AFTER_MS });
    } catch {
      undelivered.push(delivery);
    }
  }
  return undelivered;
}

const isDue = (nowMs: number) => (delivery: DeliveryRecord) => delivery.state === "pending" && delivery.runAtMs <= nowMs;

/** Fans out what waits and delivers the booking's due deliveries; answers the undelivered. */
export async function deliverBookingNow(store: Store, channels: readonly DeliveryChannel[], tenantId: TenantId, bookingId: string, nowMs: number): Promise<DeliveryRecord[]> {
  await fanOutEvents(store, channels, nowMs);
  const due = (await store.deliveries.listForBooking(tenantId, bookingId)).filter(isDue(nowMs));
  return deliverEach(store, channels, due, nowMs);
}

/** Fans out what waits and delivers every due delivery of the tenant; answers the undelivered. */
export async function deliverTenantNow(store: Store, channels: readonly DeliveryChannel[], tenantId: TenantId, nowMs: number): Promise<DeliveryRecord[]> {
  await fanOutEvents(store, channels, nowMs);
  const due: DeliveryRecord[] = [];
  let cursor: { createdAtMs: number; id: string } | undefined;
  for (;;) {
    const page = await store.deliveries.list(tenantId, { state: "pending", limit: 200, cursor });
    due.push(...page.filter(isDue(nowMs)));
    const last = page.at(-1);
    if (page.length < 200 || !last) break;
    cursor = { createdAtMs: last.createdAtMs, id: last.id };
  }
  return deliverEach(store, channels, due, nowMs);
}
