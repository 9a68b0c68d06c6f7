// Outbound webhook endpoints (Standard Webhooks): create (secret shown once),
// list, read, change, delete, rotate the secret, send a test, read the
// delivery log and replay a logged message.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { WEBHOOK_EVENT_TYPES } from "../../core/webhooks/webhook-events.js";
import type { WebhookAttemptRecord, WebhookEndpointRecord } from "../../use-cases/ports/webhooks.js";
import { createWebhookEndpoint } from "../../use-cases/webhooks/create-webhook-endpoint.js";
import { deleteWebhookEndpoint } from "../../use-cases/webhooks/delete-webhook-endpoint.js";
import { listWebhookAttempts } from "../../use-cases/webhooks/list-webhook-attempts.js";
import { getWebhookEndpoint, listWebhookEndpoints } from "../../use-cases/webhooks/list-webhook-endpoints.js";
import { replayWebhookAttempt } from "../../use-cases/webhooks/replay-webhook-attempt.js";
import { rotateWebhookSecret } from "../../use-cases/webhooks/rotate-webhook-secret.js";
import { sendTestWebhook } from "../../use-cases/webhooks/send-test-webhook.js";
import { updateWebhookEndpoint } from "../../use-cases/webhooks/update-webhook-endpoint.js";
import { AUTHENTICATED, contextOf } from "../auth.js";
import type { RouteContext } from "../route-context.js";
import { idParams } from "./params.js";

const TAGS = ["webhooks"];
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const uuid = idParams.shape.id;

const eventTypes = z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1).max(WEBHOOK_EVENT_TYPES.length).describe("The events this endpoint receives");

const endpointView = z.object({
  id: z.uuid(),
  url: z.string(),
  eventTypes: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
  description: z.string(),
  isEnabled: z.boolean(),
  disabledAt: z.string().nullable(),
  disabledReason: z.string().nullable(),
  failingSince: z.string().nullable().describe("The first failure since the last success; five days of failures disable the endpoint"),
  previousSecretExpiresAt: z.string().nullable().describe("After a rotation: until when the previous secret signs too"),
  createdAt: z.string(),
  updatedAt: z.string(),
});

function toEndpointView(endpoint: WebhookEndpointRecord, nowMs: number): z.infer<typeof endpointView> {
  return {
    id: endpoint.id,
    url: endpoint.url,
    eventTypes: endpoint.eventTypes,
    description: endpoint.description,
    isEnabled: endpoint.disabledAtMs === null,
    disabledAt: iso(endpoint.disabledAtMs),
    disabledReason: endpoint.disabledReason,
    failingSince: iso(endpoint.failingSinceMs),
    previousSecretExpiresAt: endpoint.previousExpiresAtMs !== null && endpoint.previousExpiresAtMs > nowMs ? iso(endpoint.previousExpiresAtMs) : null,
    createdAt: new Date(endpoint.createdAtMs).toISOString(),
    updatedAt: new Date(endpoint.updatedAtMs).toISOString(),
  };
}

/** Bytes of the request body the log answers (the whole message is kept for replays). */
const LOGGED_BODY_CHARS = 2048;

const attemptView = z.object({
  id: z.uuid().describe("The log entry: replay it with POST …/deliveries/{id}/replay"),
  deliveryId: z.string().nullable().describe("The booking event's delivery; null for a test message"),
  messageId: z.string().describe("webhook-id: the same on every retry and replay of a message"),
  eventType: z.string(),
  attempt: z.number().int().describe("1 for the first attempt of the message"),
  isReplay: z.boolean(),
  at: z.string(),
  request: z.object({ headers: z.record(z.string(), z.string()), body: z.string(), isBodyTruncated: z.boolean() }),
  response: z.object({ status: z.number().int().nullable(), body: z.string().nullable().describe("At most 2 KB") }),
  durationMs: z.number().int(),
  error: z.string().nullable(),
  nextAttemptAt: z.string().nullable().describe("When this message is tried again after this failure; null: not scheduled"),
});

function toAttemptView(attempt: WebhookAttemptRecord): z.infer<typeof attemptView> {
  return {
    id: attempt.id,
    deliveryId: attempt.deliveryId,
    messageId: attempt.messageId,
    eventType: attempt.eventType,
    attempt: attempt.attemptNo,
    isReplay: attempt.isReplay,
    at: new Date(attempt.atMs).toISOString(),
    request: { headers: attempt.requestHeaders, body: attempt.requestBody.slice(0, LOGGED_BODY_CHARS), isBodyTruncated: attempt.requestBody.length > LOGGED_BODY_CHARS },
    response: { status: attempt.responseStatus, body: attempt.responseBody },
    durationMs: attempt.durationMs,
    error: attempt.error,
    nextAttemptAt: iso(attempt.nextAttemptAtMs),
  };
}

const secretField = z.string().describe("whsec_…: store it now, it is never shown again");

export const webhookRoutes: FastifyPluginAsyncZod<{ context: RouteContext }> = async (app, { context }) => {
  const { deps } = context;

  app.post(
    "/webhooks",
    {
      config: { permission: "webhooks.write" },
      schema: {
        tags: TAGS,
        summary: "Add a webhook endpoint (the signing secret is in this answer only)",
        description: "The URL must be https and must not resolve to a private, loopback or link-local address (unless WEBHOOKS_ALLOW_PRIVATE_URLS=true): WEBHOOK_URL_INVALID, WEBHOOK_URL_PRIVATE.",
        security: AUTHENTICATED,
        body: z.strictObject({ url: z.string().trim().min(1).max(2000), eventTypes, description: z.string().trim().max(500).optional() }),
        response: { 201: endpointView.extend({ secret: secretField }) },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request, deps.clock);
      const { endpoint, secret } = await createWebhookEndpoint(deps, ctx, request.body);
      return reply.status(201).send({ ...toEndpointView(endpoint, ctx.nowMs), secret });
    },
  );

  app.get(
    "/webhooks",
    { config: { permission: "webhooks.read" }, schema: { tags: TAGS, summary: "List the organisation's webhook endpoints", security: AUTHENTICATED, response: { 200: z.object({ items: z.array(endpointView) }) } } },
    async (request) => {
      const ctx = contextOf(request, deps.clock);
      return { items: (await listWebhookEndpoints(deps, ctx)).map((endpoint) => toEndpointView(endpoint, ctx.nowMs)) };
    },
  );

  app.get(
    "/webhooks/:id",
    { config: { permission: "webhooks.read" }, schema: { tags: TAGS, summary: "Read a webhook endpoint", security: AUTHENTICATED, params: idParams, response: { 200: endpointView } } },
    async (request) => {
      const ctx = contextOf(request, deps.clock);
      return toEndpointView(await getWebhookEndpoint(deps, ctx.auth.tenantId, request.params.id), ctx.nowMs);
    },
  );

  app.patch(
    "/webhooks/:id",
    {
      config: { permission: "webhooks.write" },
      schema: {
        tags: TAGS,
        summary: "Change a webhook endpoint, or disable and enable it",
        security: AUTHENTICATED,
        params: idParams,
        body: z.strictObject({ url: z.string().trim().min(1).max(2000).optional(), eventTypes: eventTypes.optional(), description: z.string().trim().max(500).optional(), isEnabled: z.boolean().optional() }),
        response: { 200: endpointView },
      },
    },
    async (request) => {
      const ctx = contextOf(request, deps.clock);
      return toEndpointView(await updateWebhookEndpoint(deps, ctx, request.params.id, request.body), ctx.nowMs);
    },
  );

  app.delete(
    "/webhooks/:id",
    { config: { permission: "webhooks.write" }, schema: { tags: TAGS, summary: "Delete a webhook endpoint and its delivery log", security: AUTHENTICATED, params: idParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await deleteWebhookEndpoint(deps, contextOf(request, deps.clock), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/webhooks/:id/rotate-secret",
    {
      config: { permission: "webhooks.write" },
      schema: {
        tags: TAGS,
        summary: "Make a new signing secret (in this answer only); the old one signs too for 24 hours",
        security: AUTHENTICATED,
        params: idParams,
        response: { 200: endpointView.extend({ secret: secretField }) },
      },
    },
    async (request) => {
      const ctx = contextOf(request, deps.clock);
      const { endpoint, secret } = await rotateWebhookSecret(deps, ctx, request.params.id);
      return { ...toEndpointView(endpoint, ctx.nowMs), secret };
    },
  );

  app.post(
    "/webhooks/:id/test",
    {
      config: { permission: "webhooks.write" },
      schema: { tags: TAGS, summary: "Send a webhook.test message now and answer the attempt", security: AUTHENTICATED, params: idParams, response: { 200: attemptView } },
    },
    async (request) => toAttemptView(await sendTestWebhook(deps, contextOf(request, deps.clock), request.params.id)),
  );

  app.get(
    "/webhooks/:id/deliveries",
    {
      config: { permission: "webhooks.read" },
      schema: {
        tags: TAGS,
        summary: "The endpoint's delivery log: every attempt, newest first",
        security: AUTHENTICATED,
        params: idParams,
        querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50), cursor: z.string().max(200).optional() }),
        response: { 200: z.object({ items: z.array(attemptView), nextCursor: z.string().nullable() }) },
      },
    },
    async (request) => {
      const page = await listWebhookAttempts(deps, contextOf(request, deps.clock), request.params.id, request.query);
      return { items: page.items.map(toAttemptView), nextCursor: page.nextCursor };
    },
  );

  app.post(
    "/webhooks/:id/deliveries/:deliveryId/replay",
    {
      config: { permission: "webhooks.write" },
      schema: {
        tags: TAGS,
        summary: "Send a logged message again now (same body, same webhook-id)",
        security: AUTHENTICATED,
        params: z.object({ id: uuid, deliveryId: uuid }),
        response: { 200: attemptView },
      },
    },
    async (request) => toAttemptView(await replayWebhookAttempt(deps, contextOf(request, deps.clock), request.params.id, request.params.deliveryId)),
  );
};
