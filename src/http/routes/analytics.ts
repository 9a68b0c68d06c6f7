// Owner routes for the funnel: the organisation's (views → bookings → meetings
// held → showed or not, and cancellations, as totals, per link and per local
// day) and one link's older per-day report.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ANALYTICS_DIMENSIONS } from "../../core/funnel/funnel.js";
import { CONVERSION_DEFINITION } from "../../core/funnel/view-attribution.js";
import { funnelSummary } from "../../use-cases/analytics/funnel-summary.js";
import { linkAnalytics } from "../../use-cases/links/link-analytics.js";
import type { RouteContext } from "../route-context.js";
import { AUTHENTICATED, contextOf } from "../auth.js";
import { isoInstant } from "./booking-views.js";
import { idParams } from "./params.js";

const funnel = {
  views: z.number().describe("Openings of a booking page (one-time links included), by when they happened"),
  bookings: z.number().describe("Bookings made, by creation time"),
  viewedBookings: z.number().describe("Of those, the bookings made from a viewed booking page (by creation time): the numerator of bookingRate"),
  bookingsWithoutView: z.number().describe("bookings − viewedBookings: through the API, a one-time link booked without opening its page, or made before views were tracked"),
  cancellations: z.number().describe("Bookings cancelled, by cancellation time (whenever they were made)"),
  held: z.number().describe("Meetings that took place, by start time: not cancelled and started by now, or with attendance recorded"),
  showed: z.number().describe("Held meetings recorded as attended, by start time"),
  noShows: z.number().describe("Held meetings recorded as missed, by start time"),
  bookingRate: z.number().nullable().describe("Conversion: viewedBookings / views, 4 decimals; null without views"),
  showRate: z.number().nullable().describe("showed / (showed + noShows), 4 decimals; null when no attendance was recorded"),
};

const linkFunnel = {
  views: z.number().describe("Openings of the booking page (one-time links included)"),
  bookings: z.number().describe("Bookings made through the link"),
  viewedBookings: z.number().describe("Of those, the bookings made from a viewed booking page: the numerator of conversionRate"),
  bookingsWithoutView: z.number().describe("bookings − viewedBookings: through the API, a one-time link booked without opening its page, or made before views were tracked"),
  conversionRate: z.number().describe("viewedBookings / views, 4 decimals; 0 without views"),
  cancellations: z.number().describe("Bookings cancelled (by cancellation time)"),
  noShows: z.number().describe("Meetings the invitee missed (by start time)"),
};

/** A report over [from, to) with day buckets in timeZone, of the given funnel fields. */
function reportView<Fields extends z.ZodRawShape>(fields: Fields) {
  return {
    from: z.string(),
    to: z.string(),
    timeZone: z.string(),
    conversionDefinition: z.string().describe("What the conversion rate measures, in one sentence to show beside it"),
    totals: z.object(fields), days: z.array(z.object({ date: z.string().describe("Local date in timeZone"), ...fields })) };
}

const summaryView = z.object({
  linkId: z.uuid().nullable().describe("The link asked about; null: every link"),
  ...reportView(funnel),
  rows: z
    .array(z.object({ dimension: z.enum(ANALYTICS_DIMENSIONS), key: z.string().describe("The link's id"), ...funnel }))
    .describe("One row per link: every live link, and a deleted link whose bookings are still counted; they add up to the totals"),
});

const linkReportView = z.object({ linkId: z.uuid(), ...reportView(linkFunnel) });

function windowQuery(defaultZone: string) {
  return {
    from: isoInstant.optional().describe("Start instant (ISO 8601 with a zone); default 30 local days before `to`"),
    to: isoInstant.optional().describe("End instant (exclusive, ISO 8601 with a zone); default the end of today"),
    timeZone: z.string().min(1).max(64).optional().describe(`IANA zone of the day buckets; default ${defaultZone}`),
  };
}

/** The use cases answer epoch ms; the wire has ISO instants. */
function withIsoWindow<Report extends { fromMs: number; toMs: number }>({ fromMs, toMs, ...report }: Report) {
  return { ...report, from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString(), conversionDefinition: CONVERSION_DEFINITION };
}

export const analyticsRoutes: FastifyPluginAsyncZod<{ context: RouteContext }> = async (app, { context }) => {
  const { deps } = context;

  app.get(
    "/analytics",
    {
      config: { permission: "analytics.read" },
      schema: {
        tags: ["analytics"],
        summary: "The organisation's funnel (a member: over their links and the bookings they host): totals, per link and per local day (default: the last 30 days, in your zone; at most 366 days)",
        security: AUTHENTICATED,
        querystring: z.strictObject({ ...windowQuery("your own"), linkId: z.uuid().optional().describe("Only this link; unknown or another organisation's: 404") }),
        response: { 200: summaryView },
      },
    },
    async (request) => {
      const { from, to, timeZone, linkId } = request.query;
      return withIsoWindow(await funnelSummary(deps, contextOf(request, deps.clock), { fromMs: from ?? null, toMs: to ?? null, timeZone: timeZone ?? null, linkId: linkId ?? null }));
    },
  );

  app.get(
    "/links/:id/analytics",
    {
      config: { permission: "analytics.read" },
      schema: {
        tags: ["links"],
        summary: "A link's funnel per local day (default: the last 30 days, in the link's zone; at most 366 days)",
        security: AUTHENTICATED,
        params: idParams,
        querystring: z.strictObject(windowQuery("the link's")),
        response: { 200: linkReportView },
      },
    },
    async (request) => {
      const { from, to, timeZone } = request.query;
      return withIsoWindow(await linkAnalytics(deps, contextOf(request, deps.clock), request.params.id, { fromMs: from ?? null, toMs: to ?? null, timeZone: timeZone ?? null }));
    },
  );
};
