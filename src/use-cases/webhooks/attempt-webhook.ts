// One attempt to hand a message to an endpoint, the same for the channel's
// deliveries, the test message and a replay: sign with the endpoint's secret
// (and the previous one during a rotation's overlap), send, log the attempt,
// and keep the endpoint's health: a success ends a failing streak; 410 Gone
// disables the endpoint at once, and five days of failures without a success
// disable it too — each time its managers are emailed and the audit log says why.
import { FAILING_DISABLE_AFTER_MS } from "../../core/webhooks/webhook-events.js";
import type { TenantId } from "../../core/tenancy.js";
import { sendAccountMail } from "../account/account-mail.js";
import type { WebhookAttemptRecord, WebhookEndpointRecord, WebhookResponse } from "../ports/webhooks.js";
import { recordAudit } from "../request-context.js";
import type { WebhookDeps } from "./webhook-deps.js";

export type WebhookMessage = { deliveryId: string | null; messageId: string; eventType: string; body: string; isReplay: boolean };

export type AttemptOutcome = "sent" | "gone" | "failed";

export function outcomeOf(response: Pick<WebhookResponse, "status">): AttemptOutcome {
  if (response.status !== null && response.status >= 200 && response.status < 300) return "sent";
  return response.status === 410 ? "gone" : "failed";
}

/** The secrets that sign now: the current one, and the previous one until its overlap ends. */
export function signingSecrets(deps: Pick<WebhookDeps, "secrets">, endpoint: WebhookEndpointRecord, nowMs: number): string[] {
  const current = deps.secrets.open(endpoint.secretSealed);
  const isOverlapping = endpoint.previousSecretSealed !== null && endpoint.previousExpiresAtMs !== null && endpoint.previousExpiresAtMs > nowMs;
  return isOverlapping ? [current, deps.secrets.open(endpoint.previousSecretSealed!)] : [current];
}

/**
 * Sends the message once and logs it. nextAttemptAtOf says when the caller
 * will try again after this response (null: it will not), for the log.
 */
export async function attemptWebhook(
  deps: WebhookDeps,
  tenantId: TenantId,
  endpoint: WebhookEndpointRecord,
  message: WebhookMessage,
  nowMs: number,
  nextAttemptAtOf: (response: WebhookResponse) => number | null = () => null,
): Promise<{ attempt: WebhookAttemptRecord; outcome: AttemptOutcome; response: WebhookResponse }> {
  const response = await deps.webhookSender.send({ url: endpoint.url, messageId: message.messageId, body: message.body, secrets: signingSecrets(deps, endpoint, nowMs) });
  const outcome = outcomeOf(response);
  const attemptNo = (await deps.store.webhookAttempts.countOfMessage(tenantId, endpoint.id, message.messageId)) + 1;
  const attempt = await deps.store.webhookAttempts.add(tenantId, {
    endpointId: endpoint.id,
    deliveryId: message.deliveryId,
    messageId: message.messageId,
    eventType: message.eventType,
    attemptNo,
    requestHeaders: response.requestHeaders,
    requestBody: message.body,
    responseStatus: response.status,
    responseBody: response.body,
    durationMs: response.durationMs,
    error: response.error ?? (outcome === "sent" ? null : `HTTP ${response.status}`),
    atMs: nowMs,
    nextAttemptAtMs: outcome === "failed" ? nextAttemptAtOf(response) : null,
    isReplay: message.isReplay,
  });
  await keepHealth(deps, tenantId, endpoint, outcome, nowMs);
  return { attempt, outcome, response };
}

async function keepHealth(deps: WebhookDeps, tenantId: TenantId, endpoint: WebhookEndpointRecord, outcome: AttemptOutcome, nowMs: number): Promise<void> {
  if (outcome === "sent") {
    if (endpoint.failingSinceMs !== null) await deps.store.webhookEndpoints.update(tenantId, endpoint.id, { failingSinceMs: null }, nowMs);
    return;
  }
  if (outcome === "gone") return disableEndpoint(deps, tenantId, endpoint, "The receiver answered 410 Gone: it asked not to be sent webhooks any more.", nowMs);
  const failingSinceMs = await deps.store.webhookEndpoints.markFailing(tenantId, endpoint.id, nowMs);
  if (nowMs - failingSinceMs >= FAILING_DISABLE_AFTER_MS) {
    await disableEndpoint(deps, tenantId, endpoint, `Every delivery failed for five days (since ${new Date(failingSinceMs).toISOString()}).`, nowMs);
  }
}

async function disableEndpoint(deps: WebhookDeps, tenantId: TenantId, endpoint: WebhookEndpointRecord, reason: string, nowMs: number): Promise<void> {
  const disabled = await deps.store.transaction(async (repos) => {
    const current = await repos.webhookEndpoints.get(tenantId, endpoint.id);
    if (!current || current.disabledAtMs !== null) return false;
    await repos.webhookEndpoints.update(tenantId, endpoint.id, { disabledAtMs: nowMs, disabledReason: reason }, nowMs);
    await recordAudit(repos, { auth: { tenantId, actor: { type: "system", id: null } }, ip: null, nowMs }, "webhook_endpoint.disabled", { type: "webhook_endpoint", id: endpoint.id }, { reason });
    return true;
  });
  // Told once: only the attempt that disabled it emails.
  if (disabled) await tellManagers(deps, tenantId, endpoint, reason, nowMs);
}

async function tellManagers(deps: WebhookDeps, tenantId: TenantId, endpoint: WebhookEndpointRecord, reason: string, nowMs: number): Promise<void> {
  const managers = (await deps.store.users.list(tenantId)).filter((user) => user.role === "owner" || user.role === "admin");
  for (const manager of managers) {
    await sendAccountMail(deps, {
      tenantId,
      to: { name: manager.name, email: manager.email },
      subject: `Webhook endpoint disabled: ${endpoint.url}`,
      paragraphs: [`Convene stopped sending webhooks to ${endpoint.url}. ${reason}`, "Fix the receiver, then enable the endpoint again; you can replay the messages it missed from its delivery log."],
      actions: [{ label: "Open webhooks", url: `${deps.publicUrl}/dashboard/webhooks` }],
      idempotencyKey: `webhook-disabled:${endpoint.id}:${nowMs}:${manager.id}`,
    }).catch(() => undefined);
  }
}
