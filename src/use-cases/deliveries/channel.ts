// A delivery channel: one way a booking event reaches someone (email today;
// calendar writes, outbound webhooks and in-app notices next). The relay asks
// every registered channel to plan deliveries for each event; the worker hands
// each due delivery back to its channel. A new integration is a new channel
// registered in main.ts, not a change to the use cases.
import type { TenantId } from "../../core/tenancy.js";
import type { BookingRecord } from "../ports/bookings.js";
import type { BookingDeliveryRecord, DeliveryAttempt, DeliveryRecord, PlannedDelivery } from "../ports/deliveries.js";
import type { OrgEventRecord } from "../ports/org-events.js";
import type { BookingEventRecord } from "../ports/events.js";
import type { Repositories } from "../ports/store.js";

export type ChannelPlan = {
  deliveries: PlannedDelivery[];
  /** Kinds of this channel's pending deliveries for the booking that the event makes moot (skipped before the new ones are written). */
  supersedes: readonly string[];
};

export interface DeliveryChannel {
  /** Stored on each delivery; unique among the registered channels. */
  readonly name: string;
  /** Inside the fan-out's transaction: what this event asks of the channel. Times come from the event, never from a clock. */
  plan(repos: Repositories, tenantId: TenantId, event: BookingEventRecord, booking: BookingRecord): Promise<ChannelPlan>;
  /**
   * Delivers one due delivery; event is null for deliveries planned before
   * events existed. Returns "skipped" when there is nothing true left to
   * say; throws to have the queue try again with backoff (DeliveryDeferred
   * when it waits for another delivery rather than failed; on the final
   * attempt a channel that waits delivers what it has instead). It may run
   * more than once for one delivery (a worker killed mid-send), so it hands
   * the receiver delivery.id as its idempotency key.
   */
  deliver(tenantId: TenantId, delivery: BookingDeliveryRecord, event: BookingEventRecord | null, nowMs: number, attempt?: DeliveryAttempt): Promise<"sent" | "skipped">;
  /**
   * Organisation events (a lead's status, a calendar connection): channels
   * that carry them implement both; the others are never asked. Same rules
   * as plan and deliver.
   */
  planOrgEvent?(repos: Repositories, tenantId: TenantId, event: OrgEventRecord): Promise<PlannedDelivery[]>;
  deliverOrgEvent?(tenantId: TenantId, delivery: DeliveryRecord, event: OrgEventRecord, nowMs: number): Promise<"sent" | "skipped">;
}

/**
 * Thrown by a channel that keeps its own retry schedule (outbound webhooks:
 * the Standard Webhooks schedule, a receiver's Retry-After) instead of the
 * queue's backoff: the delivery is put back for retryAtMs (null: the
 * schedule is spent, or the receiver refused for good: it fails now).
 * countsAsAttempt false: it waited (for an earlier message), it did not fail.
 */
export class DeliveryRetryAt extends Error {
  override readonly name = "DeliveryRetryAt";
  constructor(
    message: string,
    readonly retryAtMs: number | null,
    readonly countsAsAttempt = true,
  ) {
    super(message);
  }
}

/** Thrown by a channel whose delivery waits for another one (a notice waiting for the meeting link): the queue tries again later. */
export class DeliveryDeferred extends Error {
  override readonly name = "DeliveryDeferred";
}
