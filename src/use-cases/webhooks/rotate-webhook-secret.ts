// A new secret for an endpoint, shown in this answer only. The old one keeps
// signing beside it for ROTATION_OVERLAP_MS (both signatures in
// webhook-signature), so a receiver can switch without missing a message.
import { ROTATION_OVERLAP_MS } from "../../core/webhooks/webhook-events.js";
import type { WebhookEndpointRecord } from "../ports/webhooks.js";
import { recordAudit, type RequestContext } from "../request-context.js";
import type { WebhookDeps } from "./webhook-deps.js";
import { getWebhookEndpoint } from "./list-webhook-endpoints.js";
import { newWebhookSecret } from "./webhook-secret.js";

export async function rotateWebhookSecret(deps: WebhookDeps, ctx: RequestContext, id: string): Promise<{ endpoint: WebhookEndpointRecord; secret: string }> {
  const { tenantId } = ctx.auth;
  await getWebhookEndpoint(deps, tenantId, id);
  const secret = newWebhookSecret();
  const endpoint = await deps.store.transaction(async (repos) => {
    const current = (await repos.webhookEndpoints.get(tenantId, id))!;
    const updated = (await repos.webhookEndpoints.update(
      tenantId,
      id,
      { secretSealed: deps.secrets.seal(secret), previousSecretSealed: current.secretSealed, previousExpiresAtMs: ctx.nowMs + ROTATION_OVERLAP_MS },
      ctx.nowMs,
    ))!;
    await recordAudit(repos, ctx, "webhook_endpoint.secret_rotated", { type: "webhook_endpoint", id }, { previousExpiresAt: new Date(ctx.nowMs + ROTATION_OVERLAP_MS).toISOString() });
    return updated;
  });
  return { endpoint, secret };
}
