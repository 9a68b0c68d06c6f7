// Drizzle schema: the single source of truth for Convene's tables. Migrations in
// ./migrations are generated from it by drizzle-kit (`npm run db:generate`).
// This module exports every table (the calendar ones from schema-calendars.ts);
// the database client takes the whole module as its schema.

import { sql } from "drizzle-orm";
import { USER_ROLES } from "../../core/account/limits.js";
import type { DateOverride, WeeklyHoursRule } from "../../core/availability/types.js";
import { BOOKING_EVENT_TYPES, DELIVERY_STATES, type BookingEventFacts } from "../../core/booking/events.js";
import { BOOKING_HISTORY_ACTIONS, BOOKING_STATUSES } from "../../core/booking/booking.js";
import { HOST_HOURS_SOURCES, HOST_MODES, type LinkHostSetting, type LinkLocation, type StoredLinkLocation } from "../../core/booking/link-options.js";
import { RECIPIENT_ROLES } from "../../core/notifications/messages.js";
import type { TemplateQuestion } from "../../core/booking/questions.js";
import type { UtmParameters } from "../../core/embedding/utm.js";
import { bigint, bigserial, boolean, check, type AnyPgColumn, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { BOOKING_SOURCES } from "../../core/inbound/external-booking.js";
import { ORG_EVENT_TYPES } from "../../core/org-events/org-events.js";
import { createdAt, tenantRef, tenants } from "./schema-base.js";
import { inboundSources } from "./schema-inbound.js";
import { leads } from "./schema-leads.js";
import { slotHolds } from "./schema-holds.js";

export { tenants };

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    /** Stored lower-cased; unique across the installation (it is the sign-in name). */
    email: text("email").notNull(),
    name: text("name").notNull(),
    /** Public, URL-safe name used in booking links (/{handle}/{slug}). */
    handle: text("handle").notNull(),
    timeZone: text("time_zone").notNull(),
    role: text("role", { enum: USER_ROLES }).notNull(),
    passwordHash: text("password_hash"),
    /** The user's own working hours (in timeZone), used by team links set to each host's hours; null: not set. */
    weeklyHours: jsonb("weekly_hours").$type<WeeklyHoursRule[]>(),
    /** The owner's sentence for a lead's booking link ({name}, {duration}, {link}, …); null: Convene's default. */
    leadLinkSentence: text("lead_link_sentence"),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex("users_email_key").on(table.email),
    uniqueIndex("users_handle_key").on(table.handle),
    index("users_tenant_idx").on(table.tenantId),
  ],
);

export const sessions = pgTable(
  "sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** SHA-256 of the cookie token: a database leak does not leak live sessions. */
    tokenHash: text("token_hash").notNull(),
    csrfToken: text("csrf_token").notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex("sessions_token_hash_key").on(table.tokenHash),
    index("sessions_user_idx").on(table.userId),
    // Housekeeping deletes expired sessions every hour.
    index("sessions_expires_idx").on(table.expiresAt),
  ],
);

export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** First characters of the key, shown in lists so owners can tell keys apart. */
    prefix: text("prefix").notNull(),
    /** SHA-256 of the whole key; the key itself is shown once and never stored. */
    keyHash: text("key_hash").notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (table) => [uniqueIndex("api_keys_key_hash_key").on(table.keyHash), index("api_keys_tenant_idx").on(table.tenantId)],
);

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** Null for events with no tenant yet, such as a failed sign-in for an unknown email. */
    tenantId: uuid("tenant_id").references(() => tenants.id, { onDelete: "cascade" }),
    actorType: text("actor_type", { enum: ["user", "api_key", "invitee", "system", "anonymous"] }).notNull(),
    actorId: text("actor_id"),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    ip: text("ip"),
    changes: jsonb("changes").$type<Record<string, unknown>>(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("audit_log_tenant_at_idx").on(table.tenantId, table.at),
    index("audit_log_action_target_at_idx").on(table.action, table.targetId, table.at),
  ],
);



// ── Booking links, templates, one-time links, bookings (issue 4) ────────────

export const templates = pgTable(
  "templates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    name: text("name").notNull(),
    questions: jsonb("questions").$type<TemplateQuestion[]>().notNull(),
    sendsFollowUp: boolean("sends_follow_up").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
  },
  (table) => [index("templates_tenant_idx").on(table.tenantId)],
);

export const links = pgTable(
  "links",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    /** The owner whose handle is in the public URL (/{handle}/{slug}). */
    ownerUserId: uuid("owner_user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    slug: text("slug").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    durationsMin: integer("durations_min").array().notNull(),
    defaultDurationMin: integer("default_duration_min").notNull(),
    // Older rows may hold a legacy type ("video"): the repository reads them in today's names.
    location: jsonb("location").$type<StoredLinkLocation>().notNull(),
    timeZone: text("time_zone").notNull(),
    weeklyHours: jsonb("weekly_hours").$type<WeeklyHoursRule[]>().notNull(),
    dateOverrides: jsonb("date_overrides").$type<DateOverride[]>().notNull(),
    holidays: jsonb("holidays").$type<string[]>().notNull(),
    bufferBeforeMin: integer("buffer_before_min").notNull().default(0),
    bufferAfterMin: integer("buffer_after_min").notNull().default(0),
    minNoticeMin: integer("min_notice_min").notNull().default(0),
    /** Null: the grid step is the default duration. */
    slotIntervalMin: integer("slot_interval_min"),
    maxDaysAhead: integer("max_days_ahead"),
    /** A fixed booking range ("YYYY-MM-DD", inclusive, in the link's zone) instead of, or as well as, days ahead. */
    rangeStartDate: text("range_start_date"),
    rangeEndDate: text("range_end_date"),
    maxPerDay: integer("max_per_day"),
    maxPerWeek: integer("max_per_week"),
    hostMode: text("host_mode", { enum: HOST_MODES }).notNull().default("single"),
    hostUserIds: uuid("host_user_ids").array().notNull(),
    /** Round-robin weight and priority per host (see LinkHostSetting). */
    hostSettings: jsonb("host_settings").$type<LinkHostSetting[]>().notNull().default([]),
    hostHours: text("host_hours", { enum: HOST_HOURS_SOURCES }).notNull().default("link"),
    templateId: uuid("template_id").references(() => templates.id),
    isActive: boolean("is_active").notNull().default(true),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    /** Soft delete: bookings made through the link stay. */
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
  },
  (table) => [
    uniqueIndex("links_owner_slug_key").on(table.ownerUserId, table.slug).where(sql`deleted_at is null`),
    index("links_tenant_idx").on(table.tenantId),
  ],
);

export const oneTimeLinks = pgTable(
  "one_time_links",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    linkId: uuid("link_id")
      .notNull()
      .references(() => links.id, { onDelete: "cascade" }),
    /** Kept so the owner can copy the URL again; looked up by its hash and compared in constant time. */
    token: text("token").notNull(),
    tokenHash: text("token_hash").notNull(),
    recipientEmail: text("recipient_email").notNull(),
    recipientName: text("recipient_name").notNull(),
    recipientCompany: text("recipient_company"),
    topic: text("topic"),
    leadRef: text("lead_ref"),
    /** The lead the link was made for (POST /leads/{id}/booking-link): its booking is matched to that lead first. */
    leadId: uuid("lead_id").references((): AnyPgColumn => leads.id, { onDelete: "set null" }),
    durationMin: integer("duration_min"),
    /** Owner-picked start instants; null: any free slot of the link. */
    slotStarts: timestamp("slot_starts", { withTimezone: true }).array(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    bookingId: uuid("booking_id"),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    /** When Convene last emailed the link to its recipient, and how often it has. */
    emailedAt: timestamp("emailed_at", { withTimezone: true }),
    emailCount: integer("email_count").notNull().default(0),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex("one_time_links_token_hash_key").on(table.tokenHash), index("one_time_links_link_idx").on(table.linkId)],
);

export const bookings = pgTable(
  "bookings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    /** The link it was booked through; null for a booking made outside Convene (source calcom, calendly). */
    linkId: uuid("link_id").references(() => links.id),
    oneTimeLinkId: uuid("one_time_link_id").references(() => oneTimeLinks.id),
    source: text("source", { enum: BOOKING_SOURCES }).notNull().default("convene"),
    /** For an external booking: the Cal.com or Calendly account it came from, its title and meeting URL there, and when the provider last changed it. */
    inboundSourceId: uuid("inbound_source_id").references((): AnyPgColumn => inboundSources.id, { onDelete: "cascade" }),
    externalTitle: text("external_title"),
    externalMeetingUrl: text("external_meeting_url"),
    externalChangedAt: timestamp("external_changed_at", { withTimezone: true }),
    /** A direct booking's own terms (POST /api/v1/bookings): its title and location, and whose meeting it is (the organizer); null: the link's. */
    title: text("title"),
    location: jsonb("location").$type<LinkLocation>(),
    organizerUserId: uuid("organizer_user_id").references((): AnyPgColumn => users.id, { onDelete: "set null" }),
    startAt: timestamp("start_at", { withTimezone: true }).notNull(),
    endAt: timestamp("end_at", { withTimezone: true }).notNull(),
    durationMin: integer("duration_min").notNull(),
    status: text("status", { enum: BOOKING_STATUSES }).notNull(),
    /** iCalendar SEQUENCE: bumped on every change the invitee sees. */
    sequence: integer("sequence").notNull().default(0),
    inviteeName: text("invitee_name").notNull(),
    inviteeEmail: text("invitee_email").notNull(),
    inviteeTimeZone: text("invitee_time_zone").notNull(),
    answers: jsonb("answers").$type<Record<string, unknown>>().notNull(),
    guests: text("guests").array().notNull(),
    notes: text("notes"),
    manageTokenHash: text("manage_token_hash").notNull(),
    /** The manage token sealed with CONVENE_SECRET_KEY, so later emails can carry the manage link. */
    manageTokenSealed: text("manage_token_sealed"),
    cancelReason: text("cancel_reason"),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    attendanceMarkedAt: timestamp("attendance_marked_at", { withTimezone: true }),
    /** When the invitee's personal fields were blanked at their request (the slot and its history stay). */
    erasedAt: timestamp("erased_at", { withTimezone: true }),
    /** The page view the booking came through (the funnel's conversion counts these); null: API, a page not tracked, or made before views were linked. */
    linkViewId: bigint("link_view_id", { mode: "number" }).references((): AnyPgColumn => linkViews.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("bookings_manage_token_hash_key").on(table.manageTokenHash),
    index("bookings_tenant_start_idx").on(table.tenantId, table.startAt),
    index("bookings_tenant_created_idx").on(table.tenantId, table.createdAt),
    index("bookings_link_idx").on(table.linkId),
  ],
);

/**
 * One row per host a booking occupies. The exclusion constraint (added in the
 * migration, since drizzle-kit cannot express it) makes double booking
 * impossible: no two active rows of one host may have overlapping busy ranges,
 * buffers included.
 */
export const bookingHosts = pgTable(
  "booking_hosts",
  {
    /** The booking whose time this is; null for a slot hold's row (hold_id set instead: exactly one of the two). */
    bookingId: uuid("booking_id").references(() => bookings.id, { onDelete: "cascade" }),
    holdId: uuid("hold_id").references((): AnyPgColumn => slotHolds.id, { onDelete: "cascade" }),
    tenantId: tenantRef(),
    hostUserId: uuid("host_user_id")
      .notNull()
      .references(() => users.id),
    startAt: timestamp("start_at", { withTimezone: true }).notNull(),
    /** [start − buffer before, end + buffer after) */
    busyStartAt: timestamp("busy_start_at", { withTimezone: true }).notNull(),
    busyEndAt: timestamp("busy_end_at", { withTimezone: true }).notNull(),
    isActive: boolean("is_active").notNull().default(true),
  },
  (table) => [
    // Was the primary key (booking_id, host_user_id); a hold's rows have no booking, so two unique indexes instead.
    uniqueIndex("booking_hosts_booking_host_key").on(table.bookingId, table.hostUserId),
    uniqueIndex("booking_hosts_hold_host_key").on(table.holdId, table.hostUserId),
    check("booking_hosts_one_owner", sql`num_nonnulls(${table.bookingId}, ${table.holdId}) = 1`),
    index("booking_hosts_host_busy_idx").on(table.hostUserId, table.busyStartAt),
  ],
);

export const bookingHistory = pgTable(
  "booking_history",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    bookingId: uuid("booking_id")
      .notNull()
      .references(() => bookings.id, { onDelete: "cascade" }),
    tenantId: tenantRef(),
    action: text("action", { enum: BOOKING_HISTORY_ACTIONS }).notNull(),
    actorType: text("actor_type", { enum: ["user", "api_key", "invitee", "system", "anonymous"] }).notNull(),
    actorId: text("actor_id"),
    oldValues: jsonb("old_values").$type<Record<string, unknown>>(),
    newValues: jsonb("new_values").$type<Record<string, unknown>>(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("booking_history_booking_idx").on(table.bookingId, table.id)],
);

export const linkViews = pgTable(
  "link_views",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    tenantId: tenantRef(),
    linkId: uuid("link_id")
      .notNull()
      .references(() => links.id, { onDelete: "cascade" }),
    oneTimeLinkId: uuid("one_time_link_id"),
    referrer: text("referrer"),
    /** The UTM parameters the page was opened with (an embedding site passes its own), or null when none. */
    utm: jsonb("utm").$type<UtmParameters>(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("link_views_link_at_idx").on(table.linkId, table.at)],
);

/** Remembered answers to POST …/bookings with an Idempotency-Key, per link. */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    scope: text("scope").notNull(),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    statusCode: integer("status_code").notNull(),
    responseBody: jsonb("response_body").$type<unknown>().notNull(),
    createdAt: createdAt(),
  },
  // Housekeeping deletes keys older than a day every hour.
  (table) => [primaryKey({ columns: [table.scope, table.key] }), index("idempotency_keys_created_idx").on(table.createdAt)],
);

// ── Booking events and their deliveries (issues 5 and 11) ────────────────────

/**
 * One row per booking change, written in the change's own transaction: the
 * event with a per-booking sequence and the facts a consumer needs. A relay
 * fans each event out into deliveries (one per channel and recipient) and
 * stamps fanned_out_at, in the same transaction.
 */
export const bookingEvents = pgTable(
  "booking_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    bookingId: uuid("booking_id")
      .notNull()
      .references(() => bookings.id, { onDelete: "cascade" }),
    /** 1, 2, 3… per booking, in the order the changes committed (they hold the booking's row). */
    seq: integer("seq").notNull(),
    type: text("type", { enum: BOOKING_EVENT_TYPES }).notNull(),
    /** The booking's SEQUENCE after the change. */
    bookingSequence: integer("booking_sequence").notNull(),
    facts: jsonb("facts").$type<BookingEventFacts>().notNull(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    fannedOutAt: timestamp("fanned_out_at", { withTimezone: true }),
  },
  (table) => [
    uniqueIndex("booking_events_booking_seq").on(table.bookingId, table.seq),
    index("booking_events_unfanned_idx").on(table.occurredAt).where(sql`fanned_out_at is null`),
  ],
);

/**
 * A change of the organisation that belongs to no booking (a lead's status, a
 * calendar connection refused), written in the change's own transaction with a
 * per-subject sequence and fanned out by the same relay as booking events
 * (core/org-events/org-events.ts).
 */
export const orgEvents = pgTable(
  "org_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    /** "lead.<id>", "connection.<id>": whose events are ordered together. */
    subject: text("subject").notNull(),
    /** 1, 2, 3… per subject, in commit order (the writer holds the subject's row). */
    seq: integer("seq").notNull(),
    type: text("type", { enum: ORG_EVENT_TYPES }).notNull(),
    facts: jsonb("facts").$type<Record<string, unknown>>().notNull(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    fannedOutAt: timestamp("fanned_out_at", { withTimezone: true }),
  },
  (table) => [
    uniqueIndex("org_events_subject_seq").on(table.tenantId, table.subject, table.seq),
    index("org_events_unfanned_idx").on(table.occurredAt).where(sql`fanned_out_at is null`),
  ],
);

/**
 * Every side effect of a booking event, one row per channel and recipient
 * (emails first; the table was "notifications" before channels). A relay
 * hands due rows to the job queue; the handler delivers and records the
 * outcome here, so owners can see it.
 */
export const deliveries = pgTable(
  "deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    /** Null for a delivery of an organisation event (org_event_id). */
    bookingId: uuid("booking_id").references(() => bookings.id, { onDelete: "cascade" }),
    channel: text("channel").notNull().default("email"),
    /** The event that planned it; null for rows planned before events existed, and for organisation events. */
    eventId: uuid("event_id").references(() => bookingEvents.id, { onDelete: "cascade" }),
    /** The organisation event that planned it (booking_id and event_id are null then). */
    orgEventId: uuid("org_event_id").references(() => orgEvents.id, { onDelete: "cascade" }),
    /** What the channel delivers (for email, a NotificationKind). */
    kind: text("kind").notNull(),
    recipientRole: text("recipient_role", { enum: RECIPIENT_ROLES }).notNull(),
    recipientEmail: text("recipient_email").notNull(),
    recipientName: text("recipient_name").notNull(),
    recipientTimeZone: text("recipient_time_zone").notNull(),
    /** The booking's sequence when planned: a reminder for an older sequence is skipped. */
    sequence: integer("sequence").notNull(),
    /** Chosen by the channel (for email: booking + kind + sequence + recipient); unique per channel. */
    dedupeKey: text("dedupe_key").notNull(),
    runAt: timestamp("run_at", { withTimezone: true }).notNull(),
    state: text("state", { enum: DELIVERY_STATES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    /** When a failed attempt will be tried again (no earlier than), for the delivery log. */
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }),
    dispatchedAt: timestamp("dispatched_at", { withTimezone: true }),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex("deliveries_channel_dedupe_key").on(table.channel, table.dedupeKey),
    index("deliveries_due_idx").on(table.runAt).where(sql`state = 'pending' and dispatched_at is null`),
    index("deliveries_booking_idx").on(table.bookingId),
    index("deliveries_org_event_idx").on(table.orgEventId),
    // Every delivery answers to a booking or to an organisation event: no reader meets a row with neither.
    check("deliveries_has_subject", sql`booking_id is not null or org_event_id is not null`),
    index("deliveries_tenant_created_idx").on(table.tenantId, table.createdAt, table.id),
  ],
);

/** Mail that would have been sent, when no SMTP server is configured. */
export const mailOutbox = pgTable(
  "mail_outbox",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** Whose mail it is, so each owner sees only their own. */
    tenantId: uuid("tenant_id").references(() => tenants.id, { onDelete: "cascade" }),
    messageId: text("message_id").notNull(),
    fromAddress: text("from_address").notNull(),
    toEmail: text("to_email").notNull(),
    toName: text("to_name").notNull(),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    htmlBody: text("html_body").notNull(),
    icsMethod: text("ics_method"),
    ics: text("ics"),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex("mail_outbox_message_id_key").on(table.messageId), index("mail_outbox_tenant_idx").on(table.tenantId, table.id)],
);

// The calendar tables (issues 12 and 13) live in schema-calendars.ts; every table is reached through this module.
export * from "./schema-calendars.js";
// Account tokens and invitations (issue 14).
export * from "./schema-accounts.js";
// Leads, campaigns and matching (issue 15).
export * from "./schema-leads.js";
// Cal.com and Calendly sources, their deliveries and the external bookings' uids (issue 15).
export * from "./schema-inbound.js";
// The dashboard's bell (issue 15).
export * from "./schema-notifications.js";
// Outbound webhook endpoints and their attempts (issue 16).
export * from "./schema-webhooks.js";
// Slot holds (issue 16).
export * from "./schema-holds.js";
