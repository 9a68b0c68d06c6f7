// Outreach events from any outreach tool or script: a batch at a time,
// idempotent on the client's id per item.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { EMAIL_MAX_LENGTH } from "../../core/account/limits.js";
import { CAMPAIGN_NAME_MAX_CHARS, isLeadEmail } from "../../core/leads/lead-fields.js";
import { LEAD_EVENT_TYPES, LEAD_STATUSES } from "../../core/leads/lead-status.js";
import { MAX_LEAD_EVENTS_PER_BATCH, recordLeadEvents } from "../../use-cases/leads/record-lead-events.js";
import { AUTHENTICATED, contextOf } from "../auth.js";
import type { RouteContext } from "../route-context.js";
import { isoInstant } from "./booking-views.js";

const eventItem = z.strictObject({
  id: z.string().trim().min(1).max(200).describe("Your id for the event; sending it again is answered as before and changes nothing"),
  email: z.string().trim().max(EMAIL_MAX_LENGTH).refine(isLeadEmail, "is not an email address").describe("The lead's address; a new address creates the lead"),
  type: z.enum(LEAD_EVENT_TYPES),
  at: isoInstant.describe("When it happened (ISO instant)"),
  campaign: z.string().trim().min(1).max(CAMPAIGN_NAME_MAX_CHARS).optional().describe("A campaign's id, or its name (created when missing)"),
});

export const leadEventRoutes: FastifyPluginAsyncZod<{ context: RouteContext }> = async (app, { context }) => {
  const { deps } = context;

  app.post(
    "/lead-events",
    {
      config: { permission: "leads.write" },
      schema: {
        tags: ["leads"],
        summary: `Record outreach events (up to ${MAX_LEAD_EVENTS_PER_BATCH} a batch), applied to their leads oldest first; idempotent per item id`,
        security: AUTHENTICATED,
        body: z.strictObject({ events: z.array(eventItem).min(1).max(MAX_LEAD_EVENTS_PER_BATCH) }),
        response: {
          200: z.object({
            items: z.array(z.object({ id: z.string(), leadId: z.uuid(), status: z.enum(LEAD_STATUSES).describe("The lead's status after the batch"), isDuplicate: z.boolean() })),
          }),
        },
      },
    },
    async (request) => {
      const items = request.body.events.map(({ at, ...event }) => ({ ...event, atMs: at }));
      const { outcomes } = await recordLeadEvents(deps, contextOf(request, deps.clock), items);
      return { items: outcomes };
    },
  );
};
