// Changes an endpoint's URL (checked again), events, description, or turns it
// off and on; enabling clears why it was disabled and its failing streak.
import type { WebhookEventType } from "../../core/webhooks/webhook-events.js";
import { changedFields } from "../../core/changes.js";
import type { WebhookEndpointChanges, WebhookEndpointRecord } from "../ports/webhooks.js";
import { recordAudit, type RequestContext } from "../request-context.js";
import type { WebhookDeps } from "./webhook-deps.js";
import { getWebhookEndpoint } from "./list-webhook-endpoints.js";

export type EndpointChangesInput = { url?: string | undefined; eventTypes?: WebhookEventType[] | undefined; description?: string | undefined; isEnabled?: boolean | undefined };

export async function updateWebhookEndpoint(deps: WebhookDeps, ctx: RequestContext, id: string, input: EndpointChangesInput): Promise<WebhookEndpointRecord> {
  const { tenantId } = ctx.auth;
  const current = await getWebhookEndpoint(deps, tenantId, id);
  if (input.url !== undefined && input.url !== current.url) await deps.webhookSender.checkUrl(input.url);
  const changes: WebhookEndpointChanges = {
    ...(input.url !== undefined ? { url: input.url } : {}),
    ...(input.eventTypes !== undefined ? { eventTypes: [...new Set(input.eventTypes)] } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.isEnabled === true && current.disabledAtMs !== null ? { disabledAtMs: null, disabledReason: null, failingSinceMs: null } : {}),
    ...(input.isEnabled === false && current.disabledAtMs === null ? { disabledAtMs: ctx.nowMs, disabledReason: "Disabled by a user." } : {}),
  };
  return deps.store.transaction(async (repos) => {
    const updated = (await repos.webhookEndpoints.update(tenantId, id, changes, ctx.nowMs))!;
    const diff = changedFields({ url: current.url, eventTypes: current.eventTypes, description: current.description, isEnabled: current.disabledAtMs === null }, { url: updated.url, eventTypes: updated.eventTypes, description: updated.description, isEnabled: updated.disabledAtMs === null });
    await recordAudit(repos, ctx, "webhook_endpoint.updated", { type: "webhook_endpoint", id }, diff);
    return updated;
  });
}
