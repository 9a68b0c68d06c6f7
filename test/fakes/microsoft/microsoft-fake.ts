// A strict local fake of the Microsoft identity platform (auth code + PKCE, refresh)
// and the Microsoft Graph v1.0 calendar endpoints, written from Microsoft's public
// documentation so a Convene client can be tested on loopback. This file is the
// server, request log, failure injection and routing; the endpoints live in
// microsoft-identity.ts, microsoft-graph-events.ts and microsoft-subscriptions.ts.
// Limits: one tenant, no id_token, notification URLs may be plain http.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { GraphError, OAuthError, parseJson, sendGraphError, sendJson, sendOAuthError, sendText } from "./microsoft-errors.js";
import { MicrosoftCalendars, type FakeEventInput, type FakeSeriesInput, type User, type Calendar } from "./microsoft-graph-events.js";
import { MicrosoftIdentity, type MicrosoftFakeClient } from "./microsoft-identity.js";
import { MicrosoftPeople, type FakeRelevantPerson } from "./microsoft-people.js";
import { MicrosoftSubscriptions } from "./microsoft-subscriptions.js";
import { preferredTimeZone } from "./microsoft-time-zones.js";

export type { FakeEventInput, FakeSeriesInput } from "./microsoft-graph-events.js";
export type { MicrosoftFakeClient } from "./microsoft-identity.js";

export interface MicrosoftFakeOptions {
  clients: MicrosoftFakeClient[];
  /** The fake's clock; tests drive it instead of sleeping. */
  nowMs?: () => number;
  accessTokenLifetimeSeconds?: number;
  /** How long a notification URL has to echo validationToken (Graph: 10 s). */
  validationTimeoutMs?: number;
  /** A fixed port (the browser test's fakes); default any free one. */
  port?: number;
}

export interface RequestRecord {
  method: string;
  path: string;
  query: Record<string, string>;
}

export type MicrosoftFake = Awaited<ReturnType<typeof startMicrosoftFake>>;

export async function startMicrosoftFake(options: MicrosoftFakeOptions) {
  const nowMs = options.nowMs ?? (() => Date.now());
  const requests: RequestRecord[] = [];
  const injectedFailures: { status: 500 | 429; retryAfterSeconds: number }[] = [];

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      sendJson(response, 500, { error: { code: "generalException", message: String(error) } });
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const calendars = new MicrosoftCalendars(url, nowMs);
  const identity = new MicrosoftIdentity(options.clients, nowMs, options.accessTokenLifetimeSeconds ?? 3599, () => calendars.users.keys().next().value);
  const people = new MicrosoftPeople(nowMs);
  const subscriptions = new MicrosoftSubscriptions(nowMs, options.validationTimeoutMs ?? 10_000, (eventId) => calendars.changeKeyOf(eventId));

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const requestUrl = new URL(request.url ?? "/", url);
    const method = request.method ?? "GET";
    requests.push({ method, path: requestUrl.pathname, query: Object.fromEntries(requestUrl.searchParams) });
    const rawBody = await readBody(request);
    const failure = injectedFailures.shift();
    if (failure !== undefined) {
      const headers: Record<string, string> = failure.status === 429 ? { "retry-after": String(failure.retryAfterSeconds) } : {};
      const code = failure.status === 429 ? "TooManyRequests" : "generalException";
      sendJson(response, failure.status, { error: { code, message: "Injected failure." } }, headers);
      return;
    }
    const path = requestUrl.pathname;
    if (path === "/common/oauth2/v2.0/authorize") {
      if (method !== "GET") return sendText(response, 405, "Method not allowed.");
      return identity.authorize(requestUrl, response);
    }
    if (path === "/common/oauth2/v2.0/token") {
      if (method !== "POST") return sendText(response, 405, "Method not allowed.");
      try {
        return sendJson(response, 200, identity.token(request, rawBody));
      } catch (error) {
        if (!(error instanceof OAuthError)) throw error;
        return sendOAuthError(response, error, nowMs());
      }
    }
    try {
      const result = await graph(method, requestUrl, request, rawBody);
      if (result.status === 204) {
        response.writeHead(204).end();
      } else {
        sendJson(response, result.status, result.body);
      }
    } catch (error) {
      if (!(error instanceof GraphError)) throw error;
      sendGraphError(response, error, nowMs());
    }
  }

  async function graph(method: string, requestUrl: URL, request: IncomingMessage, rawBody: string): Promise<{ status: number; body?: unknown }> {
    const segments = requestUrl.pathname.split("/").filter((segment) => segment !== "").map(decodeURIComponent);
    if (segments[0] !== "v1.0") throw new GraphError(400, "BadRequest", `Invalid version: ${segments[0] ?? ""}`);
    const userId = identity.authenticate(request);
    const route = segments.slice(1);
    const allow = (...methods: string[]): void => {
      if (!methods.includes(method)) throw new GraphError(405, "Request_BadRequest", `The HTTP method '${method}' is not allowed for this resource.`);
    };
    const timeZone = preferredTimeZone(request);
    const fromPeople = people.handle({ method, route, query: requestUrl.searchParams, body: () => parseJson(request, rawBody), userId, scopes: identity.accessScopes(request), baseUrl: url });
    if (fromPeople) return fromPeople;
    if (route.length === 1 && route[0] === "me") {
      allow("GET");
      return { status: 200, body: calendars.me(userId) };
    }
    if (route.length === 2 && route[0] === "me" && route[1] === "calendars") {
      allow("GET");
      return { status: 200, body: calendars.listCalendars(userId) };
    }
    if (route.length === 5 && route[0] === "me" && route[1] === "calendars" && route[3] === "calendarView" && route[4] === "delta") {
      allow("GET");
      const calendar = calendars.ownCalendar(userId, route[2]!);
      return { status: 200, body: calendars.calendarViewDelta(calendar, requestUrl, request, timeZone) };
    }
    if (route.length === 4 && route[0] === "me" && route[1] === "calendars" && route[3] === "events") {
      allow("GET", "POST");
      const calendar = calendars.ownCalendar(userId, route[2]!);
      if (method === "GET") return { status: 200, body: calendars.listEvents(calendar, requestUrl, timeZone) };
      return calendars.createEvent(calendar, parseJson(request, rawBody), timeZone);
    }
    if (route.length === 3 && route[0] === "me" && route[1] === "events") {
      allow("GET", "PATCH", "DELETE");
      const event = calendars.ownEvent(userId, route[2]!);
      if (method === "GET") return { status: 200, body: calendars.eventJson(event, timeZone ?? event.timeZone) };
      const ifMatch = request.headers["if-match"];
      if (method === "DELETE") {
        calendars.removeEvent(event, ifMatch);
        return { status: 204 };
      }
      calendars.patchEvent(event, parseJson(request, rawBody), ifMatch);
      return { status: 200, body: calendars.eventJson(event, timeZone ?? event.timeZone) };
    }
    if (route.length === 1 && route[0] === "subscriptions") {
      allow("POST", "GET");
      if (method === "GET") return { status: 200, body: subscriptions.list(userId) };
      return { status: 201, body: await subscriptions.create(userId, identity.accessClientId(request), parseJson(request, rawBody)) };
    }
    if (route.length === 2 && route[0] === "subscriptions") {
      allow("GET", "PATCH", "DELETE");
      return subscriptions.handleOne(method, userId, route[1]!, () => parseJson(request, rawBody));
    }
    throw new GraphError(400, "BadRequest", `Resource not found for the segment '${route.join("/")}'.`);
  }

  return {
    url,
    /** What a client configures as MICROSOFT_AUTHORITY_URL. */
    authorityUrl: `${url}/common`,
    /** What a client configures as MICROSOFT_GRAPH_URL. */
    graphUrl: url,
    requests: requests as readonly RequestRecord[],
    addUser(input: { id?: string; mail: string; displayName?: string }): User {
      return calendars.addUser(input);
    },
    /** The user the authorize endpoint signs in and auto-consents as (default: the first). */
    signInAs(userId: string): void {
      identity.signedInUserId = calendars.requireUser(userId).id;
    },
    addCalendar(userId: string, input: { id?: string; name: string; isDefaultCalendar?: boolean; canEdit?: boolean }): Calendar {
      return calendars.addCalendar(userId, input);
    },
    addEvent(calendarId: string, input: FakeEventInput): string {
      return calendars.addEvent(calendarId, input);
    },
    /** A recurring series: a seriesMaster (hidden from calendarView) and its expanded occurrences. */
    addSeries(calendarId: string, input: FakeSeriesInput): { seriesMasterId: string; occurrenceIds: string[] } {
      return calendars.addSeries(calendarId, input);
    },
    /** Deletes an event as if the user did it in Outlook: the next delta reports @removed. */
    deleteEvent(eventId: string): void {
      calendars.deleteEvent(eventId);
    },
    /** Edits an event as if the user did it in Outlook (new changeKey; the next delta reports it). */
    editEvent(eventId: string, input: Partial<Pick<FakeEventInput, "subject" | "start" | "end" | "showAs">>): void {
      calendars.editEvent(eventId, input);
    },
    /** Someone the user corresponds with (GET /me/people lists them). */
    addRelevantPerson(userId: string, person: FakeRelevantPerson): void {
      calendars.requireUser(userId);
      people.addRelevantPerson(userId, person);
    },
    /** A saved Outlook contact of the user. */
    addContact(userId: string, contact: { givenName?: string; surname?: string; displayName?: string; email: string }): void {
      calendars.requireUser(userId);
      people.addContact(userId, contact);
    },
    contactsOf(userId: string): ReturnType<MicrosoftPeople["contactsOf"]> {
      return people.contactsOf(userId);
    },
    /** Live events of a calendar, for asserting what a client wrote. */
    eventsOf(calendarId: string): ReturnType<MicrosoftCalendars["eventsOf"]> {
      return calendars.eventsOf(calendarId);
    },
    /** Tokens without the browser flow. */
    issueTokens(userId: string, clientId: string, scope = "offline_access Calendars.ReadWrite"): { accessToken: string; refreshToken: string } {
      calendars.requireUser(userId);
      const issued = identity.issueTokens(userId, clientId, scope);
      return { accessToken: String(issued.access_token), refreshToken: String(issued.refresh_token) };
    },
    expireAccessTokens(): void {
      identity.expireAccessTokens();
    },
    revokeRefreshToken(refreshToken: string): void {
      identity.revokeRefreshToken(refreshToken);
    },
    /** Like /me/revokeSignInSessions: every refresh token of the user stops working. */
    revokeAllRefreshTokens(userId: string): void {
      identity.revokeAllRefreshTokens(userId);
    },
    expireRefreshTokens(): void {
      identity.expireRefreshTokens();
    },
    failNext(count: number, failure: { status: 500 | 429; retryAfterSeconds?: number }): void {
      for (let index = 0; index < count; index += 1) injectedFailures.push({ status: failure.status, retryAfterSeconds: failure.retryAfterSeconds ?? 1 });
    },
    expireDeltaTokens(): void {
      calendars.expireDeltaTokens();
    },
    subscriptions(): Record<string, unknown>[] {
      return subscriptions.all();
    },
    /** POSTs a change notification for an event to the subscriber; resolves with its HTTP status. */
    sendChangeNotification(subscriptionId: string, changeType: "created" | "updated" | "deleted", eventId: string): Promise<number> {
      return subscriptions.sendChangeNotification(subscriptionId, changeType, eventId);
    },
    /** POSTs a lifecycle notification; subscriptionRemoved also drops the subscription, as Graph does. */
    sendLifecycleNotification(subscriptionId: string, lifecycleEvent: "reauthorizationRequired" | "subscriptionRemoved" | "missed"): Promise<number> {
      return subscriptions.sendLifecycleNotification(subscriptionId, lifecycleEvent);
    },
    /** Stops listening (the port then refuses connections), keeping every state, until listenAgain. */
    async stopListening(): Promise<void> {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error === undefined ? resolve() : reject(error))));
    },
    /** Listens again on the same port. */
    async listenAgain(): Promise<void> {
      await new Promise<void>((resolve) => server.listen(Number(new URL(url).port), "127.0.0.1", resolve));
    },
    async stop(): Promise<void> {
      if (!server.listening) return;
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error === undefined ? resolve() : reject(error))));
    },
  };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
