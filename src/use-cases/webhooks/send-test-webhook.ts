// Sends a webhook.test message to an endpoint now, whatever it subscribes to
// and even while disabled (to check a fixed receiver before enabling it), and
// answers the attempt. It is sent once: no retries.
import { randomUUID } from "node:crypto";
import { messageIdOf, TEST_EVENT_TYPE } from "../../core/webhooks/webhook-events.js";
import type { WebhookAttemptRecord } from "../ports/webhooks.js";
import { recordAudit, type RequestContext } from "../request-context.js";
import { attemptWebhook } from "./attempt-webhook.js";
import type { WebhookDeps } from "./webhook-deps.js";
import { getWebhookEndpoint } from "./list-webhook-endpoints.js";

export async function sendTestWebhook(deps: WebhookDeps, ctx: RequestContext, id: string): Promise<WebhookAttemptRecord> {
  const endpoint = await getWebhookEndpoint(deps, ctx.auth.tenantId, id);
  const body = JSON.stringify({ type: TEST_EVENT_TYPE, timestamp: new Date(ctx.nowMs).toISOString(), data: { endpointId: endpoint.id, message: "A test message from Convene." } });
  const message = { deliveryId: null, messageId: messageIdOf(randomUUID()), eventType: TEST_EVENT_TYPE, body, isReplay: false };
  const { attempt } = await attemptWebhook(deps, ctx.auth.tenantId, endpoint, message, ctx.nowMs);
  await recordAudit(deps.store, ctx, "webhook_endpoint.tested", { type: "webhook_endpoint", id }, { status: attempt.responseStatus });
  return attempt;
}
