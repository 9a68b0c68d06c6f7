// Adds an endpoint: its URL checked (where the host resolves, too), a secret
// made, sealed at rest, and shown in this answer only.
import type { WebhookEventType } from "../../core/webhooks/webhook-events.js";
import type { WebhookEndpointRecord } from "../ports/webhooks.js";
import { recordAudit, type RequestContext } from "../request-context.js";
import type { WebhookDeps } from "./webhook-deps.js";
import { newWebhookSecret } from "./webhook-secret.js";

export type NewEndpointInput = { url: string; eventTypes: WebhookEventType[]; description?: string | undefined };

export async function createWebhookEndpoint(deps: WebhookDeps, ctx: RequestContext, input: NewEndpointInput): Promise<{ endpoint: WebhookEndpointRecord; secret: string }> {
  await deps.webhookSender.checkUrl(input.url);
  const secret = newWebhookSecret();
  const endpoint = await deps.store.transaction(async (repos) => {
    const created = await repos.webhookEndpoints.create(ctx.auth.tenantId, {
      url: input.url,
      eventTypes: [...new Set(input.eventTypes)],
      description: input.description ?? "",
      secretSealed: deps.secrets.seal(secret),
      createdByUserId: ctx.auth.userId,
      createdAtMs: ctx.nowMs,
    });
    await recordAudit(repos, ctx, "webhook_endpoint.created", { type: "webhook_endpoint", id: created.id }, { url: created.url, eventTypes: created.eventTypes });
    return created;
  });
  return { endpoint, secret };
}
