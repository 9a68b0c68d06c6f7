// Reading endpoints: the organisation's list, and one by id (another tenant's: NOT_FOUND).
import { ConveneError } from "../../core/errors.js";
import type { TenantId } from "../../core/tenancy.js";
import type { WebhookEndpointRecord } from "../ports/webhooks.js";
import type { UseCaseDeps } from "../ports/store.js";
import type { RequestContext } from "../request-context.js";

export function listWebhookEndpoints(deps: UseCaseDeps, ctx: RequestContext): Promise<WebhookEndpointRecord[]> {
  return deps.store.webhookEndpoints.list(ctx.auth.tenantId);
}

export async function getWebhookEndpoint(deps: UseCaseDeps, tenantId: TenantId, id: string): Promise<WebhookEndpointRecord> {
  const endpoint = await deps.store.webhookEndpoints.get(tenantId, id);
  if (!endpoint) throw new ConveneError("NOT_FOUND", "No such webhook endpoint in this organisation.");
  return endpoint;
}
