// The invitee's side of a booking link, reached by handle + slug or by a
// one-time token: what the page shows, the free slots, and booking. No
// account; rate-limited per IP.
import type { FastifyInstance } from "fastify";
import type { FastifyPluginAsyncZod, ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { openPublicLink, type PublicLinkRef } from "../../use-cases/auth/public-access.js";
import { bookWithIdempotencyKey, MAX_IDEMPOTENCY_KEY_LENGTH } from "../../use-cases/bookings/idempotency.js";
import { listPublicSlots } from "../../use-cases/bookings/list-slots.js";
import { openBookingPage } from "../../use-cases/bookings/open-booking-page.js";
import { holdLinkSlot } from "../../use-cases/holds/hold-slot.js";
import { releaseLinkHold } from "../../use-cases/holds/release-hold.js";
import type { RouteContext } from "../route-context.js";
import { PUBLIC_API } from "../../core/public-urls.js";
import { publicContextOf } from "../auth.js";
import { EMAIL_MAX_LENGTH } from "../../core/account/limits.js";
import { HOST_MODES, LOCATION_TYPES } from "../../core/booking/link-options.js";
import { locationKind } from "../../core/booking/meeting-location.js";
import { operatorOrigins } from "../../core/embedding/embed-origins.js";
import { UTM_KEYS, utmOf, type UtmKey } from "../../core/embedding/utm.js";
import { isoInstant, isoOrNull, SLOTS_SERIALIZER, slotsView, toSlotsView } from "./booking-views.js";

const pageView = z.object({
  title: z.string(),
  description: z.string(),
  owner: z.object({ name: z.string(), handle: z.string() }),
  durationsMin: z.array(z.number()),
  defaultDurationMin: z.number(),
  location: z.object({
    type: z.enum(LOCATION_TYPES),
    kind: z.string().describe('What kind of meeting, e.g. "Jitsi video call", "Zoom video call", "Phone call"; the address to join comes with the booking'),
    value: z.string().nullable().describe("A custom location's text; null for the others (a meeting URL or room is given only to whoever books)"),
  }),
  timeZone: z.string().describe("The link's zone (its hours are set in it)"),
  bookableUntil: z.string().nullable().describe("Slots start before this instant (booking window, date range); null: no limit"),
  hostMode: z.enum(HOST_MODES),
  questions: z.array(z.object({ id: z.string(), label: z.string(), type: z.string(), isRequired: z.boolean(), options: z.array(z.string()).optional() })),
  oneTime: z
    .object({
      expiresAt: z.string(),
      slots: z.array(z.string()).nullable().describe("Owner-picked start times, when the choice is restricted"),
      prefill: z.object({ name: z.string(), email: z.string(), company: z.string().nullable(), topic: z.string().nullable() }),
    })
    .nullable(),
  viewId: z.string().describe("Names this page view; send it back as viewId when booking from this page, so the booking counts toward the link's conversion"),
  embedOrigins: z
    .array(z.string())
    .describe("Origins of the sites that may frame this page (the organisation's allow-list and the server's EMBED_FRAME_ANCESTORS); an embedded page posts its events only to one of them"),
});

/** Optional UTM parameters, recorded with the view; other query parameters (embed, prefill) are the page's own and ignored here. */
const pageQuery = z.object(Object.fromEntries(UTM_KEYS.map((key) => [`utm_${key}`, z.string().max(1000).optional()])) as Record<`utm_${UtmKey}`, z.ZodOptional<z.ZodString>>);

const slotsQuery = z.strictObject({
  from: isoInstant.optional(),
  to: isoInstant.optional(),
  timeZone: z.string().min(1).max(64).optional().describe("Viewer's IANA zone for grouping by date; default the link's"),
  durationMin: z.coerce.number().int().optional(),
});

const bookingBody = z.strictObject({
  start: isoInstant,
  durationMin: z.number().int().optional(),
  timeZone: z.string().min(1).max(64).describe("The invitee's IANA zone"),
  name: z.string().trim().min(1).max(200),
  email: z.email().max(EMAIL_MAX_LENGTH),
  answers: z.record(z.string(), z.unknown()).default({}),
  guests: z.array(z.email().max(EMAIL_MAX_LENGTH)).max(10).optional(),
  notes: z.string().max(5000).optional(),
  viewId: z
    .string()
    .max(500)
    .optional()
    .describe("The viewId of the booking page this booking is made from (counted toward conversion); an unknown, expired or other link's view is ignored"),
  holdToken: z.string().min(16).max(100).optional().describe("The token of a hold on this very slot (POST …/holds): the booking takes the held time"),
});

const holdBody = z.strictObject({
  start: isoInstant,
  durationMin: z.number().int().optional(),
  timeZone: z.string().min(1).max(64).describe("The invitee's IANA zone"),
});

const heldView = z.object({
  holdToken: z.string().describe("Send as holdToken with the booking; DELETE …/holds/{holdToken} releases the time"),
  expiresAt: z.string().describe("The time is held until then"),
  start: z.string(),
  end: z.string(),
});

const bookedView = z.object({
  id: z.uuid(),
  start: z.string(),
  end: z.string(),
  durationMin: z.number(),
  status: z.string(),
  timeZone: z.string(),
  manageUrl: z.string().describe("The invitee's private page to reschedule or cancel"),
  manageApiUrl: z.string(),
});

type PublicRoutesOptions = {
  context: RouteContext;
  prefix: string;
  params: z.ZodObject<Record<string, z.ZodString>>;
  refOf(params: Record<string, string>): PublicLinkRef;
};

function registerPublicLink(app: FastifyInstance, options: PublicRoutesOptions) {
  const { context, prefix, params, refOf } = options;
  const { deps, rateLimits, slotTurns } = context;
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const reads = { rateLimit: { max: rateLimits.publicReadsPerMinute, timeWindow: "1 minute" } };
  // Slots cost far more than a page read (an engine run and up to MAX_SLOTS_PER_ANSWER slots): their own, smaller bucket.
  const slotReads = { rateLimit: { max: rateLimits.slotReadsPerMinute, timeWindow: "1 minute" } };
  const tags = ["public booking"];

  typed.get(
    prefix,
    { config: reads, schema: { tags, summary: "What the booking page shows (records a view, with its UTM parameters)", params, querystring: pageQuery, response: { 200: pageView } } },
    async (request) => {
      const referrer = request.headers.referer ?? request.headers.referrer;
      const visit = { referrer: typeof referrer === "string" ? referrer : null, utm: utmOf(request.query) };
      const page = await openBookingPage(deps, refOf(request.params as Record<string, string>), visit, publicContextOf(request, deps.clock));
      const { link, owner, oneTimeLink } = page;
      return {
        title: link.title,
        description: link.description,
        owner: { name: owner.name, handle: owner.handle },
        durationsMin: page.durationsMin,
        defaultDurationMin: page.defaultDurationMin,
        location: { type: link.location.type, kind: locationKind(link.location), value: link.location.type === "custom" ? (link.location.value ?? null) : null },
        timeZone: link.timeZone,
        bookableUntil: isoOrNull(page.bookableUntilMs),
        hostMode: link.hostMode,
        questions: page.questions,
        oneTime: oneTimeLink
          ? {
              expiresAt: oneTimeLink.expiresAt.toISOString(),
              slots: oneTimeLink.slotStartsMs?.map((startMs: number) => new Date(startMs).toISOString()) ?? null,
              prefill: { name: oneTimeLink.recipientName, email: oneTimeLink.recipientEmail, company: oneTimeLink.recipientCompany, topic: oneTimeLink.topic },
            }
          : null,
        viewId: page.viewToken,
        embedOrigins: [...new Set([...operatorOrigins(context.embedFrameAncestors), ...page.embedOrigins])],
      };
    },
  );

  typed.get(
    `${prefix}/slots`,
    {
      config: slotReads,
      schema: {
        tags,
        summary: "Free slots, grouped by local date in timeZone; start and end in ISO UTC. A long window is answered in pages: follow nextFrom while truncated.",
        params,
        querystring: slotsQuery,
        response: { 200: slotsView },
      },
      ...SLOTS_SERIALIZER,
    },
    async (request) => {
      const ctx = publicContextOf(request, deps.clock);
      // Opened before taking a turn: an unknown or used link should not wait behind slot answers.
      const access = await openPublicLink(deps, refOf(request.params as Record<string, string>), ctx.nowMs);
      const { from, to, timeZone, durationMin } = request.query;
      return slotTurns.run(async () => toSlotsView(await listPublicSlots(deps, access, { fromMs: from, toMs: to, timeZone, durationMin }, ctx)));
    },
  );

  typed.post(
    `${prefix}/bookings`,
    {
      config: { rateLimit: { max: rateLimits.publicBookingsPerMinute, timeWindow: "1 minute" } },
      schema: {
        tags,
        summary: "Book a slot. Optional Idempotency-Key header: the same key and body give the same answer.",
        params,
        body: bookingBody,
        headers: z.object({ "idempotency-key": z.string().min(1).max(MAX_IDEMPOTENCY_KEY_LENGTH).optional() }),
        response: { 201: bookedView },
      },
    },
    async (request, reply) => {
      const { start, ...rest } = request.body;
      const ref = refOf(request.params as Record<string, string>);
      const answer = await bookWithIdempotencyKey(deps, ref, { ...rest, startMs: start }, request.headers["idempotency-key"], publicContextOf(request, deps.clock));
      if (answer.isReplayed) reply.header("idempotent-replayed", "true");
      return reply.status(201).send(answer.body);
    },
  );
}

function registerPublicHolds(app: FastifyInstance, options: PublicRoutesOptions) {
  const { context, prefix, params, refOf } = options;
  const { deps, rateLimits } = context;
  const typed = app.withTypeProvider<ZodTypeProvider>();
  // A hold costs what a booking costs (the same checks under the hosts' locks): the booking bucket's size.
  const holdWrites = { rateLimit: { max: rateLimits.publicBookingsPerMinute, timeWindow: "1 minute" } };
  const tags = ["public booking"];

  typed.post(
    `${prefix}/holds`,
    {
      config: holdWrites,
      schema: {
        tags,
        summary: "Hold a slot for a few minutes while the invitee fills in the form (SLOT_TAKEN 409 with nearest free slots when it is gone)",
        params,
        body: holdBody,
        response: { 201: heldView },
      },
    },
    async (request, reply) => {
      const { start, ...rest } = request.body;
      const ref = refOf(request.params as Record<string, string>);
      const { holdToken, hold } = await holdLinkSlot(deps, ref, { ...rest, startMs: start, ttlMinutes: context.holdMinutes }, publicContextOf(request, deps.clock));
      return reply.status(201).send({ holdToken, expiresAt: new Date(hold.expiresAtMs).toISOString(), start: new Date(hold.startMs).toISOString(), end: new Date(hold.endMs).toISOString() });
    },
  );

  typed.delete(
    `${prefix}/holds/:holdToken`,
    {
      config: holdWrites,
      schema: {
        tags,
        summary: "Release a hold (the invitee went back or picked another time)",
        params: params.extend({ holdToken: z.string().min(16).max(100) }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const { holdToken, ...rest } = request.params as Record<string, string>;
      await releaseLinkHold(deps, refOf(rest), holdToken!, publicContextOf(request, deps.clock));
      return reply.status(204).send(null);
    },
  );
}

export const publicLinkRoutes: FastifyPluginAsyncZod<{ context: RouteContext }> = async (app, { context }) => {
  const linkRoutes: PublicRoutesOptions = {
    context,
    prefix: `${PUBLIC_API}/links/:handle/:slug`,
    params: z.object({ handle: z.string().min(1).max(100), slug: z.string().min(1).max(100) }),
    refOf: (params) => ({ handle: params.handle!, slug: params.slug! }),
  };
  registerPublicLink(app, linkRoutes);
  registerPublicHolds(app, linkRoutes);
  const oneTimeRoutes: PublicRoutesOptions = {
    context,
    prefix: `${PUBLIC_API}/one-time/:token`,
    params: z.object({ token: z.string().min(16).max(100) }),
    refOf: (params) => ({ token: params.token! }),
  };
  registerPublicLink(app, oneTimeRoutes);
  registerPublicHolds(app, oneTimeRoutes);
};

