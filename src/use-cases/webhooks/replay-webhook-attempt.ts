// Sends a logged message again, now: the same body and the same webhook-id,
// so a receiver that already has it can tell (and one that missed it gets it).
// Works on a disabled endpoint too: replaying what it missed is how an owner
// recovers after fixing the receiver.
import { ConveneError } from "../../core/errors.js";
import type { WebhookAttemptRecord } from "../ports/webhooks.js";
import { recordAudit, type RequestContext } from "../request-context.js";
import { attemptWebhook } from "./attempt-webhook.js";
import type { WebhookDeps } from "./webhook-deps.js";
import { getWebhookEndpoint } from "./list-webhook-endpoints.js";

export async function replayWebhookAttempt(deps: WebhookDeps, ctx: RequestContext, endpointId: string, attemptId: string): Promise<WebhookAttemptRecord> {
  const { tenantId } = ctx.auth;
  const endpoint = await getWebhookEndpoint(deps, tenantId, endpointId);
  const logged = await deps.store.webhookAttempts.get(tenantId, attemptId);
  if (!logged || logged.endpointId !== endpoint.id) throw new ConveneError("NOT_FOUND", "No such delivery in this endpoint's log.");
  const message = { deliveryId: logged.deliveryId, messageId: logged.messageId, eventType: logged.eventType, body: logged.requestBody, isReplay: true };
  const { attempt } = await attemptWebhook(deps, tenantId, endpoint, message, ctx.nowMs);
  await recordAudit(deps.store, ctx, "webhook_endpoint.replayed", { type: "webhook_endpoint", id: endpoint.id }, { messageId: logged.messageId, status: attempt.responseStatus });
  return attempt;
}
