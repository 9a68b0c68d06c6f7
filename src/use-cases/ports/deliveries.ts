// Deliveries: what each booking event fans out into, one per channel and
// recipient, with one state model for every channel; and the mail that email
// deliveries become.
import type { DeliveryState } from "../../core/booking/events.js";
import type { Recipient } from "../../core/notifications/plan.js";
import type { TenantId } from "../../core/tenancy.js";

export type { DeliveryState };

export type DeliveryRecord = {
  id: string;
  tenantId: string;
  /** Null for a delivery of an organisation event (orgEventId). */
  bookingId: string | null;
  channel: string;
  eventId: string | null;
  /** The organisation event that planned it (a lead's status, a calendar connection); null for booking deliveries. */
  orgEventId: string | null;
  kind: string;
  /** The channel's own key for it (see PlannedDelivery). */
  dedupeKey: string;
  recipient: Recipient;
  sequence: number;
  runAtMs: number;
  state: DeliveryState;
  attempts: number;
  lastError: string | null;
  nextAttemptAtMs: number | null;
  sentAtMs: number | null;
  createdAtMs: number;
};

/** A delivery of a booking event: what every channel's deliver() gets. */
export type BookingDeliveryRecord = DeliveryRecord & { bookingId: string };

/** A delivery a channel plans for an event; dedupeKey is unique within the channel. */
export type PlannedDelivery = { kind: string; recipient: Recipient; sequence: number; runAtMs: number; dedupeKey: string };

export type DeliveryLogFilter = {
  state?: DeliveryState | undefined;
  channel?: string | undefined;
  limit: number;
  /** Newest first: the page after this (createdAt, id). */
  cursor?: { createdAtMs: number; id: string } | undefined;
  /** Only deliveries of bookings this user hosts (a member's own). */
  hostUserId?: string | undefined;
};

export interface DeliveryRepository {
  /** Writes planned deliveries; one already planned (same channel and dedupe key) is kept as it is. */
  add(tenantId: TenantId, bookingId: string, channel: string, eventId: string, planned: PlannedDelivery[]): Promise<void>;
  /** Marks a booking's pending deliveries of these kinds on this channel skipped (a later event made them moot). */
  skipPending(tenantId: TenantId, bookingId: string, channel: string, kinds: readonly string[]): Promise<void>;
  /** Writes what a channel planned for an organisation event (no booking); one already planned is kept. */
  addForOrgEvent(tenantId: TenantId, orgEventId: string, channel: string, planned: PlannedDelivery[]): Promise<void>;
  listForBooking(tenantId: TenantId, bookingId: string): Promise<BookingDeliveryRecord[]>;
  /** The channel's pending deliveries whose dedupe key starts with prefix and sorts before `before` (a subject's earlier messages). */
  listPendingBefore(tenantId: TenantId, channel: string, prefix: string, before: string): Promise<DeliveryRecord[]>;
  list(tenantId: TenantId, filter: DeliveryLogFilter): Promise<DeliveryRecord[]>;
  /** Unscoped, for the relay: pending deliveries due by nowMs not yet handed to the queue. */
  due(nowMs: number, limit: number): Promise<DeliveryRecord[]>;
  markDispatched(ids: string[], nowMs: number): Promise<void>;
  /** Unscoped, for the job handler: the queue carries only the id. */
  getForDelivery(deliveryId: string): Promise<DeliveryRecord | null>;
  finish(deliveryId: string, outcome: { state: Exclude<DeliveryState, "pending">; error?: string | null; nowMs: number }): Promise<void>;
  recordFailedAttempt(deliveryId: string, error: string, nextAttemptAtMs: number | null): Promise<void>;
  /**
   * Puts a pending delivery back for the relay to queue again at runAtMs (a
   * channel with its own retry schedule, see DeliveryRetryAt); next_attempt_at
   * says when, and the relay names its new job after (id, runAtMs).
   */
  reschedule(deliveryId: string, retry: { runAtMs: number; error: string; countsAsAttempt: boolean }): Promise<void>;
}

/** What the job queue knows about one try: whether it is the last, and if not, the earliest the next one may run. */
export type DeliveryAttempt = { isFinal: boolean; retryAtMs: number | null };

export type OutgoingMail = {
  to: { name: string; email: string };
  subject: string;
  text: string;
  html: string;
  invite?: { method: "REQUEST" | "CANCEL"; content: string } | undefined;
  /** Same key, same Message-ID: a re-sent message is recognisable as the same one. */
  idempotencyKey: string;
  /** The tenant the mail belongs to (the dev outbox shows each owner only their own). */
  tenantId?: TenantId | undefined;
};

export interface Mailer {
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  /** "smtp": mail leaves the machine; "outbox": it is kept in the dev outbox for the dashboard. */
  readonly mode: "smtp" | "outbox";
  /** Where mail goes, for the start-up log. */
  describe(): string;
  close(): Promise<void>;
}

/** Mail as the dev outbox keeps it; read back, its tenant is a stored value, not a verified TenantId. */
export type OutboxMail = Omit<OutgoingMail, "tenantId"> & { tenantId?: string | undefined; messageId: string; fromAddress: string; createdAtMs: number };

export interface MailOutboxRepository {
  save(mail: OutboxMail): Promise<void>;
  list(tenantId: TenantId, options: { limit: number }): Promise<(OutboxMail & { id: number })[]>;
  /** Unscoped, for the operator's `convene outbox`. */
  listAll(options: { limit: number }): Promise<(OutboxMail & { id: number })[]>;
}
