// A strict local fake of Calendly's API v2 for the backfill and the webhook
// subscription, written from developer.calendly.com/api-docs: Get current user,
// List Events, List Event Invitees, Create / Delete Webhook Subscription, with
// Calendly's error shape {title, message, details?}. It can also send signed
// webhook deliveries to a subscribed URL, as Calendly does ("Webhook Signatures").
// Reach it through CALENDLY_API_URL = fake.baseUrl.
import { randomUUID } from "node:crypto";
import { startProviderFakeServer, type FakeAnswer, type LoggedProviderRequest, type OutageMode } from "../provider-fake-server.js";
import { CALENDLY_API_ORIGIN, calendlyDeliveryBody, calendlyEvent, calendlyInvitee, calendlySignature, type InviteeFixture, type InviteeState } from "./webhook-payloads.js";

export type CalendlyFakeUser = { token: string; uuid: string; email: string; isOrganizationAdmin?: boolean };

export type CalendlySubscription = {
  uri: string;
  callback_url: string;
  events: string[];
  scope: "user" | "organization" | "group";
  organization: string;
  user: string | null;
  signing_key: string | null;
  state: "active";
};

export type CalendlyDeliveryResult = { callbackUrl: string; status: number; body: string };

export interface CalendlyFake {
  baseUrl: string;
  addUser(user: CalendlyFakeUser): { uri: string; organization: string };
  /** Puts (or replaces) an invitee of an event hosted by `hostToken`'s user; the event is made on first use. */
  putInvitee(hostToken: string, fixture: InviteeFixture, state?: InviteeState): void;
  subscriptions(): CalendlySubscription[];
  /** Signs {event, created_at, created_by, payload} with each matching subscription's key and POSTs it to its URL. */
  deliver(eventName: string, payload: Record<string, unknown>, options?: { atMs?: number }): Promise<CalendlyDeliveryResult[]>;
  /** The next `count` API requests answer this status (429 with Retry-After in seconds). */
  failNext(count: number, failure: { status: 500 | 503 } | { status: 429; retryAfterSeconds: number }): void;
  setOutage(mode: OutageMode | null): Promise<void>;
  requests(): LoggedProviderRequest[];
  stop(): Promise<void>;
}

const ORGANIZATION = `${CALENDLY_API_ORIGIN}/organizations/ORGFAKE000000001`;
const EVENT_NAMES = ["invitee.created", "invitee.canceled", "invitee_no_show.created", "invitee_no_show.deleted", "routing_form_submission.created", "event_type.created", "event_type.updated", "event_type.deleted"];
const EVENTS_QUERY = new Set(["user", "organization", "group", "invitee_email", "status", "sort", "min_start_time", "max_start_time", "page_token", "count"]);
const INVITEES_QUERY = new Set(["count", "email", "page_token", "sort", "status"]);
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$/;

const unauthenticated: FakeAnswer = { status: 401, body: { title: "Unauthenticated", message: "The access token is invalid" } };
const permissionDenied = (message = "You do not have permission to access this resource."): FakeAnswer => ({ status: 403, body: { title: "Permission Denied", message } });
const notFound: FakeAnswer = { status: 404, body: { title: "Resource Not Found", message: "The server could not find the requested resource." } };
const invalid = (details: Array<{ parameter: string; message: string }>): FakeAnswer => ({ status: 400, body: { title: "Invalid Argument", message: "The supplied parameters are invalid.", details } });

type StoredEvent = { hostUri: string; fixture: InviteeFixture; invitees: Map<string, { fixture: InviteeFixture; state: InviteeState }> };

export async function startCalendlyFake(options: { allowLoopbackCallbacks?: boolean } = {}): Promise<CalendlyFake> {
  const users = new Map<string, CalendlyFakeUser & { uri: string }>();
  const events = new Map<string, StoredEvent>();
  const subscriptions = new Map<string, CalendlySubscription & { creator: string }>();
  const failures: FakeAnswer[] = [];

  const userOf = (request: LoggedProviderRequest) => {
    const match = /^Bearer (\S+)$/.exec(request.headers.authorization ?? "");
    return match ? users.get(match[1]!) : undefined;
  };

  function handle(request: LoggedProviderRequest): FakeAnswer {
    const injected = failures.shift();
    if (injected) return injected;
    const user = userOf(request);
    if (!user) return unauthenticated;
    const { method, path, query } = request;
    if (method === "GET" && path === "/users/me") {
      return { status: 200, body: { resource: { uri: user.uri, email: user.email, name: user.email, slug: user.uuid.toLowerCase(), timezone: "UTC", current_organization: ORGANIZATION, resource_type: "User" } } };
    }
    if (method === "GET" && path === "/scheduled_events") return listEvents(user, query);
    const invitees = /^\/scheduled_events\/([^/]+)\/invitees$/.exec(path);
    if (method === "GET" && invitees) return listInvitees(user, decodeURIComponent(invitees[1]!), query);
    if (method === "POST" && path === "/webhook_subscriptions") return createSubscription(user, request);
    const subscription = /^\/webhook_subscriptions\/([^/]+)$/.exec(path);
    if (method === "DELETE" && subscription) {
      const uri = `${CALENDLY_API_ORIGIN}/webhook_subscriptions/${decodeURIComponent(subscription[1]!)}`;
      const found = subscriptions.get(uri);
      if (!found) return notFound;
      if (found.creator !== user.uri) return permissionDenied();
      subscriptions.delete(uri);
      return { status: 204 };
    }
    return notFound;
  }

  function checkQuery(query: Record<string, string>, allowed: Set<string>): FakeAnswer | null {
    const details: Array<{ parameter: string; message: string }> = [];
    for (const name of Object.keys(query)) if (!allowed.has(name)) details.push({ parameter: name, message: "is not a permitted parameter" });
    for (const name of ["min_start_time", "max_start_time"]) if (query[name] !== undefined && !ISO_8601.test(query[name]!)) details.push({ parameter: name, message: "must be a valid ISO 8601 datetime" });
    if (query.count !== undefined && !(/^\d+$/.test(query.count) && Number(query.count) >= 1 && Number(query.count) <= 100)) details.push({ parameter: "count", message: "must be between 1 and 100" });
    if (query.status !== undefined && !["active", "canceled"].includes(query.status)) details.push({ parameter: "status", message: "must be one of active, canceled" });
    return details.length ? invalid(details) : null;
  }

  function page<T>(items: T[], query: Record<string, string>, path: string): FakeAnswer {
    const count = Number(query.count ?? 20);
    let offset = 0;
    if (query.page_token !== undefined) {
      const decoded = Number(Buffer.from(query.page_token, "base64url").toString("utf8").replace(/^offset:/, ""));
      if (!Number.isInteger(decoded) || decoded < 0) return invalid([{ parameter: "page_token", message: "is invalid" }]);
      offset = decoded;
    }
    const slice = items.slice(offset, offset + count);
    const hasNext = offset + count < items.length;
    const nextToken = hasNext ? Buffer.from(`offset:${offset + count}`).toString("base64url") : null;
    const nextPage = nextToken ? `${CALENDLY_API_ORIGIN}${path}?${new URLSearchParams({ ...query, page_token: nextToken }).toString()}` : null;
    return { status: 200, body: { collection: slice, pagination: { count: slice.length, next_page: nextPage, previous_page: null, next_page_token: nextToken, previous_page_token: null } } };
  }

  function listEvents(user: CalendlyFakeUser & { uri: string }, query: Record<string, string>): FakeAnswer {
    const bad = checkQuery(query, EVENTS_QUERY);
    if (bad) return bad;
    if (query.user === undefined && query.organization === undefined && query.group === undefined) return invalid([{ parameter: "user", message: "one of user, organization or group is required" }]);
    if (query.organization !== undefined && !user.isOrganizationAdmin) return permissionDenied("This user is not authorized to perform this action");
    if (query.user !== undefined && query.user !== user.uri && !user.isOrganizationAdmin) return permissionDenied("This user is not authorized to perform this action");
    const minMs = query.min_start_time ? Date.parse(query.min_start_time) : -Infinity;
    const maxMs = query.max_start_time ? Date.parse(query.max_start_time) : Infinity;
    const selected = [...events.values()]
      .filter((event) => (query.user ? event.hostUri === query.user : true))
      .filter((event) => event.fixture.startMs >= minMs && event.fixture.startMs < maxMs)
      .map((event) => ({ event, status: [...event.invitees.values()].some((invitee) => invitee.state.status !== "canceled") ? ("active" as const) : ("canceled" as const) }))
      .filter(({ status }) => query.status === undefined || status === query.status)
      .sort((a, b) => (query.sort === "start_time:desc" ? -1 : 1) * (a.event.fixture.startMs - b.event.fixture.startMs))
      .map(({ event, status }) => calendlyEvent(event.fixture, { status }));
    return page(selected, query, "/scheduled_events");
  }

  function listInvitees(user: CalendlyFakeUser & { uri: string }, uuid: string, query: Record<string, string>): FakeAnswer {
    const bad = checkQuery(query, INVITEES_QUERY);
    if (bad) return bad;
    const event = events.get(uuid);
    if (!event) return notFound;
    if (event.hostUri !== user.uri && !user.isOrganizationAdmin) return permissionDenied();
    const selected = [...event.invitees.values()]
      .filter(({ state }) => query.status === undefined || (state.status ?? "active") === query.status)
      .map(({ fixture, state }) => calendlyInvitee(fixture, state));
    return page(selected, query, `/scheduled_events/${uuid}/invitees`);
  }

  function createSubscription(user: CalendlyFakeUser & { uri: string }, request: LoggedProviderRequest): FakeAnswer {
    if (!(request.headers["content-type"] ?? "").startsWith("application/json") || typeof request.body !== "object" || request.body === null) {
      return invalid([{ parameter: "body", message: "must be a JSON object" }]);
    }
    const body = request.body as Record<string, unknown>;
    const details: Array<{ parameter: string; message: string }> = [];
    const url = typeof body.url === "string" ? safeUrl(body.url) : null;
    const isLoopback = url?.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname) && options.allowLoopbackCallbacks;
    if (!url || (url.protocol !== "https:" && !isLoopback)) details.push({ parameter: "url", message: "must be a valid https URL" });
    const events = Array.isArray(body.events) ? body.events : null;
    if (!events || events.length === 0 || !events.every((name) => typeof name === "string" && EVENT_NAMES.includes(name))) details.push({ parameter: "events", message: `must be a non-empty list of ${EVENT_NAMES.join(", ")}` });
    if (body.organization !== ORGANIZATION) details.push({ parameter: "organization", message: "must be the URI of the user's current organization" });
    if (!["user", "organization", "group"].includes(body.scope as string)) details.push({ parameter: "scope", message: "must be one of user, organization, group" });
    if (body.scope === "user" && body.user !== user.uri) details.push({ parameter: "user", message: "is required for user scope and must be the authenticated user" });
    if (body.signing_key !== undefined && (typeof body.signing_key !== "string" || body.signing_key.length === 0)) details.push({ parameter: "signing_key", message: "must be a string" });
    if (details.length) return invalid(details);
    if (body.scope !== "user" && !user.isOrganizationAdmin) return permissionDenied("This user is not authorized to perform this action");
    if (events!.includes("routing_form_submission.created") && body.scope !== "organization") {
      return invalid([{ parameter: "scope", message: "routing_form_submission.created is only allowed for organization scope" }]);
    }
    const duplicate = [...subscriptions.values()].some((existing) => existing.callback_url === url!.href && existing.user === (body.user ?? null));
    if (duplicate) return { status: 409, body: { title: "Already Exists", message: "Hook with this url already exists" } };
    const uri = `${CALENDLY_API_ORIGIN}/webhook_subscriptions/${randomUUID()}`;
    const stored = {
      uri,
      callback_url: url!.href,
      events: events as string[],
      scope: body.scope as CalendlySubscription["scope"],
      organization: ORGANIZATION,
      user: body.scope === "user" ? user.uri : null,
      signing_key: (body.signing_key as string | undefined) ?? null,
      state: "active" as const,
      creator: user.uri,
    };
    subscriptions.set(uri, stored);
    const now = new Date().toISOString();
    const { signing_key: _secret, ...visible } = stored;
    return { status: 201, body: { resource: { ...visible, group: null, created_at: now, updated_at: now, retry_started_at: null } } };
  }

  const server = await startProviderFakeServer(handle, { title: "Service Unavailable", message: "The service is temporarily unavailable." });

  return {
    baseUrl: server.baseUrl,
    addUser(user) {
      const uri = `${CALENDLY_API_ORIGIN}/users/${user.uuid}`;
      users.set(user.token, { ...user, uri });
      return { uri, organization: ORGANIZATION };
    },
    putInvitee(hostToken, fixture, state = {}) {
      const host = users.get(hostToken);
      if (!host) throw new Error(`calendly fake: no user with token ${hostToken}`);
      const withHost = { ...fixture, hostEmail: host.email, hostUserUri: host.uri };
      const event = events.get(fixture.eventUuid) ?? { hostUri: host.uri, fixture: withHost, invitees: new Map() };
      event.invitees.set(fixture.inviteeUuid, { fixture: withHost, state });
      events.set(fixture.eventUuid, event);
    },
    subscriptions: () => [...subscriptions.values()].map(({ creator: _creator, ...subscription }) => subscription),
    async deliver(eventName, payload, deliverOptions = {}) {
      const atMs = deliverOptions.atMs ?? Date.now();
      const results: CalendlyDeliveryResult[] = [];
      for (const subscription of subscriptions.values()) {
        if (!subscription.events.includes(eventName)) continue;
        const rawBody = calendlyDeliveryBody(eventName, payload, atMs, subscription.creator);
        const headers: Record<string, string> = { "content-type": "application/json", "user-agent": "Calendly" };
        // Without a signing key Calendly sends no signature header.
        if (subscription.signing_key) headers["calendly-webhook-signature"] = calendlySignature(rawBody, subscription.signing_key, atMs);
        const response = await fetch(subscription.callback_url, { method: "POST", headers, body: rawBody, redirect: "manual" });
        results.push({ callbackUrl: subscription.callback_url, status: response.status, body: await response.text() });
      }
      return results;
    },
    failNext(count, failure) {
      for (let index = 0; index < count; index += 1) {
        failures.push(
          failure.status === 429
            ? { status: 429, headers: { "retry-after": String(failure.retryAfterSeconds) }, body: { title: "Too Many Requests", message: "Rate limit exceeded" } }
            : { status: failure.status, body: { title: "Internal Server Error", message: "The server encountered an unexpected condition that prevented it from fulfilling the request." } },
        );
      }
    },
    setOutage: (mode) => server.setOutage(mode),
    requests: () => server.requests(),
    stop: () => server.stop(),
  };
}

function safeUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}
