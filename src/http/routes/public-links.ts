// The invitee's side of a booking link, reached by handle + slug or by a
// one-time token: what the page shows, the free slots, and booking. No
// account; rate-limited per IP.
import type { FastifyInstance, FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod, ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { isConveneError } from "../../core/errors.js";
import { openPublicLink, type PublicLinkRef } from "../../use-cases/auth/public-access.js";
import { bookMeeting, type Booked } from "../../use-cases/bookings/book-meeting.js";
import { hashToken } from "../../use-cases/auth/secret-token.js";
import { bookedAnswerOf, bookedAnswerToStore, MAX_IDEMPOTENCY_KEY_LENGTH, replayedBookedAnswer, requestHashOf, storedAnswer, type BookedAnswer } from "../../use-cases/bookings/idempotency.js";
import { listSlots } from "../../use-cases/bookings/list-slots.js";
import type { RouteContext } from "../route-context.js";
import { PUBLIC_API } from "../../core/public-urls.js";
import { EMAIL_MAX_LENGTH } from "../../core/account/limits.js";
import { HOST_MODES, LOCATION_TYPES } from "../../core/booking/link-options.js";
import { bookableUntilMs } from "../../core/booking/link-rules.js";
import { isoInstant, isoOrNull, slotsView, toSlotsView } from "./booking-views.js";

const pageView = z.object({
  title: z.string(),
  description: z.string(),
  owner: z.object({ name: z.string(), handle: z.string() }),
  durationsMin: z.array(z.number()),
  defaultDurationMin: z.number(),
  location: z.object({ type: z.enum(LOCATION_TYPES), value: z.string().nullable() }),
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
});

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
  scopeOf(params: Record<string, string>): string;
};

function registerPublicLink(app: FastifyInstance, options: PublicRoutesOptions) {
  const { context, prefix, params, refOf, scopeOf } = options;
  const { deps, rateLimits, slotTurns } = context;
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const reads = { rateLimit: { max: rateLimits.publicReadsPerMinute, timeWindow: "1 minute" } };
  // Slots cost far more than a page read (an engine run and up to MAX_SLOTS_PER_ANSWER slots): their own, smaller bucket.
  const slotReads = { rateLimit: { max: rateLimits.slotReadsPerMinute, timeWindow: "1 minute" } };
  const tags = ["public booking"];

  typed.get(
    prefix,
    { config: reads, schema: { tags, summary: "What the booking page shows (records a view)", params, response: { 200: pageView } } },
    async (request) => {
      const nowMs = deps.clock();
      const access = await openPublicLink(deps.store, refOf(request.params as Record<string, string>), nowMs);
      const template = access.link.templateId ? await deps.store.templates.get(access.tenantId, access.link.templateId) : null;
      const referrer = request.headers.referer ?? request.headers.referrer;
      await deps.store.linkViews.record(access.tenantId, {
        linkId: access.link.id,
        oneTimeLinkId: access.oneTimeLink?.id ?? null,
        referrer: typeof referrer === "string" ? referrer.slice(0, 1000) : null,
        atMs: nowMs,
      });
      const { link, owner, oneTimeLink } = access;
      return {
        title: link.title,
        description: link.description,
        owner: { name: owner.name, handle: owner.handle },
        durationsMin: oneTimeLink?.durationMin ? [oneTimeLink.durationMin] : link.durationsMin,
        defaultDurationMin: oneTimeLink?.durationMin ?? link.defaultDurationMin,
        location: { type: link.location.type, value: link.location.type === "custom" ? (link.location.value ?? null) : null },
        timeZone: link.timeZone,
        bookableUntil: isoOrNull(bookableUntilMs(link, nowMs)),
        hostMode: link.hostMode,
        questions: template?.questions ?? [],
        oneTime: oneTimeLink
          ? {
              expiresAt: oneTimeLink.expiresAt.toISOString(),
              slots: oneTimeLink.slotStartsMs?.map((startMs: number) => new Date(startMs).toISOString()) ?? null,
              prefill: { name: oneTimeLink.recipientName, email: oneTimeLink.recipientEmail, company: oneTimeLink.recipientCompany, topic: oneTimeLink.topic },
            }
          : null,
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
    },
    async (request) => {
      const nowMs = deps.clock();
      const access = await openPublicLink(deps.store, refOf(request.params as Record<string, string>), nowMs);
      const { from, to, timeZone, durationMin } = request.query;
      return slotTurns.run(async () => toSlotsView(await listSlots(deps.store, access, { fromMs: from, toMs: to, timeZone, durationMin }, nowMs)));
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
      const key = request.headers["idempotency-key"];
      const idempotency = key ? { scope: `booking:${scopeOf(request.params as Record<string, string>)}`, key, requestHash: requestHashOf(request.body) } : null;
      const replay = async () => {
        const stored = idempotency && (await storedAnswer(deps, idempotency.scope, idempotency.key, idempotency.requestHash));
        return stored ? sendStored(reply, replayedBookedAnswer(deps, deps.publicUrl, stored)) : null;
      };
      const replayed = await replay();
      if (replayed) return replayed;
      const { start, ...rest } = request.body;
      // The stored copy keeps the manage token sealed, never the manage URL.
      const toResponse = (booked: Booked) => bookedAnswerToStore(deps, booked);
      try {
        const booked = await bookMeeting(deps, refOf(request.params as Record<string, string>), { ...rest, startMs: start }, deps.clock(), idempotency ? { ...idempotency, toResponse } : undefined);
        return reply.status(201).send(bookedAnswerOf(deps.publicUrl, booked));
      } catch (error) {
        // A concurrent request with the same key may have won: answer as it did.
        if (idempotency && isConveneError(error) && (error.code === "SLOT_TAKEN" || error.code === "IDEMPOTENCY_KEY_REUSED")) {
          const stored = await replay();
          if (stored) return stored;
        }
        throw error;
      }
    },
  );
}

function sendStored(reply: FastifyReply, stored: { statusCode: number; body: BookedAnswer }) {
  reply.header("idempotent-replayed", "true");
  return reply.status(stored.statusCode).send(stored.body);
}

export const publicLinkRoutes: FastifyPluginAsyncZod<{ context: RouteContext }> = async (app, { context }) => {
  registerPublicLink(app, {
    context,
    prefix: `${PUBLIC_API}/links/:handle/:slug`,
    params: z.object({ handle: z.string().min(1).max(100), slug: z.string().min(1).max(100) }),
    refOf: (params) => ({ handle: params.handle!, slug: params.slug! }),
    scopeOf: (params) => `link:${params.handle}/${params.slug}`,
  });
  registerPublicLink(app, {
    context,
    prefix: `${PUBLIC_API}/one-time/:token`,
    params: z.object({ token: z.string().min(16).max(100) }),
    refOf: (params) => ({ token: params.token! }),
    // The token is a secret: the idempotency table keeps its hash.
    scopeOf: (params) => `one-time:${hashToken(params.token!)}`,
  });
};

