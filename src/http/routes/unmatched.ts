// Owner routes for the unmatched queue: attendees of bookings (Convene's own
// and external) that no lead matched, with ranked suggestions; confirm the
// lead one is, or dismiss it.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { BOOKING_STATUSES } from "../../core/booking/booking.js";
import { BOOKING_SOURCES } from "../../core/inbound/external-booking.js";
import { SUGGESTION_REASONS } from "../../core/leads/lead-suggestions.js";
import { listUnmatched, type UnmatchedView } from "../../use-cases/leads/list-unmatched.js";
import { confirmUnmatched, dismissUnmatched } from "../../use-cases/leads/resolve-unmatched.js";
import type { RouteContext } from "../route-context.js";
import { AUTHENTICATED, contextOf } from "../auth.js";
import { idParams } from "./params.js";

const leadView = z.object({ id: z.uuid(), email: z.string(), name: z.string().nullable(), company: z.string().nullable() });

const unmatchedView = z.object({
  id: z.uuid(),
  email: z.string().describe("The attendee's address as the booking gave it"),
  name: z.string().nullable().describe("The invitee's name; null for a guest (bookings carry only guests' addresses)"),
  createdAt: z.string(),
  booking: z.object({
    id: z.uuid(),
    start: z.string(),
    end: z.string(),
    status: z.enum(BOOKING_STATUSES),
    source: z.enum(BOOKING_SOURCES).describe("convene, or the provider an external booking came from"),
    title: z.string().nullable().describe("The link's title, or the external booking's title at its provider"),
  }),
  suggestions: z
    .array(leadView.extend({ reason: z.enum(SUGGESTION_REASONS).describe("name_and_company: same name and company (or company domain); name: same name; domain: an address at the same company domain") }))
    .describe("Leads this attendee may be, best first (at most 5); public mail domains suggest nobody"),
});

function toView(entry: UnmatchedView): z.infer<typeof unmatchedView> {
  return {
    id: entry.id,
    email: entry.email,
    name: entry.name,
    createdAt: new Date(entry.createdAtMs).toISOString(),
    booking: {
      id: entry.bookingId,
      start: new Date(entry.booking.startMs).toISOString(),
      end: new Date(entry.booking.endMs).toISOString(),
      status: entry.booking.status,
      source: entry.booking.source,
      title: entry.booking.title,
    },
    suggestions: entry.suggestions.map(({ id, email, name, company, reason }) => ({ id, email, name, company, reason })),
  };
}

const resolvedView = z.object({ id: z.uuid(), bookingId: z.uuid(), state: z.enum(["confirmed", "dismissed"]), leadId: z.uuid().nullable() });

export const unmatchedRoutes: FastifyPluginAsyncZod<{ context: RouteContext }> = async (app, { context }) => {
  const { deps } = context;
  const tags = ["leads"];

  app.get(
    "/unmatched",
    {
      config: { permission: "leads.read" },
      schema: {
        tags,
        summary: "Attendees no lead matched, newest first (at most 100), with their booking and suggested leads (a member: of bookings they host, among their own leads)",
        security: AUTHENTICATED,
        response: { 200: z.object({ items: z.array(unmatchedView) }) },
      },
    },
    async (request) => ({ items: (await listUnmatched(deps, contextOf(request, deps.clock))).map(toView) }),
  );

  app.post(
    "/unmatched/:id/confirm",
    {
      config: { permission: "leads.write" },
      schema: {
        tags,
        summary: "Confirm which lead an unmatched attendee is: the booking is matched to the lead and the lead's status follows it (already resolved: 409 UNMATCHED_ALREADY_RESOLVED; unknown lead: 422 LEAD_NOT_FOUND)",
        security: AUTHENTICATED,
        params: idParams,
        body: z.strictObject({ leadId: z.uuid() }),
        response: { 200: resolvedView },
      },
    },
    async (request) => {
      const confirmed = await confirmUnmatched(deps, contextOf(request, deps.clock), request.params.id, request.body.leadId.toLowerCase());
      return { ...confirmed, state: "confirmed" as const };
    },
  );

  app.post(
    "/unmatched/:id/dismiss",
    {
      config: { permission: "leads.write" },
      schema: {
        tags,
        summary: "Dismiss an unmatched attendee: not a lead (already resolved: 409 UNMATCHED_ALREADY_RESOLVED)",
        security: AUTHENTICATED,
        params: idParams,
        response: { 200: resolvedView },
      },
    },
    async (request) => {
      const dismissed = await dismissUnmatched(deps, contextOf(request, deps.clock), request.params.id);
      return { ...dismissed, state: "dismissed" as const, leadId: null };
    },
  );
};
