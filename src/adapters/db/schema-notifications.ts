// In-app notifications of issue 15: what the dashboard's bell shows each user.
import { sql } from "drizzle-orm";
import { bigserial, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { IN_APP_KINDS } from "../../core/notifications/in-app.js";
import { createdAt, tenantRef } from "./schema-base.js";
import { bookings, users } from "./schema.js";
import { inboundSources } from "./schema-inbound.js";

export const inAppNotifications = pgTable(
  "in_app_notifications",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    tenantId: tenantRef(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: IN_APP_KINDS }).notNull(),
    bookingId: uuid("booking_id").references(() => bookings.id, { onDelete: "cascade" }),
    sourceId: uuid("source_id").references(() => inboundSources.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    body: text("body"),
    /** One notice per cause and user: writing it twice keeps one. */
    dedupeKey: text("dedupe_key").notNull(),
    readAt: timestamp("read_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex("in_app_notifications_user_dedupe_key").on(table.userId, table.dedupeKey),
    index("in_app_notifications_user_created_idx").on(table.userId, table.createdAt),
    index("in_app_notifications_unread_idx").on(table.userId).where(sql`read_at is null`),
  ],
);
