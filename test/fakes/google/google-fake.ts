// A strict local fake of Google's OAuth 2.0 endpoints and Calendar API v3, written
// from Google's public documentation, for tests of Convene's Google calendar client.
// It listens on 127.0.0.1; a client reaches it through GOOGLE_AUTH_URL
// (authUrl), GOOGLE_TOKEN_URL (tokenUrl) and GOOGLE_API_URL (apiUrl).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { FakeCalendarApi } from "./google-calendar.js";
import type { WatchChannel } from "./google-channels.js";
import { GoogleApiError, OAuthError, badRequest, sendApiError, sendJson, sendOAuthError } from "./google-errors.js";
import { FakeOAuthServer, type RegisteredClient } from "./google-oauth.js";
import { FakePeopleApi, type FakePerson } from "./google-people.js";

export interface GoogleFakeOptions {
  client: RegisteredClient;
  /** Allows http:// watch addresses so a test can receive on loopback; Google requires https. */
  allowHttpWebhooks?: boolean;
  /** The fake's clock (defaults to the wall clock); token and channel expiry read it. */
  nowMs?: () => number;
  /** A fixed port (the browser test's fakes); default any free one. */
  port?: number;
}

export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
}

export type InjectedFailure = { status: 500 } | { status: 429 | 403; retryAfterSeconds: number };

export interface GoogleFake {
  authUrl: string;
  tokenUrl: string;
  apiUrl: string;
  /** What a client configures as GOOGLE_PEOPLE_API_URL (people.googleapis.com in production). */
  peopleApiUrl: string;
  /** A saved contact of the user (People API CONTACT source). */
  addContact(email: string, person: FakePerson): void;
  /** An "Other contact" of the user: someone they emailed. */
  addOtherContact(email: string, person: FakePerson): void;
  /** The user's saved contacts, as a client created them. */
  contacts(email: string): FakePerson[];
  /** Creates a Google account with its primary calendar (id = email). */
  addUser(email: string, options?: { timeZone?: string }): void;
  addCalendar(email: string, calendar: { id: string; summary: string; timeZone?: string }): void;
  /** Shares a calendar with another user, as an ACL rule would: it joins their calendar list with that accessRole. */
  shareCalendar(calendarId: string, email: string, role: "writer" | "reader"): void;
  /** Creates or replaces an event server-side, as an edit in Google Calendar would; bumps sync state. */
  putEvent(calendarId: string, event: Record<string, unknown>): Record<string, unknown>;
  events(calendarId: string): Record<string, unknown>[];
  /** Deletes an event as the owner would in Google Calendar: it stays as status "cancelled" for sync clients. */
  removeEvent(calendarId: string, eventId: string): void;
  /** The user who consents at the authorization endpoint; undefined makes it answer error=access_denied. */
  setConsentingUser(email: string | undefined): void;
  issueTokens(email: string, scopes: string[]): { accessToken: string; refreshToken: string };
  expireAccessTokens(): void;
  revokeRefreshToken(refreshToken: string): void;
  expireSyncTokens(): void;
  /** The next `count` Calendar API requests fail with this status (OAuth endpoints are not affected). */
  failNext(count: number, failure: InjectedFailure): void;
  channels(): WatchChannel[];
  /** Waits until the push notifications already sent (a "sync" on watch, "exists" on every change) were answered. */
  drainNotifications(): Promise<void>;
  requests(): LoggedRequest[];
  clearRequests(): void;
  /** Stops listening (connections are refused) while keeping every account and event, until listenAgain. */
  stopListening(): Promise<void>;
  /** Listens again on the same port. */
  listenAgain(): Promise<void>;
  stop(): Promise<void>;
}

const API_PREFIX = "/calendar/v3/";
const PEOPLE_PREFIX = "/v1/";
const MAX_BODY_BYTES = 1_000_000;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw badRequest("Request too large.");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  const match = /^Basic (\S+)$/.exec(header ?? "");
  if (!match) return undefined;
  const [id, ...rest] = Buffer.from(match[1]!, "base64").toString("utf8").split(":");
  return { id: decodeURIComponent(id ?? ""), secret: decodeURIComponent(rest.join(":")) };
}

const mediaType = (req: IncomingMessage) => (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();

export async function startGoogleFake(options: GoogleFakeOptions): Promise<GoogleFake> {
  const nowMs = options.nowMs ?? (() => Date.now());
  const calendar = new FakeCalendarApi(nowMs, options.allowHttpWebhooks ?? false);
  const people = new FakePeopleApi();
  const oauth = new FakeOAuthServer(options.client, nowMs, (email) => calendar.hasUser(email));
  const log: LoggedRequest[] = [];
  const failures: InjectedFailure[] = [];

  async function handleOAuth(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    try {
      if (url.pathname === "/o/oauth2/v2/auth" && req.method === "GET") {
        res.writeHead(302, { location: oauth.authorize(url.searchParams) });
        res.end();
        return;
      }
      if ((url.pathname === "/token" || url.pathname === "/revoke") && req.method === "POST") {
        if (mediaType(req) !== "application/x-www-form-urlencoded") throw new OAuthError(400, "invalid_request", "Content-Type must be application/x-www-form-urlencoded.");
        const form = new URLSearchParams(await readBody(req));
        if (url.pathname === "/revoke") {
          oauth.revoke(url.searchParams.get("token") ?? form.get("token"));
          sendJson(res, 200, {});
          return;
        }
        sendJson(res, 200, oauth.token(form, basicCredentials(req.headers.authorization)), { "cache-control": "no-cache, no-store, max-age=0, must-revalidate" });
        return;
      }
      sendJson(res, 404, { error: "not_found", error_description: `No ${req.method} ${url.pathname}` });
    } catch (failure) {
      if (failure instanceof OAuthError) sendOAuthError(res, failure);
      else throw failure;
    }
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    try {
      const injected = failures.shift();
      if (injected?.status === 500) throw new GoogleApiError(500, "backendError", "Backend Error");
      if (injected) {
        const headers = { "retry-after": String(injected.retryAfterSeconds) };
        throw new GoogleApiError(injected.status, "rateLimitExceeded", "Rate Limit Exceeded", { domain: "usageLimits", headers });
      }
      const user = oauth.authenticate(req.headers.authorization);
      const method = req.method ?? "GET";
      const raw = await readBody(req);
      let body: unknown;
      if (method === "POST" || method === "PUT" || method === "PATCH") {
        if (mediaType(req) !== "application/json") throw badRequest("Parse Error: Content-Type must be application/json.", "parseError");
        try {
          body = JSON.parse(raw);
        } catch {
          throw badRequest("Parse Error", "parseError");
        }
        if (typeof body !== "object" || body === null || Array.isArray(body)) throw badRequest("Parse Error: body must be a JSON object.", "parseError");
      } else if (raw.length > 0) {
        throw badRequest(`A ${method} request carries no body.`);
      }
      const segments = url.pathname.slice(API_PREFIX.length).split("/").map((segment) => decodeURIComponent(segment));
      const ifMatch = req.headers["if-match"];
      const result = url.pathname.startsWith(PEOPLE_PREFIX)
        ? people.handle({ method, path: url.pathname, query: url.searchParams, body, user })
        : calendar.handle({ method, segments, query: url.searchParams, body, user, ...(typeof ifMatch === "string" ? { ifMatch } : {}) });
      if (result.body === undefined) {
        res.writeHead(result.status);
        res.end();
      } else {
        sendJson(res, result.status, result.body);
      }
    } catch (failure) {
      if (failure instanceof GoogleApiError) sendApiError(res, failure);
      else throw failure;
    }
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    log.push({ method: req.method ?? "GET", path: url.pathname, query: Object.fromEntries(url.searchParams) });
    const handled = url.pathname.startsWith(API_PREFIX) || url.pathname.startsWith(PEOPLE_PREFIX) ? handleApi(req, res, url) : handleOAuth(req, res, url);
    handled.catch((failure: unknown) => {
      // A fake bug must fail the test loudly, not look like a Google outage.
      sendJson(res, 599, { fakeBug: String(failure instanceof Error ? failure.stack : failure) });
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;
  const close = () =>
    new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      // Idle keep-alive sockets would otherwise keep answering after close.
      server.closeAllConnections();
    });

  return {
    authUrl: `${base}/o/oauth2/v2/auth`,
    tokenUrl: `${base}/token`,
    apiUrl: `${base}/calendar/v3`,
    peopleApiUrl: base,
    addContact(email, person) {
      if (!calendar.hasUser(email)) throw new Error(`google fake: no user ${email}`);
      people.addContact(email, person);
    },
    addOtherContact(email, person) {
      if (!calendar.hasUser(email)) throw new Error(`google fake: no user ${email}`);
      people.addOtherContact(email, person);
    },
    contacts: (email) => people.contactsOf(email),
    addUser(email, { timeZone = "UTC" } = {}) {
      if (calendar.hasUser(email)) throw new Error(`google fake: user ${email} exists`);
      calendar.addCalendar({ id: email, ownerEmail: email, summary: email, timeZone, isPrimary: true });
    },
    addCalendar(email, { id, summary, timeZone = "UTC" }) {
      if (!calendar.hasUser(email)) throw new Error(`google fake: no user ${email}`);
      calendar.addCalendar({ id, ownerEmail: email, summary, timeZone, isPrimary: false });
    },
    shareCalendar: (calendarId, email, role) => calendar.shareCalendar(calendarId, email, role),
    putEvent: (calendarId, event) => calendar.putEvent(calendarId, event),
    events: (calendarId) => calendar.eventsOf(calendarId),
    removeEvent: (calendarId, eventId) => calendar.removeEvent(calendarId, eventId),
    setConsentingUser(email) {
      oauth.consentingUser = email;
    },
    issueTokens(email, scopes) {
      if (!calendar.hasUser(email)) throw new Error(`google fake: no user ${email}`);
      return oauth.issueTokens(email, scopes);
    },
    expireAccessTokens: () => oauth.expireAccessTokens(),
    revokeRefreshToken: (token) => oauth.revokeRefreshToken(token),
    expireSyncTokens: () => calendar.expireSyncTokens(),
    failNext(count, failure) {
      if (!Number.isInteger(count) || count < 1) throw new Error("google fake: failNext count must be a positive integer");
      for (let i = 0; i < count; i += 1) failures.push(failure);
    },
    channels: () => [...calendar.channels.values()],
    drainNotifications: () => calendar.drainNotifications(),
    requests: () => log.map((entry) => ({ ...entry, query: { ...entry.query } })),
    clearRequests() {
      log.length = 0;
    },
    stopListening: close,
    listenAgain: () =>
      new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, "127.0.0.1", () => {
          server.off("error", reject);
          resolve();
        });
      }),
    stop: () => (server.listening ? close() : Promise.resolve()),
  };
}

