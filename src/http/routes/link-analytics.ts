// Owner route for a link's funnel: views, bookings, conversion, cancellations and no-shows per local day.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { linkAnalytics } from "../../use-cases/links/link-analytics.js";
import type { RouteContext } from "../route-context.js";
import { AUTHENTICATED, contextOf } from "../auth.js";
import { isoInstant } from "./booking-views.js";
import { idParams } from "./params.js";

const funnel = {
  views: z.number().describe("Openings of the booking page (one-time links included)"),
  bookings: z.number().describe("Bookings made through the link"),
  conversionRate: z.number().describe("bookings / views, 4 decimals; 0 without views"),
  cancellations: z.number().describe("Bookings cancelled (by cancellation time)"),
  noShows: z.number().describe("Meetings the invitee missed (by start time)"),
};

const analyticsView = z.object({
  linkId: z.uuid(),
  from: z.string(),
  to: z.string(),
  timeZone: z.string(),
  totals: z.object(funnel),
  days: z.array(z.object({ date: z.string().describe("Local date in timeZone"), ...funnel })),
});

export const linkAnalyticsRoutes: FastifyPluginAsyncZod<{ context: RouteContext }> = async (app, { context }) => {
  const { deps } = context;

  app.get(
    "/links/:id/analytics",
    {
      schema: {
        tags: ["links"],
        summary: "A link's funnel per local day (default: the last 30 days, in the link's zone; at most 366 days)",
        security: AUTHENTICATED,
        params: idParams,
        querystring: z.strictObject({
          from: isoInstant.optional().describe("Start instant; default 30 local days before `to`"),
          to: isoInstant.optional().describe("End instant (exclusive); default the end of today"),
          timeZone: z.string().min(1).max(64).optional().describe("IANA zone of the day buckets; default the link's"),
        }),
        response: { 200: analyticsView },
      },
    },
    async (request) => {
      const { from, to, timeZone } = request.query;
      const report = await linkAnalytics(deps, contextOf(request, deps.clock), request.params.id, { fromMs: from ?? null, toMs: to ?? null, timeZone: timeZone ?? null });
      const { fromMs, toMs, ...rest } = report;
      return { ...rest, from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString() };
    },
  );
};
