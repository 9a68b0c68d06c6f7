// Owner routes for one-time links: create one for a recipient, list a link's, revoke or email one by token.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { EMAIL_MAX_LENGTH } from "../../core/account/limits.js";
import { MAX_OFFERED_SLOTS, oneTimeLinkStatus } from "../../core/booking/one-time-link.js";
import { createOneTimeLink } from "../../use-cases/one-time-links/create-one-time-link.js";
import { listOneTimeLinks } from "../../use-cases/one-time-links/list-one-time-links.js";
import { revokeOneTimeLink } from "../../use-cases/one-time-links/revoke-one-time-link.js";
import { sendOneTimeLink } from "../../use-cases/one-time-links/send-one-time-link.js";
import type { OneTimeLinkRecord } from "../../use-cases/ports/links.js";
import type { RouteContext } from "../route-context.js";
import { AUTHENTICATED, contextOf } from "../auth.js";
import { oneTimeLinkUrls } from "../../core/public-urls.js";
import { isoInstant } from "./booking-views.js";
import { idParams } from "./params.js";

/** A malformed token answers 404 like an unknown one (see problem.ts), so its shape tells a caller nothing. */
const tokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{16,128}$/) });

/** Optional text where blank means "not given". */
const optionalText = (maxChars: number) =>
  z
    .string()
    .trim()
    .max(maxChars)
    .optional()
    .transform((text) => (text ? text : undefined));

const createBody = z.strictObject({
  recipient: z.strictObject({ email: z.email().max(EMAIL_MAX_LENGTH), name: z.string().trim().min(1).max(200), company: optionalText(200) }),
  topic: optionalText(500).describe("What the meeting is about; shown on the booking page"),
  leadRef: optionalText(200).describe("Your reference for the recipient (CRM id…); never shown to them"),
  expiresAt: isoInstant.optional().describe("Default: 14 days from now; at most a year"),
  durationMin: z.number().int().optional().describe("One of the link's durations; default: the invitee picks"),
  slots: z
    .array(isoInstant)
    .max(MAX_OFFERED_SLOTS * 10)
    .optional()
    .describe(`Up to ${MAX_OFFERED_SLOTS} start times to offer (ISO instants in the future); default: any free slot of the link`),
});

const oneTimeLinkView = z.object({
  id: z.uuid(),
  linkId: z.uuid(),
  token: z.string(),
  bookingUrl: z.string().describe("The recipient's personal booking page"),
  apiUrl: z.string().describe("The public API for the token: GET {apiUrl}, GET {apiUrl}/slots, POST {apiUrl}/bookings"),
  status: z.enum(["pending", "booked", "expired", "revoked"]),
  recipient: z.object({ email: z.string(), name: z.string(), company: z.string().nullable() }),
  topic: z.string().nullable(),
  leadRef: z.string().nullable(),
  durationMin: z.number().nullable(),
  slots: z.array(z.string()).nullable(),
  expiresAt: z.string(),
  createdAt: z.string(),
  bookingId: z.string().nullable(),
  revokedAt: z.string().nullable(),
  emailedAt: z.string().nullable().describe("When Convene last emailed the link to the recipient (POST /one-time/{token}/send); null: never"),
  emailCount: z.number().int().describe("How many times Convene emailed it"),
});

const sendBody = z.strictObject({ message: optionalText(2000).describe("Your own words, added to the email") });

function toOneTimeLinkView(record: OneTimeLinkRecord, publicUrl: string, nowMs: number): z.infer<typeof oneTimeLinkView> {
  return {
    id: record.id,
    linkId: record.linkId,
    token: record.token,
    ...oneTimeLinkUrls(publicUrl, record.token),
    status: oneTimeLinkStatus(record, nowMs),
    recipient: { email: record.recipientEmail, name: record.recipientName, company: record.recipientCompany },
    topic: record.topic,
    leadRef: record.leadRef,
    durationMin: record.durationMin,
    slots: record.slotStartsMs?.map((startMs) => new Date(startMs).toISOString()) ?? null,
    expiresAt: record.expiresAt.toISOString(),
    createdAt: record.createdAt.toISOString(),
    bookingId: record.bookingId,
    revokedAt: record.revokedAt?.toISOString() ?? null,
    emailedAt: record.emailedAt?.toISOString() ?? null,
    emailCount: record.emailCount,
  };
}

export const oneTimeLinkRoutes: FastifyPluginAsyncZod<{ context: RouteContext }> = async (app, { context }) => {
  const { deps } = context;
  const tags = ["one-time links"];

  app.post(
    "/links/:id/one-time",
    {
      config: { permission: "links.write" },
      schema: {
        tags,
        summary: "Create a single-use booking link for one recipient",
        security: AUTHENTICATED,
        params: idParams,
        body: createBody,
        response: { 201: oneTimeLinkView },
      },
    },
    async (request, reply) => {
      const { slots, expiresAt, ...rest } = request.body;
      const ctx = contextOf(request, deps.clock);
      const created = await createOneTimeLink(deps, ctx, request.params.id, { ...rest, slotStartsMs: slots, expiresAtMs: expiresAt });
      return reply.status(201).send(toOneTimeLinkView(created, deps.publicUrl, ctx.nowMs));
    },
  );

  app.get(
    "/links/:id/one-time",
    {
      config: { permission: "links.read" },
      schema: {
        tags,
        summary: "List a link's one-time links with their status, newest first",
        security: AUTHENTICATED,
        params: idParams,
        response: { 200: z.object({ items: z.array(oneTimeLinkView) }) },
      },
    },
    async (request) => {
      const ctx = contextOf(request, deps.clock);
      return { items: (await listOneTimeLinks(deps, ctx, request.params.id)).map((record) => toOneTimeLinkView(record, deps.publicUrl, ctx.nowMs)) };
    },
  );

  app.post(
    "/one-time/:token/revoke",
    {
      config: { permission: "links.write" },
      schema: {
        tags,
        summary: "Revoke a one-time link (again: no change; booked: 409 ONE_TIME_LINK_BOOKED, cancel the booking instead)",
        security: AUTHENTICATED,
        params: tokenParams,
        response: { 200: oneTimeLinkView },
      },
    },
    async (request) => {
      const ctx = contextOf(request, deps.clock);
      return toOneTimeLinkView(await revokeOneTimeLink(deps, ctx, request.params.token), deps.publicUrl, ctx.nowMs);
    },
  );

  app.post(
    "/one-time/:token/send",
    {
      config: { permission: "links.write" },
      schema: {
        tags,
        summary: "Email a one-time link to its recipient (booked, revoked or expired: 409 ONE_TIME_LINK_CLOSED)",
        security: AUTHENTICATED,
        params: tokenParams,
        // A bare POST (no body at all) sends without a message.
        body: sendBody.nullish(),
        response: { 200: oneTimeLinkView },
      },
    },
    async (request) => {
      const ctx = contextOf(request, deps.clock);
      const sent = await sendOneTimeLink(deps, ctx, request.params.token, request.body?.message ?? null);
      return toOneTimeLinkView(sent, deps.publicUrl, ctx.nowMs);
    },
  );
};
