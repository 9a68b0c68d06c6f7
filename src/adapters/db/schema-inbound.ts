// Inbound tables of issue 15: Cal.com and Calendly accounts that send Convene
// their bookings (webhooks, backfill), every delivery they made (processed
// once, whatever how often it arrives; refused signatures kept for the source's
// page), and the provider uids that name each external booking (a reschedule
// gives the new time a new uid: both lead to the same booking).
import { sql } from "drizzle-orm";
import { bigserial, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { INBOUND_PROVIDERS } from "../../core/inbound/external-booking.js";
import { INBOUND_DELIVERY_OUTCOMES } from "../../core/inbound/inbound-delivery.js";
import { createdAt, tenantRef } from "./schema-base.js";
import { bookings, users } from "./schema.js";


export const inboundSources = pgTable(
  "inbound_sources",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    provider: text("provider", { enum: INBOUND_PROVIDERS }).notNull(),
    name: text("name").notNull(),
    /** Whose meetings these are when the organiser's address is no Convene user's. */
    ownerUserId: uuid("owner_user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The webhook URL's secret part (≥128 bits), stored as SHA-256 like every token. */
    webhookTokenHash: text("webhook_token_hash").notNull(),
    /** The webhook signing secret, sealed (shown once when the source is made). */
    signingSecretSealed: text("signing_secret_sealed").notNull(),
    /** Cal.com API key or Calendly personal access token, sealed; null: no backfill. */
    apiTokenSealed: text("api_token_sealed"),
    /** Calendly: the subscription Convene created (its URI), to delete it with the source. */
    providerWebhookRef: text("provider_webhook_ref"),
    lastDeliveryAt: timestamp("last_delivery_at", { withTimezone: true }),
    lastBackfillAt: timestamp("last_backfill_at", { withTimezone: true }),
    /** When the provider stopped answering the backfill (the funnel says "as of"); null: it answers. */
    unreachableSince: timestamp("unreachable_since", { withTimezone: true }),
    lastError: text("last_error"),
    /** A lease so one node backfills a source at a time. */
    backfillLeaseUntil: timestamp("backfill_lease_until", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex("inbound_sources_webhook_token_key").on(table.webhookTokenHash), index("inbound_sources_tenant_idx").on(table.tenantId)],
);

export const inboundDeliveries = pgTable(
  "inbound_deliveries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    tenantId: tenantRef(),
    sourceId: uuid("source_id")
      .notNull()
      .references(() => inboundSources.id, { onDelete: "cascade" }),
    /** What makes two deliveries the same one (the provider's delivery id, or the body's SHA-256); null for refused ones. */
    dedupeKey: text("dedupe_key"),
    trigger: text("trigger"),
    outcome: text("outcome", { enum: INBOUND_DELIVERY_OUTCOMES }).notNull(),
    /** Why it was refused, ignored or failed. */
    detail: text("detail"),
    bookingId: uuid("booking_id").references(() => bookings.id, { onDelete: "set null" }),
    /** How often the same delivery arrived. */
    receivedCount: integer("received_count").notNull().default(1),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("inbound_deliveries_source_dedupe_key").on(table.sourceId, table.dedupeKey).where(sql`dedupe_key is not null`),
    index("inbound_deliveries_source_received_idx").on(table.sourceId, table.receivedAt),
  ],
);

/** Every provider uid an external booking had (a reschedule adds one): any of them finds the booking. */
export const externalBookingKeys = pgTable(
  "external_booking_keys",
  {
    sourceId: uuid("source_id")
      .notNull()
      .references(() => inboundSources.id, { onDelete: "cascade" }),
    uid: text("uid").notNull(),
    tenantId: tenantRef(),
    bookingId: uuid("booking_id")
      .notNull()
      .references(() => bookings.id, { onDelete: "cascade" }),
  },
  (table) => [primaryKey({ columns: [table.sourceId, table.uid] }), index("external_booking_keys_booking_idx").on(table.bookingId)],
);
