// The outbound webhook channel: each booking event, and each organisation
// event (a lead's status, a calendar connection), becomes one delivery per
// enabled endpoint subscribed to its type. Delivering signs and POSTs the
// message (webhook-id derived from the delivery, so retries and replays carry
// the same one and a receiver can drop what it saw), on the Standard Webhooks
// retry schedule rather than the queue's backoff (DeliveryRetryAt), and one
// booking's (lead's, connection's) messages reach an endpoint in order: a
// message waits while an earlier one of its subject to the endpoint is pending.
import { messageIdOf, nextAttemptDelayMs, parseRetryAfterMs, webhookTypeOf } from "../../core/webhooks/webhook-events.js";
import { attemptWebhook } from "../webhooks/attempt-webhook.js";
import type { WebhookDeps } from "../webhooks/webhook-deps.js";
import { bookingWebhookPayload, orgEventWebhookPayload } from "../webhooks/webhook-payload.js";
import type { TenantId } from "../../core/tenancy.js";
import type { DeliveryRecord } from "../ports/deliveries.js";
import type { WebhookEndpointRecord } from "../ports/webhooks.js";
import { DeliveryRetryAt, type DeliveryChannel } from "./channel.js";

export const WEBHOOKS_CHANNEL = "webhooks";
/** The one thing this channel delivers: "the endpoint has this event". */
export const WEBHOOK_KIND = "webhook";

/** webhooks:<endpoint>:<booking id, or an org event's subject>:<event seq, zero-padded so keys sort in event order>. */
const dedupeKeyOf = (endpointId: string, subject: string, seq: number) => `webhooks:${endpointId}:${subject}:${String(seq).padStart(8, "0")}`;
const partsOf = (dedupeKey: string) => {
  const [, endpointId = "", subject = "", seq = "0"] = dedupeKey.split(":");
  return { endpointId, subject, seq: Number(seq) };
};

/** How soon a message that waits for an earlier one looks again, at the soonest. */
const ORDER_WAIT_MS = 1_000;

export function webhookChannel(deps: WebhookDeps): DeliveryChannel {
  return {
    name: WEBHOOKS_CHANNEL,

    async plan(repos, tenantId, event, booking) {
      const endpoints = await repos.webhookEndpoints.listSubscribed(tenantId, webhookTypeOf(event.type));
      return {
        deliveries: endpoints.map((endpoint) => ({
          kind: WEBHOOK_KIND,
          // The receiver is a program: the log names it by its description or URL.
          recipient: { role: "host" as const, email: "", name: endpoint.description || endpoint.url, timeZone: "UTC" },
          sequence: event.bookingSequence,
          runAtMs: event.occurredAtMs,
          dedupeKey: dedupeKeyOf(endpoint.id, booking.id, event.seq),
        })),
        // Every event is news to a receiver: nothing earlier becomes moot.
        supersedes: [],
      };
    },

    async deliver(tenantId, delivery, event, nowMs) {
      const { endpointId, seq } = partsOf(delivery.dedupeKey);
      const endpoint = await deps.store.webhookEndpoints.get(tenantId, endpointId);
      // Deleted or disabled meanwhile: its log keeps what was sent; enabling it does not resend old messages.
      if (!endpoint || endpoint.disabledAtMs !== null || !event) return "skipped";
      const earlier = (await deps.store.deliveries.listForBooking(tenantId, delivery.bookingId)).filter(
        (other) => other.channel === WEBHOOKS_CHANNEL && other.state === "pending" && partsOf(other.dedupeKey).endpointId === endpointId && partsOf(other.dedupeKey).seq < seq,
      );
      waitForEarlier(earlier, nowMs);
      // A retry sends the message its first attempt sent, whatever the booking became since.
      const first = await deps.store.webhookAttempts.firstOfMessage(tenantId, endpoint.id, messageIdOf(delivery.id));
      const booking = await deps.store.bookings.get(tenantId, delivery.bookingId);
      if (!first && !booking) return "skipped";
      const body = first?.requestBody ?? (await bookingWebhookPayload(deps, deps.store, tenantId, event, booking!));
      return send(tenantId, endpoint, delivery, webhookTypeOf(event.type), body, nowMs);
    },

    async planOrgEvent(repos, tenantId, event) {
      const endpoints = await repos.webhookEndpoints.listSubscribed(tenantId, event.type);
      return endpoints.map((endpoint) => ({
        kind: WEBHOOK_KIND,
        recipient: { role: "host" as const, email: "", name: endpoint.description || endpoint.url, timeZone: "UTC" },
        sequence: event.seq,
        runAtMs: event.occurredAtMs,
        dedupeKey: dedupeKeyOf(endpoint.id, event.subject, event.seq),
      }));
    },

    async deliverOrgEvent(tenantId, delivery, event, nowMs) {
      const { endpointId } = partsOf(delivery.dedupeKey);
      const endpoint = await deps.store.webhookEndpoints.get(tenantId, endpointId);
      if (!endpoint || endpoint.disabledAtMs !== null) return "skipped";
      // One lead's (one connection's) messages in order, as a booking's: the keys sort by seq.
      waitForEarlier(await deps.store.deliveries.listPendingBefore(tenantId, WEBHOOKS_CHANNEL, `webhooks:${endpointId}:${event.subject}:`, delivery.dedupeKey), nowMs);
      // The event holds the facts as they were: a retry or a replay sends the same body.
      return send(tenantId, endpoint, delivery, event.type, orgEventWebhookPayload(event), nowMs);
    },
  };

  /** Signs and sends once; a failure puts the delivery back on the Standard Webhooks schedule (DeliveryRetryAt). */
  async function send(tenantId: TenantId, endpoint: WebhookEndpointRecord, delivery: DeliveryRecord, eventType: string, body: string, nowMs: number): Promise<"sent"> {
    const attemptsMade = delivery.attempts + 1;
    const retryAtOf = (retryAfter: string | null) => {
      const delayMs = nextAttemptDelayMs(attemptsMade, Math.random(), parseRetryAfterMs(retryAfter, nowMs));
      return delayMs === null ? null : nowMs + delayMs;
    };
    // Drawn once (jitter): the time the log shows is the time the retry runs.
    let retryAtMs: number | null = null;
    const message = { deliveryId: delivery.id, messageId: messageIdOf(delivery.id), eventType, body, isReplay: false };
    const { outcome, response } = await attemptWebhook(deps, tenantId, endpoint, message, nowMs, (answer) => (retryAtMs = retryAtOf(answer.retryAfter)));
    if (outcome === "sent") return "sent";
    throw new DeliveryRetryAt(response.error ?? `the receiver answered ${response.status}`, outcome === "gone" ? null : retryAtMs);
  }
}

/** A message waits while an earlier one of its subject to the same endpoint is still pending. */
function waitForEarlier(earlier: readonly DeliveryRecord[], nowMs: number): void {
  if (earlier.length === 0) return;
  const waitUntilMs = Math.max(nowMs + ORDER_WAIT_MS, ...earlier.map((other) => other.runAtMs + 1));
  throw new DeliveryRetryAt("waits for an earlier message of the same subject", waitUntilMs, false);
}
