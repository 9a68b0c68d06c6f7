// Leads: create, list (filter, search, cursor), read with the timeline, change,
// delete, and make a lead's booking link. A member reaches only their own leads.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { EMAIL_MAX_LENGTH } from "../../core/account/limits.js";
import { BOOKING_STATUSES } from "../../core/booking/booking.js";
import { BOOKING_SOURCES } from "../../core/inbound/external-booking.js";
import {
  CUSTOM_FIELD_KEY_MAX_CHARS,
  CUSTOM_FIELD_VALUE_MAX_CHARS,
  CUSTOM_FIELDS_MAX_COUNT,
  LEAD_TEXT_MAX_CHARS,
  isLeadEmail,
} from "../../core/leads/lead-fields.js";
import { LEAD_MATCH_KINDS, LEAD_TRANSITION_CAUSES } from "../../core/leads/lead-matching.js";
import { LEAD_EVENT_TYPES, LEAD_STATUSES } from "../../core/leads/lead-status.js";
import { oneTimeLinkUrls } from "../../core/public-urls.js";
import { createLead } from "../../use-cases/leads/create-lead.js";
import { deleteLead } from "../../use-cases/leads/delete-lead.js";
import { decodeLeadCursor, getLead, listLeads, type LeadWithTimeline } from "../../use-cases/leads/get-lead.js";
import { makeLeadBookingLink } from "../../use-cases/leads/make-lead-booking-link.js";
import { updateLead } from "../../use-cases/leads/update-lead.js";
import type { LeadRecord } from "../../use-cases/ports/leads.js";
import { AUTHENTICATED, contextOf } from "../auth.js";
import type { RouteContext } from "../route-context.js";
import { idParams } from "./params.js";

const optionalText = z.string().trim().max(LEAD_TEXT_MAX_CHARS).nullable().optional().transform((text) => (text ? text : text === undefined ? undefined : null));

const leadEmail = z
  .string()
  .trim()
  .max(EMAIL_MAX_LENGTH)
  .refine(isLeadEmail, "is not an email address")
  .describe("Unique in the organisation, compared lower-cased and trimmed (409 LEAD_EMAIL_TAKEN names the lead that has it)");

const customFields = z
  .record(z.string().trim().min(1).max(CUSTOM_FIELD_KEY_MAX_CHARS), z.string().max(CUSTOM_FIELD_VALUE_MAX_CHARS))
  .refine((fields) => Object.keys(fields).length <= CUSTOM_FIELDS_MAX_COUNT, `at most ${CUSTOM_FIELDS_MAX_COUNT} custom fields`)
  .describe("Your own fields, text to text");

const leadFieldsBody = {
  name: optionalText,
  company: optionalText,
  title: optionalText,
  campaignId: z.uuid().nullable().optional(),
  ownerUserId: z.uuid().nullable().optional().describe("A member of the organisation; default: you. A member's leads are always their own"),
  customFields: customFields.optional(),
};

const leadView = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string().nullable(),
  company: z.string().nullable(),
  title: z.string().nullable(),
  campaignId: z.string().nullable(),
  ownerUserId: z.string().nullable(),
  customFields: z.record(z.string(), z.string()),
  status: z.enum(LEAD_STATUSES),
  statusChangedAt: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const leadDetailView = z.object({
  lead: leadView,
  events: z.array(z.object({ id: z.string(), clientId: z.string(), type: z.enum(LEAD_EVENT_TYPES), at: z.string(), campaignId: z.string().nullable() })),
  transitions: z.array(z.object({ from: z.enum(LEAD_STATUSES), to: z.enum(LEAD_STATUSES), cause: z.enum(LEAD_TRANSITION_CAUSES), causeRef: z.string().nullable(), at: z.string() })),
  bookings: z.array(z.object({ id: z.string(), start: z.string(), status: z.enum(BOOKING_STATUSES), source: z.enum(BOOKING_SOURCES), matchedBy: z.enum(LEAD_MATCH_KINDS) })),
});

const cursorSchema = z.string().transform((text, ctx) => {
  const cursor = decodeLeadCursor(text);
  if (cursor) return cursor;
  ctx.addIssue({ code: "custom", message: "not a cursor from a previous page" });
  return z.NEVER;
});

export function toLeadView(lead: LeadRecord): z.infer<typeof leadView> {
  return {
    id: lead.id,
    email: lead.email,
    name: lead.name,
    company: lead.company,
    title: lead.title,
    campaignId: lead.campaignId,
    ownerUserId: lead.ownerUserId,
    customFields: lead.customFields,
    status: lead.status,
    statusChangedAt: lead.statusChangedAt.toISOString(),
    createdAt: lead.createdAt.toISOString(),
    updatedAt: lead.updatedAt.toISOString(),
  };
}

function toLeadDetailView({ lead, events, transitions, bookings }: LeadWithTimeline): z.infer<typeof leadDetailView> {
  return {
    lead: toLeadView(lead),
    events: events.map((event) => ({ id: String(event.id), clientId: event.clientId, type: event.type, at: new Date(event.atMs).toISOString(), campaignId: event.campaignId })),
    transitions: transitions.map((transition) => ({ from: transition.from, to: transition.to, cause: transition.cause, causeRef: transition.causeRef, at: new Date(transition.atMs).toISOString() })),
    bookings: bookings.map((booking) => ({ id: booking.bookingId, start: booking.startAt.toISOString(), status: booking.status, source: booking.source, matchedBy: booking.matchedBy })),
  };
}

/** Absent and null mean "not set" when creating. */
function orNull<T>(value: T | null | undefined): T | null {
  return value ?? null;
}

export const leadRoutes: FastifyPluginAsyncZod<{ context: RouteContext }> = async (app, { context }) => {
  const { deps } = context;
  const tags = ["leads"];

  app.post(
    "/leads",
    {
      config: { permission: "leads.write" },
      schema: { tags, summary: "Create a lead", security: AUTHENTICATED, body: z.strictObject({ email: leadEmail, ...leadFieldsBody }), response: { 201: leadView } },
    },
    async (request, reply) => {
      const { email, name, company, title, campaignId, ownerUserId, customFields: fields } = request.body;
      const lead = await createLead(deps, contextOf(request, deps.clock), { email, name: orNull(name), company: orNull(company), title: orNull(title), campaignId, ownerUserId, customFields: fields ?? {} });
      return reply.status(201).send(toLeadView(lead));
    },
  );

  app.get(
    "/leads",
    {
      config: { permission: "leads.read" },
      schema: {
        tags,
        summary: "List leads (a member: their own), newest first; filter by status and campaign, search name, email and company; paginated by cursor",
        security: AUTHENTICATED,
        querystring: z.object({
          status: z.enum(LEAD_STATUSES).optional(),
          campaignId: z.uuid().optional(),
          q: z.string().trim().min(1).max(200).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          cursor: cursorSchema.optional(),
        }),
        response: { 200: z.object({ items: z.array(leadView), nextCursor: z.string().nullable() }) },
      },
    },
    async (request) => {
      const { status, campaignId, q, limit, cursor } = request.query;
      const page = await listLeads(deps, contextOf(request, deps.clock), { status, campaignId, query: q, limit, cursor });
      return { items: page.leads.map(toLeadView), nextCursor: page.nextCursor };
    },
  );

  app.get(
    "/leads/:id",
    {
      config: { permission: "leads.read" },
      schema: { tags, summary: "A lead with its timeline: outreach events, status changes with their causes, matched bookings", security: AUTHENTICATED, params: idParams, response: { 200: leadDetailView } },
    },
    async (request) => toLeadDetailView(await getLead(deps, contextOf(request, deps.clock), request.params.id)),
  );

  app.patch(
    "/leads/:id",
    {
      config: { permission: "leads.write" },
      schema: { tags, summary: "Change a lead's fields (only those sent; its status moves with events and bookings)", security: AUTHENTICATED, params: idParams, body: z.strictObject({ email: leadEmail.optional(), ...leadFieldsBody }), response: { 200: leadView } },
    },
    async (request) => {
      const { customFields: fields, ...rest } = request.body;
      return toLeadView(await updateLead(deps, contextOf(request, deps.clock), request.params.id, { ...rest, ...(fields === undefined ? {} : { customFields: fields }) }));
    },
  );

  app.delete(
    "/leads/:id",
    { config: { permission: "leads.write" }, schema: { tags, summary: "Delete a lead with its events and matches (its bookings stay)", security: AUTHENTICATED, params: idParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await deleteLead(deps, contextOf(request, deps.clock), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/leads/:id/booking-link",
    {
      config: { permission: "leads.write" },
      schema: {
        tags,
        summary: "Make a one-time booking link for the lead (prefilled from it, carrying it) and a ready sentence in your words (PATCH /me leadLinkSentence)",
        security: AUTHENTICATED,
        params: idParams,
        body: z.strictObject({
          linkId: z.uuid().describe("One of your booking links"),
          topic: z.string().trim().max(500).optional().transform((text) => (text ? text : undefined)),
          expiresInDays: z.number().int().min(1).max(365).optional().describe("Default: 14"),
        }),
        response: {
          201: z.object({
            id: z.uuid(),
            linkId: z.uuid(),
            leadId: z.uuid(),
            url: z.string().describe("The lead's personal booking page"),
            expiresAt: z.string(),
            message: z.string().describe("The sentence to paste into your reply, with the link in it"),
          }),
        },
      },
    },
    async (request, reply) => {
      const { oneTimeLink, message } = await makeLeadBookingLink(deps, contextOf(request, deps.clock), request.params.id, request.body);
      return reply.status(201).send({
        id: oneTimeLink.id,
        linkId: oneTimeLink.linkId,
        leadId: oneTimeLink.leadId!,
        url: oneTimeLinkUrls(deps.publicUrl, oneTimeLink.token).bookingUrl,
        expiresAt: oneTimeLink.expiresAt.toISOString(),
        message,
      });
    },
  );
};
