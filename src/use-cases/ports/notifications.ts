// The notification outbox and the mail it becomes.
import type { NotificationKind, PlannedNotification, Recipient } from "../../core/notifications/plan.js";
import type { TenantId } from "../../core/tenancy.js";

export type NotificationState = "pending" | "sent" | "failed" | "skipped";

export type NotificationRecord = {
  id: string;
  tenantId: string;
  bookingId: string;
  kind: NotificationKind;
  recipient: Recipient;
  sequence: number;
  runAtMs: number;
  state: NotificationState;
  attempts: number;
  lastError: string | null;
  sentAtMs: number | null;
};

export interface NotificationRepository {
  /** Writes planned notifications; one already planned (same dedupe key) is kept as it is. */
  add(tenantId: TenantId, bookingId: string, planned: PlannedNotification[]): Promise<void>;
  /** Marks a booking's pending notifications of these kinds skipped (a change made them moot). */
  skipPending(tenantId: TenantId, bookingId: string, kinds: readonly NotificationKind[]): Promise<void>;
  listForBooking(tenantId: TenantId, bookingId: string): Promise<NotificationRecord[]>;
  /** Unscoped, for the relay: pending notifications due by nowMs not yet handed to the queue. */
  due(nowMs: number, limit: number): Promise<NotificationRecord[]>;
  markDispatched(ids: string[], nowMs: number): Promise<void>;
  /** Unscoped, for the job handler: the queue carries only the id. */
  getForDelivery(notificationId: string): Promise<NotificationRecord | null>;
  finish(notificationId: string, outcome: { state: Exclude<NotificationState, "pending">; error?: string | null; nowMs: number }): Promise<void>;
  recordFailedAttempt(notificationId: string, error: string): Promise<void>;
}

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
