// A strict local fake of the Microsoft identity platform (auth code + PKCE, refresh)
// and the Microsoft Graph v1.0 calendar endpoints, written from Microsoft's public
// documentation so a Convene client can be tested on loopback. Limits: one tenant,
// no id_token, notification URLs may be plain http (Graph itself requires https).
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Temporal } from "temporal-polyfill";
import { z } from "zod";

export interface MicrosoftFakeClient {
  clientId: string;
  redirectUris: string[];
  /** A confidential (web) client must send it; a public client has none. */
  clientSecret?: string;
}

export interface MicrosoftFakeOptions {
  clients: MicrosoftFakeClient[];
  /** The fake's clock; tests drive it instead of sleeping. */
  nowMs?: () => number;
  accessTokenLifetimeSeconds?: number;
  /** How long a notification URL has to echo validationToken (Graph: 10 s). */
  validationTimeoutMs?: number;
}

export interface RequestRecord {
  method: string;
  path: string;
  query: Record<string, string>;
}

export interface FakeEventInput {
  subject: string;
  /** ISO instants, e.g. 2024-05-01T09:00:00Z. */
  start: string;
  end: string;
  showAs?: ShowAs;
  isAllDay?: boolean;
}

export interface FakeSeriesInput extends FakeEventInput {
  count: number;
  everyDays: number;
}

const SHOW_AS = ["free", "tentative", "busy", "oof", "workingElsewhere", "unknown"] as const;
type ShowAs = (typeof SHOW_AS)[number];
const PROVIDERS = ["unknown", "teamsForBusiness", "skypeForBusiness", "skypeForConsumer"] as const;
type OnlineMeetingProvider = (typeof PROVIDERS)[number];

// Graph's documented maximum for Outlook event subscriptions: under 7 days.
const MAX_EVENT_SUBSCRIPTION_MINUTES = 10_080;
const AUTH_CODE_LIFETIME_MS = 10 * 60_000;
const DEFAULT_DELTA_PAGE_SIZE = 10;

// Windows zone names Outlook uses, mapped to IANA; IANA names are accepted as well.
const WINDOWS_ZONES: Record<string, string> = {
  UTC: "UTC",
  "Pacific Standard Time": "America/Los_Angeles",
  "Mountain Standard Time": "America/Denver",
  "Central Standard Time": "America/Chicago",
  "Eastern Standard Time": "America/New_York",
  "GMT Standard Time": "Europe/London",
  "W. Europe Standard Time": "Europe/Berlin",
  "Romance Standard Time": "Europe/Paris",
  "India Standard Time": "Asia/Kolkata",
  "Tokyo Standard Time": "Asia/Tokyo",
  "AUS Eastern Standard Time": "Australia/Sydney",
};

interface User {
  id: string;
  mail: string;
  displayName: string;
}
interface Calendar {
  id: string;
  userId: string;
  name: string;
  isDefaultCalendar: boolean;
}
interface StoredEvent {
  id: string;
  userId: string;
  calendarId: string;
  subject: string;
  startMs: number;
  endMs: number;
  /** The zone the event was written in: echoed back on create/update responses. */
  timeZone: string;
  showAs: ShowAs;
  isAllDay: boolean;
  type: "singleInstance" | "occurrence" | "seriesMaster";
  seriesMasterId: string | null;
  transactionId: string | null;
  isOnlineMeeting: boolean;
  onlineMeetingProvider: OnlineMeetingProvider;
  joinUrl: string | null;
  body: { contentType: "text" | "html"; content: string };
  attendees: unknown[];
  location: { displayName: string };
  createdMs: number;
  modifiedMs: number;
  changeKey: string;
  /** Position in the fake's change sequence: delta tokens remember the last one seen. */
  sequence: number;
  isDeleted: boolean;
}
interface DeltaWindow {
  userId: string;
  calendarId: string;
  startMs: number;
  endMs: number;
}
interface SkipState extends DeltaWindow {
  items: unknown[];
  offset: number;
  sequence: number;
  isExpired: boolean;
}
interface DeltaState extends DeltaWindow {
  sequence: number;
  isExpired: boolean;
}
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

class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

class OAuthError extends Error {
  constructor(
    readonly error: string,
    readonly aadsts: number,
    readonly description: string,
    readonly status = 400,
  ) {
    super(description);
  }
}

export type MicrosoftFake = Awaited<ReturnType<typeof startMicrosoftFake>>;

export async function startMicrosoftFake(options: MicrosoftFakeOptions) {
  const nowMs = options.nowMs ?? (() => Date.now());
  const accessTokenLifetimeSeconds = options.accessTokenLifetimeSeconds ?? 3599;
  const validationTimeoutMs = options.validationTimeoutMs ?? 10_000;
  const clients = new Map(options.clients.map((client) => [client.clientId, client]));

  const users = new Map<string, User>();
  const calendars = new Map<string, Calendar>();
  const events = new Map<string, StoredEvent>();
  const authCodes = new Map<
    string,
    { clientId: string; redirectUri: string; scope: string; challenge: string | null; userId: string; expiresMs: number; isRedeemed: boolean }
  >();
  const accessTokens = new Map<string, { userId: string; clientId: string; expiresMs: number }>();
  const refreshTokens = new Map<string, { userId: string; clientId: string; scope: string; isRevoked: boolean; isExpired: boolean }>();
  const skipStates = new Map<string, SkipState>();
  const deltaStates = new Map<string, DeltaState>();
  const subscriptions = new Map<string, Subscription>();
  const requests: RequestRecord[] = [];
  const injectedFailures: { status: 500 | 429; retryAfterSeconds: number }[] = [];
  let signedInUserId: string | null = null;
  let sequence = 0;

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      sendJson(response, 500, { error: { code: "generalException", message: String(error) } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

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
      return authorize(requestUrl, response);
    }
    if (path === "/common/oauth2/v2.0/token") {
      if (method !== "POST") return sendText(response, 405, "Method not allowed.");
      try {
        return sendJson(response, 200, token(request, rawBody));
      } catch (error) {
        if (!(error instanceof OAuthError)) throw error;
        return sendJson(response, error.status, {
          error: error.error,
          error_description: `AADSTS${error.aadsts}: ${error.description}`,
          error_codes: [error.aadsts],
          timestamp: new Date(nowMs()).toISOString(),
          trace_id: randomUUID(),
          correlation_id: randomUUID(),
        });
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
      const headers = { ...error.headers };
      sendJson(
        response,
        error.status,
        { error: { code: error.code, message: error.message, innerError: { date: new Date(nowMs()).toISOString(), "request-id": randomUUID() } } },
        headers,
      );
    }
  }

  // ---- identity platform ----

  function authorize(requestUrl: URL, response: ServerResponse): void {
    const query = requestUrl.searchParams;
    const client = clients.get(query.get("client_id") ?? "");
    // An unknown client or unregistered redirect URI is shown as an error page: no redirect.
    if (client === undefined) {
      return sendText(response, 400, "AADSTS700016: Application with identifier was not found in the directory.");
    }
    const redirectUri = query.get("redirect_uri") ?? "";
    if (!client.redirectUris.includes(redirectUri)) {
      return sendText(response, 400, "AADSTS50011: The redirect URI specified in the request does not match the redirect URIs configured for the application.");
    }
    const state = query.get("state");
    const fail = (error: string, description: string): void => {
      const target = new URL(redirectUri);
      target.searchParams.set("error", error);
      target.searchParams.set("error_description", description);
      if (state !== null) target.searchParams.set("state", state);
      response.writeHead(302, { location: target.toString() }).end();
    };
    if (query.get("response_type") !== "code") return fail("unsupported_response_type", "AADSTS700054: response_type must be code.");
    const scope = query.get("scope") ?? "";
    if (scope.trim() === "") return fail("invalid_request", "AADSTS900144: The request body must contain the following parameter: 'scope'.");
    const challenge = query.get("code_challenge");
    const challengeMethod = query.get("code_challenge_method");
    if (challenge !== null && challengeMethod !== "S256") {
      return fail("invalid_request", "AADSTS501491: Invalid code_challenge_method: only S256 is accepted by this fake.");
    }
    const userId = signedInUserId ?? users.keys().next().value;
    if (userId === undefined) return sendText(response, 400, "Fake: no user to sign in.");
    const code = randomBytes(24).toString("base64url");
    authCodes.set(code, { clientId: client.clientId, redirectUri, scope, challenge, userId, expiresMs: nowMs() + AUTH_CODE_LIFETIME_MS, isRedeemed: false });
    const target = new URL(redirectUri);
    target.searchParams.set("code", code);
    if (state !== null) target.searchParams.set("state", state);
    response.writeHead(302, { location: target.toString() }).end();
  }

  function token(request: IncomingMessage, rawBody: string): Record<string, unknown> {
    if (!(request.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")) {
      throw new OAuthError("invalid_request", 900144, "The request body must be application/x-www-form-urlencoded.");
    }
    const form = new URLSearchParams(rawBody);
    const client = clients.get(form.get("client_id") ?? "");
    if (client === undefined) throw new OAuthError("unauthorized_client", 700016, "Application was not found in the directory.");
    if (client.clientSecret !== undefined) {
      const secret = form.get("client_secret");
      if (secret === null) throw new OAuthError("invalid_client", 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.", 401);
      if (secret !== client.clientSecret) throw new OAuthError("invalid_client", 7000215, "Invalid client secret provided.", 401);
    }
    const grantType = form.get("grant_type");
    if (grantType === "authorization_code") {
      const code = authCodes.get(form.get("code") ?? "");
      if (code === undefined || code.clientId !== client.clientId) throw new OAuthError("invalid_grant", 9002313, "Invalid request. Request is malformed or invalid.");
      if (code.isRedeemed) throw new OAuthError("invalid_grant", 54005, "OAuth2 Authorization code was already redeemed.");
      if (nowMs() > code.expiresMs) throw new OAuthError("invalid_grant", 70008, "The provided authorization code or refresh token has expired due to inactivity.");
      if (form.get("redirect_uri") !== code.redirectUri) throw new OAuthError("invalid_grant", 50011, "The redirect URI does not match the one used in the authorization request.");
      if (code.challenge !== null) {
        const verifier = form.get("code_verifier") ?? "";
        if (createHash("sha256").update(verifier).digest("base64url") !== code.challenge) {
          throw new OAuthError("invalid_grant", 501481, "The Code_Verifier does not match the code_challenge supplied in the authorization request.");
        }
      }
      code.isRedeemed = true;
      return issueTokens(code.userId, client.clientId, code.scope);
    }
    if (grantType === "refresh_token") {
      const presented = form.get("refresh_token");
      if (presented === null) throw new OAuthError("invalid_request", 900144, "The request body must contain the following parameter: 'refresh_token'.");
      const grant = refreshTokens.get(presented);
      if (grant === undefined || grant.clientId !== client.clientId) throw new OAuthError("invalid_grant", 9002313, "Invalid request. Request is malformed or invalid.");
      if (grant.isRevoked) throw new OAuthError("invalid_grant", 50173, "The provided grant has expired due to it being revoked, a fresh auth token is needed.");
      if (grant.isExpired) throw new OAuthError("invalid_grant", 70008, "The provided authorization code or refresh token has expired due to inactivity.");
      // Microsoft returns a fresh refresh token on every use and documents that the old
      // one is NOT revoked: it keeps working until it expires or is revoked.
      return issueTokens(grant.userId, client.clientId, form.get("scope") ?? grant.scope);
    }
    throw new OAuthError("unsupported_grant_type", 70003, `The app requested an unsupported grant type '${grantType ?? ""}'.`);
  }

  function issueTokens(userId: string, clientId: string, scope: string): Record<string, unknown> {
    const accessToken = `fake-at.${randomBytes(24).toString("base64url")}`;
    accessTokens.set(accessToken, { userId, clientId, expiresMs: nowMs() + accessTokenLifetimeSeconds * 1000 });
    const result: Record<string, unknown> = {
      token_type: "Bearer",
      scope,
      expires_in: accessTokenLifetimeSeconds,
      ext_expires_in: accessTokenLifetimeSeconds,
      access_token: accessToken,
    };
    if (scope.split(" ").includes("offline_access")) {
      const refreshToken = `fake-rt.${randomBytes(32).toString("base64url")}`;
      refreshTokens.set(refreshToken, { userId, clientId, scope, isRevoked: false, isExpired: false });
      result.refresh_token = refreshToken;
    }
    return result;
  }

  // ---- Graph ----

  function authenticate(request: IncomingMessage): string {
    const header = request.headers.authorization ?? "";
    const unauthorized = (message: string): GraphError =>
      new GraphError(401, "InvalidAuthenticationToken", message, { "www-authenticate": 'Bearer realm="", error="invalid_token"' });
    if (!header.startsWith("Bearer ")) throw unauthorized("Access token is empty.");
    const grant = accessTokens.get(header.slice("Bearer ".length));
    if (grant === undefined) throw unauthorized("IDX14100: JWT is not well formed.");
    if (nowMs() >= grant.expiresMs) throw unauthorized("Lifetime validation failed, the token is expired.");
    return grant.userId;
  }

  async function graph(method: string, requestUrl: URL, request: IncomingMessage, rawBody: string): Promise<{ status: number; body?: unknown }> {
    const segments = requestUrl.pathname.split("/").filter((segment) => segment !== "").map(decodeURIComponent);
    if (segments[0] !== "v1.0") throw new GraphError(400, "BadRequest", `Invalid version: ${segments[0] ?? ""}`);
    const userId = authenticate(request);
    const route = segments.slice(1);
    const allow = (...methods: string[]): void => {
      if (!methods.includes(method)) throw new GraphError(405, "Request_BadRequest", `The HTTP method '${method}' is not allowed for this resource.`);
    };
    const timeZone = preferredTimeZone(request);
    if (route.length === 1 && route[0] === "me") {
      allow("GET");
      const user = users.get(userId)!;
      return { status: 200, body: { id: user.id, displayName: user.displayName, mail: user.mail, userPrincipalName: user.mail } };
    }
    if (route.length === 2 && route[0] === "me" && route[1] === "calendars") {
      allow("GET");
      const value = [...calendars.values()].filter((calendar) => calendar.userId === userId).map((calendar) => calendarJson(calendar));
      return { status: 200, body: { "@odata.context": `${url}/v1.0/$metadata#users('${userId}')/calendars`, value } };
    }
    if (route.length === 5 && route[0] === "me" && route[1] === "calendars" && route[3] === "calendarView" && route[4] === "delta") {
      allow("GET");
      const calendar = ownCalendar(userId, route[2]!);
      return { status: 200, body: calendarViewDelta(calendar, requestUrl, request, timeZone) };
    }
    if (route.length === 4 && route[0] === "me" && route[1] === "calendars" && route[3] === "events") {
      allow("POST");
      const calendar = ownCalendar(userId, route[2]!);
      return createEvent(calendar, parseJson(request, rawBody), timeZone);
    }
    if (route.length === 3 && route[0] === "me" && route[1] === "events") {
      allow("GET", "PATCH", "DELETE");
      const event = events.get(route[2]!);
      if (event === undefined || event.isDeleted || event.userId !== userId) {
        throw new GraphError(404, "ErrorItemNotFound", "The specified object was not found in the store.");
      }
      if (method === "GET") return { status: 200, body: eventJson(event, timeZone ?? event.timeZone) };
      if (method === "DELETE") {
        event.isDeleted = true;
        touch(event);
        return { status: 204 };
      }
      const patch = parseBody(eventPatchSchema, parseJson(request, rawBody));
      applyEventFields(event, patch);
      touch(event);
      return { status: 200, body: eventJson(event, timeZone ?? event.timeZone) };
    }
    if (route.length === 1 && route[0] === "subscriptions") {
      allow("POST", "GET");
      if (method === "GET") {
        return { status: 200, body: { value: [...subscriptions.values()].filter((s) => s.userId === userId).map(subscriptionJson) } };
      }
      return { status: 201, body: subscriptionJson(await createSubscription(userId, accessClientId(request), parseJson(request, rawBody))) };
    }
    if (route.length === 2 && route[0] === "subscriptions") {
      allow("GET", "PATCH", "DELETE");
      const subscription = subscriptions.get(route[1]!);
      if (subscription === undefined || subscription.userId !== userId) {
        throw new GraphError(404, "ResourceNotFound", "The object was not found.");
      }
      if (method === "GET") return { status: 200, body: subscriptionJson(subscription) };
      if (method === "DELETE") {
        subscriptions.delete(subscription.id);
        return { status: 204 };
      }
      const patch = parseBody(z.strictObject({ expirationDateTime: z.iso.datetime({ offset: true }) }), parseJson(request, rawBody));
      subscription.expirationMs = checkedExpiration(patch.expirationDateTime);
      return { status: 200, body: subscriptionJson(subscription) };
    }
    throw new GraphError(400, "BadRequest", `Resource not found for the segment '${route.join("/")}'.`);
  }

  function accessClientId(request: IncomingMessage): string {
    return accessTokens.get((request.headers.authorization ?? "").slice("Bearer ".length))!.clientId;
  }

  function ownCalendar(userId: string, calendarId: string): Calendar {
    const calendar = calendars.get(calendarId);
    if (calendar === undefined || calendar.userId !== userId) throw new GraphError(404, "ErrorItemNotFound", "The specified object was not found in the store.");
    return calendar;
  }

  function preferredTimeZone(request: IncomingMessage): string | null {
    const prefer = String(request.headers.prefer ?? "");
    const match = /outlook\.timezone="([^"]+)"/.exec(prefer);
    if (match === null) return null;
    ianaZone(match[1]!);
    return match[1]!;
  }

  function calendarViewDelta(calendar: Calendar, requestUrl: URL, request: IncomingMessage, timeZone: string | null): Record<string, unknown> {
    const query = requestUrl.searchParams;
    const maxPageSize = Number(/odata\.maxpagesize=(\d+)/.exec(String(request.headers.prefer ?? ""))?.[1] ?? DEFAULT_DELTA_PAGE_SIZE);
    const skipToken = query.get("$skiptoken");
    const deltaToken = query.get("$deltatoken");
    const zone = timeZone ?? "UTC";
    let state: SkipState;
    if (skipToken !== null) {
      const found = skipStates.get(skipToken);
      if (found === undefined || found.isExpired || found.calendarId !== calendar.id) throw syncStateGone();
      state = found;
      skipStates.delete(skipToken);
    } else if (deltaToken !== null) {
      const found = deltaStates.get(deltaToken);
      if (found === undefined || found.isExpired || found.calendarId !== calendar.id) throw syncStateGone();
      const changed = calendarEvents(calendar).filter((event) => event.sequence > found.sequence && event.type !== "seriesMaster");
      const items = changed.map((event) =>
        event.isDeleted || !overlaps(event, found) ? { "@odata.type": "#microsoft.graph.event", id: event.id, "@removed": { reason: "deleted" } } : eventJson(event, zone),
      );
      state = { ...found, items, offset: 0, sequence, isExpired: false };
    } else {
      const startText = query.get("startDateTime");
      const endText = query.get("endDateTime");
      if (startText === null || endText === null) {
        throw new GraphError(400, "ErrorInvalidParameter", "This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.");
      }
      const window = { userId: calendar.userId, calendarId: calendar.id, startMs: parseQueryInstant(startText), endMs: parseQueryInstant(endText) };
      const items = calendarEvents(calendar)
        .filter((event) => !event.isDeleted && event.type !== "seriesMaster" && overlaps(event, window))
        .sort((a, b) => a.startMs - b.startMs)
        .map((event) => eventJson(event, zone));
      state = { ...window, items, offset: 0, sequence, isExpired: false };
    }
    const page = state.items.slice(state.offset, state.offset + maxPageSize);
    const base = `${url}/v1.0/me/calendars/${encodeURIComponent(calendar.id)}/calendarView/delta`;
    const body: Record<string, unknown> = { "@odata.context": `${url}/v1.0/$metadata#Collection(event)`, value: page };
    if (state.offset + maxPageSize < state.items.length) {
      const next = randomBytes(16).toString("base64url");
      skipStates.set(next, { ...state, offset: state.offset + maxPageSize });
      body["@odata.nextLink"] = `${base}?$skiptoken=${next}`;
    } else {
      const next = randomBytes(16).toString("base64url");
      deltaStates.set(next, { userId: state.userId, calendarId: state.calendarId, startMs: state.startMs, endMs: state.endMs, sequence: state.sequence, isExpired: false });
      body["@odata.deltaLink"] = `${base}?$deltatoken=${next}`;
    }
    return body;
  }

  function syncStateGone(): GraphError {
    return new GraphError(410, "SyncStateNotFound", "The sync state generation is not found or has expired. Please perform a full resync (resyncRequired).");
  }

  function calendarEvents(calendar: Calendar): StoredEvent[] {
    return [...events.values()].filter((event) => event.calendarId === calendar.id);
  }

  function createEvent(calendar: Calendar, json: unknown, timeZone: string | null): { status: number; body: unknown } {
    const input = parseBody(eventCreateSchema, json);
    if (input.transactionId !== undefined) {
      const existing = [...events.values()].find((event) => event.userId === calendar.userId && event.transactionId === input.transactionId && !event.isDeleted);
      if (existing !== undefined) return { status: 201, body: eventJson(existing, timeZone ?? existing.timeZone) };
    }
    const event = newEvent(calendar, { subject: input.subject ?? "", startMs: 0, endMs: 0, timeZone: input.start.timeZone });
    event.transactionId = input.transactionId ?? null;
    applyEventFields(event, input);
    touch(event);
    events.set(event.id, event);
    return { status: 201, body: eventJson(event, timeZone ?? event.timeZone) };
  }

  function applyEventFields(event: StoredEvent, input: z.infer<typeof eventPatchSchema>): void {
    if (input.subject !== undefined) event.subject = input.subject;
    if (input.body !== undefined) event.body = input.body;
    if (input.showAs !== undefined) event.showAs = input.showAs;
    if (input.isAllDay !== undefined) event.isAllDay = input.isAllDay;
    if (input.attendees !== undefined) event.attendees = input.attendees;
    if (input.location !== undefined) event.location = { displayName: input.location.displayName ?? "" };
    if (input.start !== undefined) {
      event.startMs = toEpochMs(input.start);
      event.timeZone = input.start.timeZone;
    }
    if (input.end !== undefined) event.endMs = toEpochMs(input.end);
    if (event.endMs < event.startMs) throw new GraphError(400, "ErrorInvalidRequest", "The end time of the event is before its start time.");
    if (input.onlineMeetingProvider !== undefined) event.onlineMeetingProvider = input.onlineMeetingProvider;
    if (input.isOnlineMeeting !== undefined) event.isOnlineMeeting = input.isOnlineMeeting;
    if (event.isOnlineMeeting && event.onlineMeetingProvider === "unknown") event.onlineMeetingProvider = "teamsForBusiness";
    if (event.isOnlineMeeting && event.onlineMeetingProvider === "teamsForBusiness" && event.joinUrl === null) {
      event.joinUrl = `https://teams.microsoft.com/l/meetup-join/19%3ameeting_${randomBytes(12).toString("base64url")}%40thread.v2/0`;
    }
    if (!event.isOnlineMeeting) event.joinUrl = null;
  }

  function touch(event: StoredEvent): void {
    sequence += 1;
    event.sequence = sequence;
    event.modifiedMs = nowMs();
    event.changeKey = randomBytes(12).toString("base64");
  }

  function newEvent(calendar: Calendar, fields: { subject: string; startMs: number; endMs: number; timeZone: string }): StoredEvent {
    return {
      id: `AAMk${randomBytes(18).toString("base64url")}`,
      userId: calendar.userId,
      calendarId: calendar.id,
      ...fields,
      showAs: "busy",
      isAllDay: false,
      type: "singleInstance",
      seriesMasterId: null,
      transactionId: null,
      isOnlineMeeting: false,
      onlineMeetingProvider: "unknown",
      joinUrl: null,
      body: { contentType: "html", content: "" },
      attendees: [],
      location: { displayName: "" },
      createdMs: nowMs(),
      modifiedMs: nowMs(),
      changeKey: "",
      sequence: 0,
      isDeleted: false,
    };
  }

  function eventJson(event: StoredEvent, timeZone: string): Record<string, unknown> {
    return {
      "@odata.etag": `W/"${event.changeKey}"`,
      id: event.id,
      createdDateTime: new Date(event.createdMs).toISOString(),
      lastModifiedDateTime: new Date(event.modifiedMs).toISOString(),
      changeKey: event.changeKey,
      transactionId: event.transactionId,
      iCalUId: `040000008200E00074C5B7101A82E008${event.id.slice(4, 20)}`,
      subject: event.subject,
      body: event.body,
      start: { dateTime: formatInZone(event.startMs, timeZone), timeZone },
      end: { dateTime: formatInZone(event.endMs, timeZone), timeZone },
      isAllDay: event.isAllDay,
      isCancelled: false,
      showAs: event.showAs,
      type: event.type,
      seriesMasterId: event.seriesMasterId,
      isOnlineMeeting: event.isOnlineMeeting,
      onlineMeetingProvider: event.onlineMeetingProvider,
      onlineMeeting: event.joinUrl === null ? null : { joinUrl: event.joinUrl },
      location: event.location,
      attendees: event.attendees,
      organizer: { emailAddress: { name: users.get(event.userId)!.displayName, address: users.get(event.userId)!.mail } },
    };
  }

  function calendarJson(calendar: Calendar): Record<string, unknown> {
    const owner = users.get(calendar.userId)!;
    return {
      id: calendar.id,
      name: calendar.name,
      color: "auto",
      hexColor: "",
      isDefaultCalendar: calendar.isDefaultCalendar,
      canEdit: true,
      canShare: true,
      canViewPrivateItems: true,
      isRemovable: !calendar.isDefaultCalendar,
      allowedOnlineMeetingProviders: ["teamsForBusiness"],
      defaultOnlineMeetingProvider: "teamsForBusiness",
      owner: { name: owner.displayName, address: owner.mail },
    };
  }

  // ---- subscriptions ----

  async function createSubscription(userId: string, clientId: string, json: unknown): Promise<Subscription> {
    const input = parseBody(subscriptionSchema, json);
    const changeTypes = input.changeType.split(",");
    if (changeTypes.some((type) => !["created", "updated", "deleted"].includes(type))) {
      throw new GraphError(400, "InvalidRequest", `Invalid changeType '${input.changeType}'.`);
    }
    if (!/^\/?(me|users\/[^/]+)(\/calendars\/[^/]+)?\/events$/.test(input.resource)) {
      throw new GraphError(400, "InvalidRequest", `This fake only supports event resources, not '${input.resource}'.`);
    }
    const expirationMs = checkedExpiration(input.expirationDateTime);
    await validateEndpoint(input.notificationUrl);
    if (input.lifecycleNotificationUrl !== undefined) await validateEndpoint(input.lifecycleNotificationUrl);
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
    subscriptions.set(subscription.id, subscription);
    return subscription;
  }

  function checkedExpiration(text: string): number {
    const expirationMs = Date.parse(text);
    if (expirationMs <= nowMs()) throw new GraphError(400, "InvalidRequest", "Subscription expiration can only be in the future.");
    if (expirationMs > nowMs() + MAX_EVENT_SUBSCRIPTION_MINUTES * 60_000) {
      throw new GraphError(400, "InvalidRequest", `Subscription expiration can only be ${MAX_EVENT_SUBSCRIPTION_MINUTES} minutes in the future.`);
    }
    return expirationMs;
  }

  async function validateEndpoint(notificationUrl: string): Promise<void> {
    const validationToken = `Validation: Testing client application reachability for subscription Request-Id: ${randomUUID()}`;
    const target = new URL(notificationUrl);
    target.searchParams.set("validationToken", validationToken);
    const refused = new GraphError(400, "ValidationError", "Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.");
    try {
      const response = await fetch(target, { method: "POST", headers: { "content-type": "text/plain" }, signal: AbortSignal.timeout(validationTimeoutMs) });
      const text = await response.text();
      if (response.status !== 200 || text !== validationToken) throw refused;
    } catch (error) {
      if (error instanceof GraphError) throw error;
      throw refused;
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

  function requireSubscription(subscriptionId: string): Subscription {
    const subscription = subscriptions.get(subscriptionId);
    if (subscription === undefined) throw new Error(`Fake: no subscription ${subscriptionId}`);
    return subscription;
  }

  // ---- test hooks ----

  function requireUser(userId: string): User {
    const user = users.get(userId);
    if (user === undefined) throw new Error(`Fake: no user ${userId}`);
    return user;
  }

  function requireCalendar(calendarId: string): Calendar {
    const calendar = calendars.get(calendarId);
    if (calendar === undefined) throw new Error(`Fake: no calendar ${calendarId}`);
    return calendar;
  }

  return {
    url,
    /** What a client configures as MICROSOFT_AUTHORITY_URL. */
    authorityUrl: `${url}/common`,
    /** What a client configures as MICROSOFT_GRAPH_URL. */
    graphUrl: url,
    requests: requests as readonly RequestRecord[],
    addUser(input: { id?: string; mail: string; displayName?: string }): User {
      const user = { id: input.id ?? randomUUID(), mail: input.mail, displayName: input.displayName ?? input.mail };
      users.set(user.id, user);
      return user;
    },
    /** The user the authorize endpoint signs in and auto-consents as (default: the first). */
    signInAs(userId: string): void {
      signedInUserId = requireUser(userId).id;
    },
    addCalendar(userId: string, input: { id?: string; name: string; isDefaultCalendar?: boolean }): Calendar {
      requireUser(userId);
      const calendar = { id: input.id ?? `AAMkCal${randomBytes(12).toString("base64url")}`, userId, name: input.name, isDefaultCalendar: input.isDefaultCalendar ?? false };
      calendars.set(calendar.id, calendar);
      return calendar;
    },
    addEvent(calendarId: string, input: FakeEventInput): string {
      const event = newEvent(requireCalendar(calendarId), { subject: input.subject, startMs: Date.parse(input.start), endMs: Date.parse(input.end), timeZone: "UTC" });
      event.showAs = input.showAs ?? "busy";
      event.isAllDay = input.isAllDay ?? false;
      touch(event);
      events.set(event.id, event);
      return event.id;
    },
    /** A recurring series: a seriesMaster (hidden from calendarView) and its expanded occurrences. */
    addSeries(calendarId: string, input: FakeSeriesInput): { seriesMasterId: string; occurrenceIds: string[] } {
      const calendar = requireCalendar(calendarId);
      const startMs = Date.parse(input.start);
      const durationMs = Date.parse(input.end) - startMs;
      const master = newEvent(calendar, { subject: input.subject, startMs, endMs: startMs + durationMs, timeZone: "UTC" });
      master.type = "seriesMaster";
      touch(master);
      events.set(master.id, master);
      const occurrenceIds: string[] = [];
      for (let index = 0; index < input.count; index += 1) {
        const occurrenceStartMs = startMs + index * input.everyDays * 86_400_000;
        const occurrence = newEvent(calendar, { subject: input.subject, startMs: occurrenceStartMs, endMs: occurrenceStartMs + durationMs, timeZone: "UTC" });
        occurrence.type = "occurrence";
        occurrence.seriesMasterId = master.id;
        occurrence.showAs = input.showAs ?? "busy";
        touch(occurrence);
        events.set(occurrence.id, occurrence);
        occurrenceIds.push(occurrence.id);
      }
      return { seriesMasterId: master.id, occurrenceIds };
    },
    /** Deletes an event as if the user did it in Outlook: the next delta reports @removed. */
    deleteEvent(eventId: string): void {
      const event = events.get(eventId);
      if (event === undefined) throw new Error(`Fake: no event ${eventId}`);
      event.isDeleted = true;
      touch(event);
    },
    /** Live events of a calendar, for asserting what a client wrote. */
    eventsOf(calendarId: string): Array<{ id: string; subject: string; startMs: number; endMs: number; transactionId: string | null; showAs: ShowAs }> {
      return calendarEvents(requireCalendar(calendarId))
        .filter((event) => !event.isDeleted)
        .map(({ id, subject, startMs, endMs, transactionId, showAs }) => ({ id, subject, startMs, endMs, transactionId, showAs }));
    },
    /** Tokens without the browser flow. */
    issueTokens(userId: string, clientId: string, scope = "offline_access Calendars.ReadWrite"): { accessToken: string; refreshToken: string } {
      requireUser(userId);
      const issued = issueTokens(userId, clientId, scope);
      return { accessToken: String(issued.access_token), refreshToken: String(issued.refresh_token) };
    },
    expireAccessTokens(): void {
      for (const grant of accessTokens.values()) grant.expiresMs = nowMs();
    },
    revokeRefreshToken(refreshToken: string): void {
      const grant = refreshTokens.get(refreshToken);
      if (grant === undefined) throw new Error("Fake: unknown refresh token");
      grant.isRevoked = true;
    },
    /** Like /me/revokeSignInSessions: every refresh token of the user stops working. */
    revokeAllRefreshTokens(userId: string): void {
      for (const grant of refreshTokens.values()) if (grant.userId === userId) grant.isRevoked = true;
    },
    expireRefreshTokens(): void {
      for (const grant of refreshTokens.values()) grant.isExpired = true;
    },
    failNext(count: number, failure: { status: 500 | 429; retryAfterSeconds?: number }): void {
      for (let index = 0; index < count; index += 1) injectedFailures.push({ status: failure.status, retryAfterSeconds: failure.retryAfterSeconds ?? 1 });
    },
    expireDeltaTokens(): void {
      for (const state of deltaStates.values()) state.isExpired = true;
      for (const state of skipStates.values()) state.isExpired = true;
    },
    subscriptions(): ReturnType<typeof subscriptionJson>[] {
      return [...subscriptions.values()].map(subscriptionJson);
    },
    /** POSTs a change notification for an event to the subscriber; resolves with its HTTP status. */
    sendChangeNotification(subscriptionId: string, changeType: "created" | "updated" | "deleted", eventId: string): Promise<number> {
      const subscription = requireSubscription(subscriptionId);
      const resource = `Users/${subscription.userId}/Events/${eventId}`;
      return post(subscription.notificationUrl, {
        value: [
          {
            subscriptionId,
            subscriptionExpirationDateTime: new Date(subscription.expirationMs).toISOString(),
            changeType,
            resource,
            resourceData: { "@odata.type": "#Microsoft.Graph.Event", "@odata.id": resource, "@odata.etag": `W/"${events.get(eventId)?.changeKey ?? ""}"`, id: eventId },
            clientState: subscription.clientState,
            tenantId: "00000000-0000-0000-0000-000000000000",
          },
        ],
      });
    },
    /** POSTs a lifecycle notification; subscriptionRemoved also drops the subscription, as Graph does. */
    async sendLifecycleNotification(subscriptionId: string, lifecycleEvent: "reauthorizationRequired" | "subscriptionRemoved" | "missed"): Promise<number> {
      const subscription = requireSubscription(subscriptionId);
      if (subscription.lifecycleNotificationUrl === null) throw new Error("Fake: the subscription has no lifecycleNotificationUrl");
      if (lifecycleEvent === "subscriptionRemoved") subscriptions.delete(subscriptionId);
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
    },
    async stop(): Promise<void> {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error === undefined ? resolve() : reject(error))));
    },
  };
}

// ---- request bodies (strict: Graph rejects unknown properties) ----

const dateTimeTimeZone = z.strictObject({ dateTime: z.string().min(1), timeZone: z.string().min(1) });
const eventFields = {
  subject: z.string().optional(),
  body: z.strictObject({ contentType: z.enum(["text", "html"]), content: z.string() }).optional(),
  showAs: z.enum(SHOW_AS).optional(),
  isAllDay: z.boolean().optional(),
  isOnlineMeeting: z.boolean().optional(),
  onlineMeetingProvider: z.enum(PROVIDERS).optional(),
  attendees: z
    .array(z.strictObject({ emailAddress: z.strictObject({ address: z.string().min(1), name: z.string().optional() }), type: z.enum(["required", "optional", "resource"]) }))
    .optional(),
  location: z.looseObject({ displayName: z.string().optional() }).optional(),
  reminderMinutesBeforeStart: z.number().int().optional(),
  isReminderOn: z.boolean().optional(),
  responseRequested: z.boolean().optional(),
  allowNewTimeProposals: z.boolean().optional(),
  sensitivity: z.enum(["normal", "personal", "private", "confidential"]).optional(),
  categories: z.array(z.string()).optional(),
};
const eventCreateSchema = z.strictObject({ ...eventFields, start: dateTimeTimeZone, end: dateTimeTimeZone, transactionId: z.string().min(1).optional() });
const eventPatchSchema = z.strictObject({ ...eventFields, start: dateTimeTimeZone.optional(), end: dateTimeTimeZone.optional() });
const subscriptionSchema = z.strictObject({
  changeType: z.string().min(1),
  notificationUrl: z.url(),
  lifecycleNotificationUrl: z.url().optional(),
  resource: z.string().min(1),
  expirationDateTime: z.iso.datetime({ offset: true }),
  clientState: z.string().max(128).optional(),
  latestSupportedTlsVersion: z.string().optional(),
});

function parseJson(request: IncomingMessage, rawBody: string): unknown {
  if (!(request.headers["content-type"] ?? "").startsWith("application/json")) {
    throw new GraphError(415, "UnsupportedMediaType", "A supported MIME type could not be found that matches the content type of the response.");
  }
  try {
    return JSON.parse(rawBody) as unknown;
  } catch {
    throw new GraphError(400, "BadRequest", "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.");
  }
}

function parseBody<T extends z.ZodType>(schema: T, json: unknown): z.infer<T> {
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new GraphError(400, "RequestBodyRead", `Invalid request body at '${issue.path.join(".")}': ${issue.message}`);
  }
  return parsed.data;
}

function ianaZone(timeZone: string): string {
  const iana = WINDOWS_ZONES[timeZone] ?? timeZone;
  try {
    Temporal.Now.zonedDateTimeISO(iana);
  } catch {
    throw new GraphError(400, "TimeZoneNotSupportedException", `A valid TimeZone value must be specified. The following TimeZone value is not supported: '${timeZone}'.`);
  }
  return iana;
}

function toEpochMs(value: { dateTime: string; timeZone: string }): number {
  let plain: Temporal.PlainDateTime;
  try {
    plain = Temporal.PlainDateTime.from(value.dateTime);
  } catch {
    throw new GraphError(400, "ErrorInvalidRequest", `Cannot convert the literal '${value.dateTime}' to the expected type 'Edm.DateTime'.`);
  }
  return plain.toZonedDateTime(ianaZone(value.timeZone)).epochMilliseconds;
}

function formatInZone(epochMs: number, timeZone: string): string {
  const plain = Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(ianaZone(timeZone)).toPlainDateTime();
  return `${plain.toString({ fractionalSecondDigits: 0 })}.0000000`;
}

function parseQueryInstant(text: string): number {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new GraphError(400, "ErrorInvalidParameter", `The value '${text}' of parameter 'StartDateTime/EndDateTime' is invalid.`);
  return ms;
}

function overlaps(event: { startMs: number; endMs: number }, window: { startMs: number; endMs: number }): boolean {
  return event.startMs < window.endMs && event.endMs > window.startMs;
}

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { "content-type": "application/json; odata.metadata=minimal", ...headers }).end(JSON.stringify(body));
}

function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { "content-type": "text/plain; charset=utf-8" }).end(text);
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
