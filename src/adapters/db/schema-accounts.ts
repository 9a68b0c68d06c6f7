// Account tables of issue 14: single-use tokens mailed to a user (password
// reset, email change) and invitations to join an organisation. Tokens are
// stored as SHA-256 only; the mail carries the token itself.
import { sql } from "drizzle-orm";
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { USER_ROLES } from "../../core/account/limits.js";
import { ACCOUNT_TOKEN_PURPOSES } from "../../core/account/account-tokens.js";
import { createdAt, tenantRef } from "./schema-base.js";
import { users } from "./schema.js";

export const accountTokens = pgTable(
  "account_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: ACCOUNT_TOKEN_PURPOSES }).notNull(),
    tokenHash: text("token_hash").notNull(),
    /** For an email change: the address the link was sent to, which becomes the user's once confirmed. */
    newEmail: text("new_email"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex("account_tokens_token_hash_key").on(table.tokenHash), index("account_tokens_user_idx").on(table.userId, table.purpose)],
);

export const invitations = pgTable(
  "invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    /** Lower-cased, like users.email. */
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: text("role", { enum: USER_ROLES }).notNull(),
    timeZone: text("time_zone").notNull(),
    tokenHash: text("token_hash").notNull(),
    invitedByUserId: uuid("invited_by_user_id").references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    lastSentAt: timestamp("last_sent_at", { withTimezone: true }).notNull().defaultNow(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    /** The user the invitation became. */
    acceptedUserId: uuid("accepted_user_id").references(() => users.id, { onDelete: "set null" }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex("invitations_token_hash_key").on(table.tokenHash),
    // One open invitation per address in an organisation: a second invite resends the first.
    uniqueIndex("invitations_open_email_key").on(table.tenantId, table.email).where(sql`accepted_at is null and revoked_at is null`),
  ],
);
