// Inbound sources: the Cal.com and Calendly accounts that send Convene their
// bookings. Secrets (the webhook URL's token, the signing secret) are in the
// answer that makes them only; the backfill runs on demand here and on a schedule.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { INBOUND_PROVIDERS } from "../../core/inbound/external-booking.js";
import { INBOUND_DELIVERY_OUTCOMES } from "../../core/inbound/inbound-delivery.js";
import { backfillSource } from "../../use-cases/inbound/backfill-source.js";
import { createInboundSource } from "../../use-cases/inbound/create-inbound-source.js";
import { deleteInboundSource } from "../../use-cases/inbound/delete-inbound-source.js";
import { describeInboundSource, listInboundSources } from "../../use-cases/inbound/inbound-source-views.js";
import { rotateInboundSecret } from "../../use-cases/inbound/rotate-inbound-secret.js";
import { updateInboundSource } from "../../use-cases/inbound/update-inbound-source.js";
import type { InboundDeliveryRecord, InboundSourceRecord } from "../../use-cases/ports/inbound-sources.js";
import { AUTHENTICATED, contextOf } from "../auth.js";
import type { RouteContext } from "../route-context.js";
import { idParams } from "./params.js";

const iso = (date: Date | null) => date?.toISOString() ?? null;

export const inboundSourceView = z.object({
  id: z.uuid(),
  provider: z.enum(INBOUND_PROVIDERS),
  name: z.string(),
  ownerUserId: z.uuid(),
  hasApiToken: z.boolean().describe("Whether Convene can backfill this source (an API key or token is stored)"),
  isSubscribed: z.boolean().describe("Calendly: Convene created the webhook subscription itself"),
  lastDeliveryAt: z.string().nullable(),
  lastBackfillAt: z.string().nullable(),
  unreachableSince: z.string().nullable().describe("Since when the provider has not answered the backfill; null: it answers"),
  lastError: z.string().nullable(),
  createdAt: z.string(),
});

const deliveryView = z.object({
  id: z.number().int(),
  trigger: z.string().nullable(),
  outcome: z.enum(INBOUND_DELIVERY_OUTCOMES),
  detail: z.string().nullable().describe("Why it was refused, ignored or failed"),
  bookingId: z.uuid().nullable(),
  receivedCount: z.number().int(),
  receivedAt: z.string(),
});

function toSourceView(source: InboundSourceRecord): z.infer<typeof inboundSourceView> {
  return {
    id: source.id,
    provider: source.provider,
    name: source.name,
    ownerUserId: source.ownerUserId,
    hasApiToken: source.apiTokenSealed !== null,
    isSubscribed: source.providerWebhookRef !== null,
    lastDeliveryAt: iso(source.lastDeliveryAt),
    lastBackfillAt: iso(source.lastBackfillAt),
    unreachableSince: iso(source.unreachableSince),
    lastError: source.lastError,
    createdAt: source.createdAt.toISOString(),
  };
}

const toDeliveryView = (delivery: InboundDeliveryRecord): z.infer<typeof deliveryView> => ({ ...delivery, receivedAt: delivery.receivedAt.toISOString() });

const name = z.string().trim().min(1).max(100);
const apiToken = z.string().trim().min(8).max(2000);

export const inboundSourceRoutes: FastifyPluginAsyncZod<{ context: RouteContext }> = async (app, { context }) => {
  const { deps } = context;
  const tags = ["inbound sources"];
  const read = { permission: "inbound.read" as const };
  const write = { permission: "inbound.write" as const };

  app.post(
    "/inbound-sources",
    {
      config: write,
      schema: {
        tags,
        summary: "Connect a Cal.com or Calendly account (the webhook URL and signing secret are in this answer only)",
        description:
          "Cal.com: paste webhookUrl and signingSecret into Settings → Developer → Webhooks. Calendly: with apiToken (a personal access token) Convene creates the webhook subscription itself; if Calendly refuses, its problem is answered and nothing is kept. An apiToken also lets Convene backfill missed deliveries.",
        security: AUTHENTICATED,
        body: z.strictObject({ provider: z.enum(INBOUND_PROVIDERS), name, ownerUserId: z.uuid().optional(), apiToken: apiToken.optional() }),
        response: { 201: z.object({ source: inboundSourceView, webhookUrl: z.string(), signingSecret: z.string().describe("Store it in the provider now: it is never shown again") }) },
      },
    },
    async (request, reply) => {
      const created = await createInboundSource(deps, contextOf(request, deps.clock), request.body);
      return reply.status(201).send({ source: toSourceView(created.source), webhookUrl: created.webhookUrl, signingSecret: created.signingSecret });
    },
  );

  app.get(
    "/inbound-sources",
    { config: read, schema: { tags, summary: "List inbound sources (no secrets)", security: AUTHENTICATED, response: { 200: z.object({ items: z.array(inboundSourceView) }) } } },
    async (request) => ({ items: (await listInboundSources(deps, contextOf(request, deps.clock))).map(toSourceView) }),
  );

  app.get(
    "/inbound-sources/:id",
    {
      config: read,
      schema: {
        tags,
        summary: "One inbound source with its recent deliveries (refused ones with their reason)",
        security: AUTHENTICATED,
        params: idParams,
        response: { 200: inboundSourceView.extend({ deliveries: z.array(deliveryView) }) },
      },
    },
    async (request) => {
      const { source, deliveries } = await describeInboundSource(deps, contextOf(request, deps.clock), request.params.id);
      return { ...toSourceView(source), deliveries: deliveries.map(toDeliveryView) };
    },
  );

  app.patch(
    "/inbound-sources/:id",
    {
      config: write,
      schema: {
        tags,
        summary: "Rename a source or replace its API key or token (null removes it)",
        security: AUTHENTICATED,
        params: idParams,
        body: z.strictObject({ name: name.optional(), apiToken: apiToken.nullable().optional() }),
        response: { 200: inboundSourceView },
      },
    },
    async (request) => toSourceView(await updateInboundSource(deps, contextOf(request, deps.clock), request.params.id, request.body)),
  );

  app.delete(
    "/inbound-sources/:id",
    {
      config: write,
      schema: {
        tags,
        summary: "Remove a source and the bookings it brought (Calendly: its subscription is deleted first, best effort)",
        security: AUTHENTICATED,
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await deleteInboundSource(deps, contextOf(request, deps.clock), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/inbound-sources/:id/rotate-secret",
    {
      config: write,
      schema: {
        tags,
        summary: "Replace the signing secret (the new one is in this answer only; deliveries signed with the old one are refused from now on)",
        security: AUTHENTICATED,
        params: idParams,
        response: { 200: z.object({ signingSecret: z.string() }) },
      },
    },
    async (request) => rotateInboundSecret(deps, contextOf(request, deps.clock), request.params.id),
  );

  app.post(
    "/inbound-sources/:id/backfill",
    {
      config: write,
      schema: {
        tags,
        summary: "Reconcile the source with its provider now (needs an API key or token)",
        security: AUTHENTICATED,
        params: idParams,
        response: { 200: z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() }) },
      },
    },
    async (request) => {
      const ctx = contextOf(request, deps.clock);
      return backfillSource(deps, ctx.auth.tenantId, request.params.id, ctx.nowMs);
    },
  );
};
