// Graph change-notification subscriptions for events: create with the validationToken
// handshake, renew, delete, and the change and lifecycle notifications a test sends.
// Limit: notification URLs may be plain http (Graph itself requires https).
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { GraphError, parseBody } from "./microsoft-errors.js";

// Graph's documented maximum for Outlook event subscriptions: under 7 days.
const MAX_EVENT_SUBSCRIPTION_MINUTES = 10_080;

interface Subscription {
  id: string;
  userId: string;
  clientId: string;
  changeType: string;
  notificationUrl: string;
  lifecycleNotificationUrl: string | null;
  resource: string;
  expirationMs: number;
  clientState: string | null;
}

const subscriptionSchema = z.strictObject({
  changeType: z.string().min(1),
  notificationUrl: z.url(),
  lifecycleNotificationUrl: z.url().optional(),
  resource: z.string().min(1),
  expirationDateTime: z.iso.datetime({ offset: true }),
  clientState: z.string().max(128).optional(),
  latestSupportedTlsVersion: z.string().optional(),
});
const renewalSchema = z.strictObject({ expirationDateTime: z.iso.datetime({ offset: true }) });

export class MicrosoftSubscriptions {
  private readonly subscriptions = new Map<string, Subscription>();

  constructor(
    private readonly nowMs: () => number,
    /** How long a notification URL has to echo validationToken (Graph: 10 s). */
    private readonly validationTimeoutMs: number,
    private readonly changeKeyOf: (eventId: string) => string,
  ) {}

  // ---- Graph ----

  list(userId: string): Record<string, unknown> {
    return { value: [...this.subscriptions.values()].filter((s) => s.userId === userId).map(subscriptionJson) };
  }

  async create(userId: string, clientId: string, json: unknown): Promise<Record<string, unknown>> {
    const input = parseBody(subscriptionSchema, json);
    const changeTypes = input.changeType.split(",");
    if (changeTypes.some((type) => !["created", "updated", "deleted"].includes(type))) {
      throw new GraphError(400, "InvalidRequest", `Invalid changeType '${input.changeType}'.`);
    }
    if (!/^\/?(me|users\/[^/]+)(\/calendars\/[^/]+)?\/events$/.test(input.resource)) {
      throw new GraphError(400, "InvalidRequest", `This fake only supports event resources, not '${input.resource}'.`);
    }
    const expirationMs = this.checkedExpiration(input.expirationDateTime);
    await this.validateEndpoint(input.notificationUrl);
    if (input.lifecycleNotificationUrl !== undefined) await this.validateEndpoint(input.lifecycleNotificationUrl);
    const subscription: Subscription = {
      id: randomUUID(),
      userId,
      clientId,
      changeType: input.changeType,
      notificationUrl: input.notificationUrl,
      lifecycleNotificationUrl: input.lifecycleNotificationUrl ?? null,
      resource: input.resource,
      expirationMs,
      clientState: input.clientState ?? null,
    };
    this.subscriptions.set(subscription.id, subscription);
    return subscriptionJson(subscription);
  }

  /** GET, PATCH (renewal) or DELETE of one of the user's subscriptions. */
  handleOne(method: string, userId: string, subscriptionId: string, json: () => unknown): { status: number; body?: unknown } {
    const subscription = this.subscriptions.get(subscriptionId);
    if (subscription === undefined || subscription.userId !== userId) {
      throw new GraphError(404, "ResourceNotFound", "The object was not found.");
    }
    if (method === "GET") return { status: 200, body: subscriptionJson(subscription) };
    if (method === "DELETE") {
      this.subscriptions.delete(subscription.id);
      return { status: 204 };
    }
    const patch = parseBody(renewalSchema, json());
    subscription.expirationMs = this.checkedExpiration(patch.expirationDateTime);
    return { status: 200, body: subscriptionJson(subscription) };
  }

  // ---- test hooks ----

  all(): ReturnType<typeof subscriptionJson>[] {
    return [...this.subscriptions.values()].map(subscriptionJson);
  }

  sendChangeNotification(subscriptionId: string, changeType: "created" | "updated" | "deleted", eventId: string): Promise<number> {
    const subscription = this.requireSubscription(subscriptionId);
    const resource = `Users/${subscription.userId}/Events/${eventId}`;
    return post(subscription.notificationUrl, {
      value: [
        {
          subscriptionId,
          subscriptionExpirationDateTime: new Date(subscription.expirationMs).toISOString(),
          changeType,
          resource,
          resourceData: { "@odata.type": "#Microsoft.Graph.Event", "@odata.id": resource, "@odata.etag": `W/"${this.changeKeyOf(eventId)}"`, id: eventId },
          clientState: subscription.clientState,
          tenantId: "00000000-0000-0000-0000-000000000000",
        },
      ],
    });
  }

  async sendLifecycleNotification(subscriptionId: string, lifecycleEvent: "reauthorizationRequired" | "subscriptionRemoved" | "missed"): Promise<number> {
    const subscription = this.requireSubscription(subscriptionId);
    if (subscription.lifecycleNotificationUrl === null) throw new Error("Fake: the subscription has no lifecycleNotificationUrl");
    if (lifecycleEvent === "subscriptionRemoved") this.subscriptions.delete(subscriptionId);
    return post(subscription.lifecycleNotificationUrl, {
      value: [
        {
          subscriptionId,
          subscriptionExpirationDateTime: new Date(subscription.expirationMs).toISOString(),
          tenantId: "00000000-0000-0000-0000-000000000000",
          clientState: subscription.clientState,
          lifecycleEvent,
        },
      ],
    });
  }

  // ---- internals ----

  private checkedExpiration(text: string): number {
    const expirationMs = Date.parse(text);
    if (expirationMs <= this.nowMs()) throw new GraphError(400, "InvalidRequest", "Subscription expiration can only be in the future.");
    if (expirationMs > this.nowMs() + MAX_EVENT_SUBSCRIPTION_MINUTES * 60_000) {
      throw new GraphError(400, "InvalidRequest", `Subscription expiration can only be ${MAX_EVENT_SUBSCRIPTION_MINUTES} minutes in the future.`);
    }
    return expirationMs;
  }

  private async validateEndpoint(notificationUrl: string): Promise<void> {
    const validationToken = `Validation: Testing client application reachability for subscription Request-Id: ${randomUUID()}`;
    const target = new URL(notificationUrl);
    target.searchParams.set("validationToken", validationToken);
    const refused = new GraphError(400, "ValidationError", "Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.");
    try {
      const response = await fetch(target, { method: "POST", headers: { "content-type": "text/plain" }, signal: AbortSignal.timeout(this.validationTimeoutMs) });
      const text = await response.text();
      if (response.status !== 200 || text !== validationToken) throw refused;
    } catch (error) {
      if (error instanceof GraphError) throw error;
      throw refused;
    }
  }

  private requireSubscription(subscriptionId: string): Subscription {
    const subscription = this.subscriptions.get(subscriptionId);
    if (subscription === undefined) throw new Error(`Fake: no subscription ${subscriptionId}`);
    return subscription;
  }
}

function subscriptionJson(subscription: Subscription): Record<string, unknown> {
  return {
    id: subscription.id,
    resource: subscription.resource,
    applicationId: subscription.clientId,
    changeType: subscription.changeType,
    clientState: subscription.clientState,
    notificationUrl: subscription.notificationUrl,
    lifecycleNotificationUrl: subscription.lifecycleNotificationUrl,
    expirationDateTime: new Date(subscription.expirationMs).toISOString(),
    creatorId: subscription.userId,
    latestSupportedTlsVersion: "v1_2",
    notificationContentType: null,
  };
}

async function post(target: string, body: unknown): Promise<number> {
  const response = await fetch(target, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  await response.arrayBuffer();
  return response.status;
}
