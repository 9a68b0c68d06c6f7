// Outbound webhooks of issue 16: the endpoints an organisation sends its
// booking events to (Standard Webhooks, secrets sealed) and every attempt to
// reach one — the delivery log the API and the dashboard show, and what a
// retry or a replay sends again (the same message, the same webhook-id).
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { WebhookEventType } from "../../core/webhooks/webhook-events.js";
import { createdAt, tenantRef } from "./schema-base.js";
import { deliveries, users } from "./schema.js";

export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    url: text("url").notNull(),
    eventTypes: text("event_types").array().$type<WebhookEventType[]>().notNull(),
    description: text("description").notNull().default(""),
    /** whsec_…, sealed (shown once, when made or rotated). */
    secretSealed: text("secret_sealed").notNull(),
    /** The secret before the last rotation, sealed; it signs too until previous_expires_at. */
    previousSecretSealed: text("previous_secret_sealed"),
    previousExpiresAt: timestamp("previous_expires_at", { withTimezone: true }),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    disabledReason: text("disabled_reason"),
    /** The first failure since the last success: five days of it disable the endpoint. */
    failingSince: timestamp("failing_since", { withTimezone: true }),
    createdByUserId: uuid("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("webhook_endpoints_tenant_idx").on(table.tenantId)],
);

export const webhookAttempts = pgTable(
  "webhook_attempts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    endpointId: uuid("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    /** The fan-out's delivery; null for a test message. */
    deliveryId: uuid("delivery_id").references(() => deliveries.id, { onDelete: "set null" }),
    /** webhook-id: the same on every retry and replay of one message. */
    messageId: text("message_id").notNull(),
    eventType: text("event_type").notNull(),
    attemptNo: integer("attempt_no").notNull(),
    requestHeaders: jsonb("request_headers").$type<Record<string, string>>().notNull(),
    /** The message as sent (payloads are a booking's facts: small). */
    requestBody: text("request_body").notNull(),
    responseStatus: integer("response_status"),
    /** The first 2 KB of the answer. */
    responseBody: text("response_body"),
    durationMs: integer("duration_ms").notNull(),
    error: text("error"),
    at: timestamp("at", { withTimezone: true }).notNull(),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }),
    isReplay: boolean("is_replay").notNull().default(false),
  },
  (table) => [index("webhook_attempts_endpoint_at_idx").on(table.endpointId, table.at, table.id), index("webhook_attempts_message_idx").on(table.endpointId, table.messageId)],
);
