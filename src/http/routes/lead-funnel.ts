// The lead funnel route: sent → delivered → replied → interested → booked →
// showed as distinct leads over a window, with rates, per campaign, and the
// inbound sources' health (a provider down means the last known data).
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { INBOUND_PROVIDERS } from "../../core/inbound/external-booking.js";
import { leadFunnel } from "../../use-cases/leads/lead-funnel.js";
import type { RouteContext } from "../route-context.js";
import { AUTHENTICATED, contextOf } from "../auth.js";
import { isoInstant } from "./booking-views.js";

const rate = (what: string) => z.number().nullable().describe(`${what}, 4 decimals; null when the denominator is 0`);

const stages = {
  sent: z.number().int().describe("Leads with a sent event in the window"),
  delivered: z.number().int().describe("Leads with a delivered event in the window"),
  replied: z.number().int().describe("Leads with a replied, interested or not_interested event in the window (each is a reply)"),
  interested: z.number().int().describe("Leads with an interested event in the window"),
  booked: z.number().int().describe("Leads with a matched booking made in the window whose latest booking is not cancelled (booking, cancelling and rebooking counts once)"),
  showed: z.number().int().describe("Of those, leads whose latest booking was attended"),
  noShow: z.number().int().describe("Of those, leads whose latest booking was missed"),
  cancelled: z.number().int().describe("Leads with a matched booking made in the window whose latest booking is cancelled"),
  rates: z.object({
    delivery: rate("delivered / sent"),
    reply: rate("replied / delivered"),
    interest: rate("interested / replied"),
    booking: rate("booked / interested"),
    show: rate("showed / booked"),
    showedPerSent: rate("showed / sent"),
  }),
};

const funnelView = z.object({
  from: z.string(),
  to: z.string(),
  campaignId: z.uuid().nullable(),
  totals: z.object(stages),
  campaigns: z
    .array(z.object({ campaignId: z.uuid().nullable().describe("null: leads without a campaign"), name: z.string().nullable(), ...stages }))
    .describe("Every campaign (or the one asked for), and leads without a campaign when any were active; they add up to the totals"),
  sources: z
    .array(
      z.object({
        id: z.uuid(),
        name: z.string(),
        provider: z.enum(INBOUND_PROVIDERS),
        lastBackfillAt: z.string().nullable(),
        unreachableSince: z.string().nullable().describe("Since when the provider does not answer: the funnel shows the last known data"),
      }),
    )
    .describe("Each Cal.com or Calendly source feeding the funnel"),
});

export const leadFunnelRoutes: FastifyPluginAsyncZod<{ context: RouteContext }> = async (app, { context }) => {
  const { deps } = context;

  app.get(
    "/funnel",
    {
      config: { permission: "analytics.read" },
      schema: {
        tags: ["leads"],
        summary: "The lead funnel: distinct leads per stage with the rates between stages, in total and per campaign (a member: their own leads; default: the last 30 days; at most 366)",
        security: AUTHENTICATED,
        querystring: z.strictObject({
          campaignId: z.uuid().optional().describe("Only leads of this campaign; unknown: 404"),
          from: isoInstant.optional().describe("Start instant (ISO 8601 with a zone); default 30 local days before `to`"),
          to: isoInstant.optional().describe("End instant (exclusive); default the end of today in your zone"),
        }),
        response: { 200: funnelView },
      },
    },
    async (request) => {
      const { campaignId, from, to } = request.query;
      const funnel = await leadFunnel(deps, contextOf(request, deps.clock), { fromMs: from ?? null, toMs: to ?? null, campaignId: campaignId?.toLowerCase() ?? null });
      return {
        ...funnel,
        from: new Date(funnel.fromMs).toISOString(),
        to: new Date(funnel.toMs).toISOString(),
        sources: funnel.sources.map(({ lastBackfillAtMs, unreachableSinceMs, ...source }) => ({
          ...source,
          lastBackfillAt: lastBackfillAtMs === null ? null : new Date(lastBackfillAtMs).toISOString(),
          unreachableSince: unreachableSinceMs === null ? null : new Date(unreachableSinceMs).toISOString(),
        })),
      };
    },
  );
};
