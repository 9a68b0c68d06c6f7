// Outbound webhook endpoints, the log of every attempt to reach them, and the
// sender that makes one signed POST (the adapter resolves the host, refuses
// private addresses unless allowed, and connects to the address it checked).
import type { WebhookEventType } from "../../core/webhooks/webhook-events.js";
import type { TenantId } from "../../core/tenancy.js";

export type WebhookEndpointRecord = {
  id: string;
  tenantId: string;
  url: string;
  eventTypes: WebhookEventType[];
  description: string;
  secretSealed: string;
  /** The secret before the last rotation, still signing until previousExpiresAtMs. */
  previousSecretSealed: string | null;
  previousExpiresAtMs: number | null;
  disabledAtMs: number | null;
  disabledReason: string | null;
  /** The first failed attempt since the last success; null while it succeeds. */
  failingSinceMs: number | null;
  createdByUserId: string | null;
  createdAtMs: number;
  updatedAtMs: number;
};

export type NewWebhookEndpoint = Pick<WebhookEndpointRecord, "url" | "eventTypes" | "description" | "secretSealed" | "createdByUserId" | "createdAtMs">;

export type WebhookEndpointChanges = Partial<
  Pick<WebhookEndpointRecord, "url" | "eventTypes" | "description" | "secretSealed" | "previousSecretSealed" | "previousExpiresAtMs" | "disabledAtMs" | "disabledReason" | "failingSinceMs">
>;

export interface WebhookEndpointRepository {
  create(tenantId: TenantId, endpoint: NewWebhookEndpoint): Promise<WebhookEndpointRecord>;
  get(tenantId: TenantId, id: string): Promise<WebhookEndpointRecord | null>;
  list(tenantId: TenantId): Promise<WebhookEndpointRecord[]>;
  /** Enabled endpoints subscribed to this event type (the channel's plan). */
  listSubscribed(tenantId: TenantId, eventType: WebhookEventType): Promise<WebhookEndpointRecord[]>;
  update(tenantId: TenantId, id: string, changes: WebhookEndpointChanges, nowMs: number): Promise<WebhookEndpointRecord | null>;
  /** Records a failed attempt: failing_since is set if it was not, and answered. */
  markFailing(tenantId: TenantId, id: string, nowMs: number): Promise<number>;
  delete(tenantId: TenantId, id: string): Promise<boolean>;
}

export type WebhookAttemptRecord = {
  id: string;
  tenantId: string;
  endpointId: string;
  /** The fan-out's delivery it belongs to; null for a test message. */
  deliveryId: string | null;
  messageId: string;
  eventType: string;
  attemptNo: number;
  requestHeaders: Record<string, string>;
  requestBody: string;
  responseStatus: number | null;
  /** The first WEBHOOK_RESPONSE_BODY_BYTES of the answer. */
  responseBody: string | null;
  durationMs: number;
  error: string | null;
  atMs: number;
  nextAttemptAtMs: number | null;
  isReplay: boolean;
};

export type NewWebhookAttempt = Omit<WebhookAttemptRecord, "id" | "tenantId">;

export interface WebhookAttemptRepository {
  add(tenantId: TenantId, attempt: NewWebhookAttempt): Promise<WebhookAttemptRecord>;
  get(tenantId: TenantId, id: string): Promise<WebhookAttemptRecord | null>;
  /** The message's first attempt (its body is the message: retries and replays send it again). */
  firstOfMessage(tenantId: TenantId, endpointId: string, messageId: string): Promise<WebhookAttemptRecord | null>;
  countOfMessage(tenantId: TenantId, endpointId: string, messageId: string): Promise<number>;
  /** Newest first, paged by (atMs, id). */
  list(tenantId: TenantId, endpointId: string, options: { limit: number; cursor?: { atMs: number; id: string } | undefined }): Promise<WebhookAttemptRecord[]>;
}

/** Bytes of a receiver's answer kept in the log. */
export const WEBHOOK_RESPONSE_BODY_BYTES = 2048;

export type WebhookRequest = { url: string; messageId: string; body: string; secrets: string[] };

/** What a receiver answered, or why nothing was answered (status null: refused, unreachable, timed out). */
export type WebhookResponse = {
  status: number | null;
  retryAfter: string | null;
  body: string | null;
  durationMs: number;
  error: string | null;
  /** The headers as sent (signature included), for the log. */
  requestHeaders: Record<string, string>;
};

export interface WebhookSender {
  /** Throws WEBHOOK_URL_INVALID or WEBHOOK_URL_PRIVATE (the host resolves to a non-public address, unless allowed). */
  checkUrl(url: string): Promise<void>;
  /** Signs (webhook-timestamp is when it leaves), POSTs within the timeout and reads a capped answer; never throws for the receiver's failures. */
  send(request: WebhookRequest): Promise<WebhookResponse>;
}
