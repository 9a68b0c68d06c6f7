// Slot holds (issue 16): a few minutes' reservation of a time, taken under the
// same exclusion constraint as bookings. A hold's busy rows live in
// booking_hosts (hold_id set instead of booking_id), because an exclusion
// constraint covers one table only; a hold is live while it is neither
// consumed, released nor past expires_at.
import { sql } from "drizzle-orm";
import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { HOLD_CREATORS } from "../../core/booking/slot-hold.js";
import { createdAt, tenantRef } from "./schema-base.js";
import { bookings, links, oneTimeLinks } from "./schema.js";

export const slotHolds = pgTable(
  "slot_holds",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    /** The link it was taken through; null: an owner-side hold on hosts' own hours. */
    linkId: uuid("link_id").references(() => links.id, { onDelete: "cascade" }),
    oneTimeLinkId: uuid("one_time_link_id").references(() => oneTimeLinks.id, { onDelete: "cascade" }),
    /** SHA-256 of the hold token: the token is the capability, shown once. */
    tokenHash: text("token_hash").notNull(),
    startAt: timestamp("start_at", { withTimezone: true }).notNull(),
    endAt: timestamp("end_at", { withTimezone: true }).notNull(),
    durationMin: integer("duration_min").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    /** Who took it: an invitee on a public page (anonymous), a user or an API key. No foreign key: a hold outlives nobody's erasure. */
    createdByType: text("created_by_type", { enum: HOLD_CREATORS }).notNull(),
    createdById: text("created_by_id"),
    consumedAt: timestamp("consumed_at", { withTimezone: true }),
    consumedBookingId: uuid("consumed_booking_id").references(() => bookings.id, { onDelete: "set null" }),
    releasedAt: timestamp("released_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex("slot_holds_token_hash_key").on(table.tokenHash),
    // The sweep looks for live holds past their expiry.
    index("slot_holds_live_expiry_idx").on(table.expiresAt).where(sql`consumed_at is null and released_at is null`),
    index("slot_holds_tenant_created_idx").on(table.tenantId, table.createdAt),
  ],
);
