// Lead tables of issue 15: campaigns, leads and their outreach events, each
// change of a lead's status with its cause, the bookings matched to leads and
// the attendees no lead matched yet. Lead emails are unique per organisation
// by their lower-cased, trimmed form (email_key).
import { sql } from "drizzle-orm";
import { bigserial, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { LEAD_EVENT_TYPES, LEAD_STATUSES, OUTREACH_STAGES } from "../../core/leads/lead-status.js";
import { LEAD_MATCH_KINDS, LEAD_TRANSITION_CAUSES, UNMATCHED_STATES } from "../../core/leads/lead-matching.js";
import { createdAt, tenantRef } from "./schema-base.js";
import { bookings, users } from "./schema.js";

export const campaigns = pgTable(
  "campaigns",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    name: text("name").notNull(),
    description: text("description"),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex("campaigns_tenant_name_key").on(table.tenantId, sql`lower(${table.name})`)],
);

export const leads = pgTable(
  "leads",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    /** As given; email_key is the form it is unique and matched in. */
    email: text("email").notNull(),
    emailKey: text("email_key").notNull(),
    name: text("name"),
    company: text("company"),
    title: text("title"),
    campaignId: uuid("campaign_id").references(() => campaigns.id, { onDelete: "set null" }),
    ownerUserId: uuid("owner_user_id").references(() => users.id, { onDelete: "set null" }),
    customFields: jsonb("custom_fields").$type<Record<string, string>>().notNull().default({}),
    /** The lead's state (core/leads/lead-status.ts): the status and what it is derived from. */
    status: text("status", { enum: LEAD_STATUSES }).notNull().default("new"),
    outreach: text("outreach", { enum: OUTREACH_STAGES }).notNull().default("new"),
    outreachAt: timestamp("outreach_at", { withTimezone: true }),
    latestBookingId: uuid("latest_booking_id").references(() => bookings.id, { onDelete: "set null" }),
    statusChangedAt: timestamp("status_changed_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("leads_tenant_email_key").on(table.tenantId, table.emailKey),
    index("leads_tenant_campaign_idx").on(table.tenantId, table.campaignId),
    index("leads_tenant_status_idx").on(table.tenantId, table.status),
    index("leads_tenant_created_idx").on(table.tenantId, table.createdAt, table.id),
  ],
);

/** What an outreach tool reported; client_id makes a batch safe to send again. */
export const leadEvents = pgTable(
  "lead_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    tenantId: tenantRef(),
    leadId: uuid("lead_id")
      .notNull()
      .references(() => leads.id, { onDelete: "cascade" }),
    clientId: text("client_id").notNull(),
    type: text("type", { enum: LEAD_EVENT_TYPES }).notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
    campaignId: uuid("campaign_id").references(() => campaigns.id, { onDelete: "set null" }),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("lead_events_tenant_client_key").on(table.tenantId, table.clientId),
    index("lead_events_lead_idx").on(table.leadId, table.at),
    index("lead_events_tenant_type_at_idx").on(table.tenantId, table.type, table.at),
  ],
);

/** Every change of a lead's status, with what caused it (the lead's timeline). */
export const leadTransitions = pgTable(
  "lead_transitions",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    tenantId: tenantRef(),
    leadId: uuid("lead_id")
      .notNull()
      .references(() => leads.id, { onDelete: "cascade" }),
    fromStatus: text("from_status", { enum: LEAD_STATUSES }).notNull(),
    toStatus: text("to_status", { enum: LEAD_STATUSES }).notNull(),
    cause: text("cause", { enum: LEAD_TRANSITION_CAUSES }).notNull(),
    /** The lead event's id, the booking event's id, or the user's id. */
    causeRef: text("cause_ref"),
    at: timestamp("at", { withTimezone: true }).notNull(),
  },
  (table) => [index("lead_transitions_lead_idx").on(table.leadId, table.at)],
);

/** A booking matched to a lead (a group booking may match several, each attendee on its own). */
export const bookingLeads = pgTable(
  "booking_leads",
  {
    bookingId: uuid("booking_id")
      .notNull()
      .references(() => bookings.id, { onDelete: "cascade" }),
    leadId: uuid("lead_id")
      .notNull()
      .references(() => leads.id, { onDelete: "cascade" }),
    tenantId: tenantRef(),
    attendeeEmail: text("attendee_email").notNull(),
    matchedBy: text("matched_by", { enum: LEAD_MATCH_KINDS }).notNull(),
    matchedAt: timestamp("matched_at", { withTimezone: true }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.bookingId, table.leadId] }), index("booking_leads_lead_idx").on(table.leadId), index("booking_leads_tenant_idx").on(table.tenantId)],
);

/** An attendee of a booking that no lead matched: the owner confirms a lead or dismisses it. */
export const unmatchedAttendees = pgTable(
  "unmatched_attendees",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    bookingId: uuid("booking_id")
      .notNull()
      .references(() => bookings.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    emailKey: text("email_key").notNull(),
    name: text("name"),
    state: text("state", { enum: UNMATCHED_STATES }).notNull().default("open"),
    leadId: uuid("lead_id").references(() => leads.id, { onDelete: "set null" }),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    resolvedByUserId: uuid("resolved_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex("unmatched_attendees_booking_email_key").on(table.bookingId, table.emailKey),
    index("unmatched_attendees_open_idx").on(table.tenantId, table.createdAt).where(sql`state = 'open'`),
    index("unmatched_attendees_email_idx").on(table.tenantId, table.emailKey),
  ],
);
