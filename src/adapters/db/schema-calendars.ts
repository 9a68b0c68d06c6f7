// The calendar tables: connections and their calendars, the synced objects and
// busy time, Convene's own writes (issue 12), OAuth consents in flight and push
// channels (issue 13). Import tables through schema.ts, which re-exports these;
// the references to users, sessions and bookings are lazy, so the two modules'
// import cycle is harmless.
import { sql } from "drizzle-orm";
import { bigserial, boolean, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { CALENDAR_WRITE_STATES, CONNECTION_STATUSES, OAUTH_PROVIDER_KINDS, PROVIDER_KINDS } from "../../core/calendars/connections.js";
import { bookings, sessions, users } from "./schema.js";
import { createdAt, tenantRef } from "./schema-base.js";

/** A calendar account a user connected (CalDAV, an ICS feed); its credentials sealed as one value. */
export const calendarConnections = pgTable(
  "calendar_connections",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    /** Whose calendar: the host whose time it blocks and whose events Convene writes. */
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    provider: text("provider", { enum: PROVIDER_KINDS }).notNull(),
    label: text("label").notNull(),
    /** What to show of where it connects: a CalDAV base URL, a feed's URL without its secret parts. */
    serverUrl: text("server_url").notNull(),
    username: text("username"),
    /** The ProviderConfig (passwords, private feed URLs) sealed with CONVENE_SECRET_KEY. */
    configSealed: text("config_sealed").notNull(),
    status: text("status", { enum: CONNECTION_STATUSES }).notNull().default("pending"),
    lastAttemptAt: timestamp("last_attempt_at", { withTimezone: true }),
    /** The last sync that succeeded: how fresh the busy time is. */
    lastSyncedAt: timestamp("last_synced_at", { withTimezone: true }),
    lastError: text("last_error"),
    /** Failed syncs in a row, for the backoff. */
    failures: integer("failures").notNull().default(0),
    nextSyncAt: timestamp("next_sync_at", { withTimezone: true }).notNull().defaultNow(),
    /** When the owner was told to reconnect; cleared by a successful sync, so they are told once per breakage. */
    reconnectNotifiedAt: timestamp("reconnect_notified_at", { withTimezone: true }),
    /** Why push notifications are off for this connection (e.g. Google refuses a non-HTTPS address); null when they are on or not offered. */
    pushError: text("push_error"),
    /** Google or Microsoft: add new invitees to the account's contacts after a booking (off unless the owner turns it on). */
    createContacts: boolean("create_contacts").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("calendar_connections_user_idx").on(table.tenantId, table.userId), index("calendar_connections_next_sync_idx").on(table.nextSyncAt)],
);

/** The calendars of a connection, and the owner's choices: which block time, which one receives new events. */
export const calendars = pgTable(
  "calendars",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    connectionId: uuid("connection_id")
      .notNull()
      .references(() => calendarConnections.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    remoteId: text("remote_id").notNull(),
    name: text("name").notNull(),
    color: text("color"),
    readOnly: boolean("read_only").notNull(),
    timeZone: text("time_zone"),
    isConflict: boolean("is_conflict").notNull().default(true),
    isDestination: boolean("is_destination").notNull().default(false),
    syncCursor: text("sync_cursor"),
    /** How far ahead recurring events are expanded; re-expanded when the booking window moves past it. */
    expandedUntil: timestamp("expanded_until", { withTimezone: true }),
    lastSyncedAt: timestamp("last_synced_at", { withTimezone: true }),
  },
  (table) => [
    uniqueIndex("calendars_connection_remote_key").on(table.connectionId, table.remoteId),
    // One destination per user: new events go to exactly one calendar.
    uniqueIndex("calendars_user_destination_key").on(table.userId).where(sql`is_destination`),
  ],
);

/** Each synced calendar object as the server last sent it (recurring ones are re-expanded as the window moves). */
export const calendarObjects = pgTable(
  "calendar_objects",
  {
    calendarId: uuid("calendar_id")
      .notNull()
      .references(() => calendars.id, { onDelete: "cascade" }),
    tenantId: tenantRef(),
    href: text("href").notNull(),
    etag: text("etag"),
    uid: text("uid"),
    recurring: boolean("recurring").notNull(),
    ics: text("ics").notNull(),
  },
  (table) => [primaryKey({ columns: [table.calendarId, table.href] })],
);

/** The busy intervals of each object, as slot reads join them (only calendars marked is_conflict count). */
export const calendarBusy = pgTable(
  "calendar_busy",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    tenantId: tenantRef(),
    userId: uuid("user_id").notNull(),
    calendarId: uuid("calendar_id").notNull(),
    href: text("href").notNull(),
    startAt: timestamp("start_at", { withTimezone: true }).notNull(),
    endAt: timestamp("end_at", { withTimezone: true }).notNull(),
  },
  (table) => [
    foreignKey({ columns: [table.calendarId, table.href], foreignColumns: [calendarObjects.calendarId, calendarObjects.href] }).onDelete("cascade"),
    // Slot reads ask "which of these hosts' intervals overlap this range" (btree_gist is loaded by 0001).
    index("calendar_busy_user_range_idx").using("gist", table.userId, sql`tstzrange(${table.startAt}, ${table.endAt}, '[)')`),
    index("calendar_busy_object_idx").on(table.calendarId, table.href),
  ],
);

/** Where Convene wrote a booking's event in a host's calendar, to move or remove it later. */
export const calendarWrites = pgTable(
  "calendar_writes",
  {
    bookingId: uuid("booking_id")
      .notNull()
      .references(() => bookings.id, { onDelete: "cascade" }),
    userId: uuid("user_id").notNull(),
    tenantId: tenantRef(),
    calendarId: uuid("calendar_id").references(() => calendars.id, { onDelete: "set null" }),
    uid: text("uid").notNull(),
    href: text("href").notNull(),
    etag: text("etag"),
    /** The join link the provider made with the event (Google Meet, Teams); kept across reschedules. */
    conferenceUrl: text("conference_url"),
    state: text("state", { enum: CALENDAR_WRITE_STATES }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.bookingId, table.userId] })],
);

// ── OAuth calendars and push (issue 13) ─────────────────────────────────────

/** One OAuth consent in flight: the state, bound to the session that started it, used once. */
export const oauthStates = pgTable(
  "oauth_states",
  {
    /** SHA-256 of the `state` parameter. */
    stateHash: text("state_hash").primaryKey(),
    tenantId: tenantRef(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => sessions.id, { onDelete: "cascade" }),
    provider: text("provider", { enum: OAUTH_PROVIDER_KINDS }).notNull(),
    /** The PKCE code verifier, sealed. */
    codeVerifierSealed: text("code_verifier_sealed").notNull(),
    /** What the consent was for (e.g. reconnecting a connection, extra scopes). */
    purpose: jsonb("purpose").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (table) => [index("oauth_states_expires_idx").on(table.expiresAt)],
);

/** A push channel on one calendar (Google events.watch, a Graph subscription). */
export const calendarPushChannels = pgTable(
  "calendar_push_channels",
  {
    /** Convene's channel id (Google's X-Goog-Channel-ID; inside Graph's clientState). */
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    connectionId: uuid("connection_id")
      .notNull()
      .references(() => calendarConnections.id, { onDelete: "cascade" }),
    calendarId: uuid("calendar_id")
      .notNull()
      .references(() => calendars.id, { onDelete: "cascade" }),
    provider: text("provider", { enum: OAUTH_PROVIDER_KINDS }).notNull(),
    /** The provider's id of it: Google resourceId, Graph subscription id. */
    resourceId: text("resource_id").notNull(),
    /** SHA-256 of the secret the provider echoes (X-Goog-Channel-Token, clientState). */
    tokenHash: text("token_hash").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (table) => [index("calendar_push_channels_calendar_idx").on(table.calendarId), index("calendar_push_channels_expires_idx").on(table.expiresAt), index("calendar_push_channels_resource_idx").on(table.resourceId)],
);

