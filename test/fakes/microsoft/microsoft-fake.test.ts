// Drives the Microsoft fake with plain fetch, as a client written from the docs would.
import { createHash, randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startMicrosoftFake, type MicrosoftFake } from "./microsoft-fake.js";

const CLIENT_ID = "11111111-2222-3333-4444-555555555555";
const REDIRECT_URI = "http://127.0.0.1:9/callback";

let fake: MicrosoftFake;
let userId: string;
let calendarId: string;
const receivers: Server[] = [];

beforeEach(async () => {
  fake = await startMicrosoftFake({ clients: [{ clientId: CLIENT_ID, redirectUris: [REDIRECT_URI], clientSecret: "s3cret" }] });
  userId = fake.addUser({ mail: "host@contoso.example", displayName: "Host" }).id;
  calendarId = fake.addCalendar(userId, { name: "Calendar", isDefaultCalendar: true }).id;
});

afterEach(async () => {
  await fake.stop();
  await Promise.all(receivers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function authorizeWithPkce(): Promise<{ code: string; verifier: string }> {
  const verifier = randomBytes(32).toString("base64url");
  const challenge = createHash("sha256").update(verifier).digest("base64url");
  const authorize = new URL(`${fake.authorityUrl}/oauth2/v2.0/authorize`);
  for (const [key, value] of Object.entries({
    client_id: CLIENT_ID,
    response_type: "code",
    redirect_uri: REDIRECT_URI,
    scope: "offline_access Calendars.ReadWrite",
    state: "st-1",
    code_challenge: challenge,
    code_challenge_method: "S256",
  })) {
    authorize.searchParams.set(key, value);
  }
  const response = await fetch(authorize, { redirect: "manual" });
  expect(response.status).toBe(302);
  const location = new URL(response.headers.get("location")!);
  expect(location.origin + location.pathname).toBe(REDIRECT_URI);
  expect(location.searchParams.get("state")).toBe("st-1");
  return { code: location.searchParams.get("code")!, verifier };
}

function tokenRequest(fields: Record<string, string>): Promise<Response> {
  return fetch(`${fake.authorityUrl}/oauth2/v2.0/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ client_id: CLIENT_ID, client_secret: "s3cret", ...fields }),
  });
}

function graph(path: string, accessToken: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${fake.graphUrl}${path}`, { ...init, headers: { authorization: `Bearer ${accessToken}`, ...(init.headers as Record<string, string>) } });
}

function postJson(path: string, accessToken: string, body: unknown): Promise<Response> {
  return graph(path, accessToken, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
}

async function startReceiver(echo: boolean): Promise<{ url: string; received: unknown[] }> {
  const received: unknown[] = [];
  const server = createServer((request, response) => {
    const token = new URL(request.url!, "http://x").searchParams.get("validationToken");
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      if (token !== null) {
        response.writeHead(200, { "content-type": "text/plain" }).end(echo ? token : "nope");
        return;
      }
      received.push(JSON.parse(Buffer.concat(chunks).toString("utf8")));
      response.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receivers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/notify`, received };
}

describe("Microsoft identity platform fake", () => {
  it("exchanges a code with the right PKCE verifier, refuses a wrong one and a replayed code", async () => {
    const wrong = await authorizeWithPkce();
    const refused = await tokenRequest({ grant_type: "authorization_code", code: wrong.code, redirect_uri: REDIRECT_URI, code_verifier: "not-the-verifier" });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: "invalid_grant", error_codes: [501481] });

    const { code, verifier } = await authorizeWithPkce();
    const granted = await tokenRequest({ grant_type: "authorization_code", code, redirect_uri: REDIRECT_URI, code_verifier: verifier });
    expect(granted.status).toBe(200);
    const tokens = (await granted.json()) as Record<string, unknown>;
    expect(tokens).toMatchObject({ token_type: "Bearer", expires_in: 3599 });
    expect(typeof tokens.refresh_token).toBe("string");
    const me = await graph("/v1.0/me", String(tokens.access_token));
    expect(await me.json()).toMatchObject({ mail: "host@contoso.example" });

    const replay = await tokenRequest({ grant_type: "authorization_code", code, redirect_uri: REDIRECT_URI, code_verifier: verifier });
    expect(await replay.json()).toMatchObject({ error: "invalid_grant", error_codes: [54005] });
  });

  it("refuses an unregistered redirect URI without redirecting", async () => {
    const response = await fetch(`${fake.authorityUrl}/oauth2/v2.0/authorize?client_id=${CLIENT_ID}&response_type=code&redirect_uri=http%3A%2F%2Fevil.example%2F&scope=openid`, { redirect: "manual" });
    expect(response.status).toBe(400);
  });

  it("rotates the refresh token on refresh and answers invalid_grant once it is revoked", async () => {
    const { refreshToken } = fake.issueTokens(userId, CLIENT_ID);
    const refreshed = (await (await tokenRequest({ grant_type: "refresh_token", refresh_token: refreshToken })).json()) as Record<string, string>;
    expect(refreshed.refresh_token).toBeDefined();
    expect(refreshed.refresh_token).not.toBe(refreshToken);
    // Documented: the old refresh token is not revoked by using it.
    expect((await tokenRequest({ grant_type: "refresh_token", refresh_token: refreshToken })).status).toBe(200);

    fake.revokeRefreshToken(refreshed.refresh_token!);
    const revoked = await tokenRequest({ grant_type: "refresh_token", refresh_token: refreshed.refresh_token! });
    expect(revoked.status).toBe(400);
    expect(await revoked.json()).toMatchObject({ error: "invalid_grant", error_codes: [50173] });
  });
});

describe("Microsoft Graph calendar fake", () => {
  it("lists calendars and answers 401 InvalidAuthenticationToken once the access token expires", async () => {
    const { accessToken } = fake.issueTokens(userId, CLIENT_ID);
    const list = (await (await graph("/v1.0/me/calendars", accessToken)).json()) as { value: Array<{ id: string; isDefaultCalendar: boolean }> };
    expect(list.value).toEqual([expect.objectContaining({ id: calendarId, isDefaultCalendar: true })]);

    fake.expireAccessTokens();
    const expired = await graph("/v1.0/me/calendars", accessToken);
    expect(expired.status).toBe(401);
    expect(await expired.json()).toMatchObject({ error: { code: "InvalidAuthenticationToken" } });
  });

  it("pages calendarView delta, then reports a deleted event as @removed, and answers 410 for an expired delta token", async () => {
    const { accessToken } = fake.issueTokens(userId, CLIENT_ID);
    fake.addEvent(calendarId, { subject: "One", start: "2024-05-01T09:00:00Z", end: "2024-05-01T10:00:00Z", showAs: "busy" });
    const doomed = fake.addEvent(calendarId, { subject: "Two", start: "2024-05-02T09:00:00Z", end: "2024-05-02T10:00:00Z", showAs: "tentative" });
    fake.addSeries(calendarId, { subject: "Standup", start: "2024-05-03T08:00:00Z", end: "2024-05-03T08:15:00Z", count: 3, everyDays: 1 });
    fake.addEvent(calendarId, { subject: "Outside", start: "2024-07-01T09:00:00Z", end: "2024-07-01T10:00:00Z" });

    const seen: Array<Record<string, unknown>> = [];
    let next: string | undefined = `/v1.0/me/calendars/${calendarId}/calendarView/delta?startDateTime=2024-05-01T00:00:00Z&endDateTime=2024-06-01T00:00:00Z`;
    let deltaLink: string | undefined;
    let pages = 0;
    while (next !== undefined) {
      const page = (await (await graph(next, accessToken, { headers: { prefer: 'odata.maxpagesize=2, outlook.timezone="Pacific Standard Time"' } })).json()) as Record<string, unknown>;
      pages += 1;
      seen.push(...(page.value as Array<Record<string, unknown>>));
      next = (page["@odata.nextLink"] as string | undefined)?.replace(fake.graphUrl, "");
      deltaLink = page["@odata.deltaLink"] as string | undefined;
      if (next !== undefined) expect(next).toContain("$skiptoken=");
    }
    expect(pages).toBe(3);
    expect(seen.map((event) => event.subject)).toEqual(["One", "Two", "Standup", "Standup", "Standup"]);
    expect(seen[0]).toMatchObject({ start: { dateTime: "2024-05-01T02:00:00.0000000", timeZone: "Pacific Standard Time" }, showAs: "busy", type: "singleInstance" });
    expect(seen[2]).toMatchObject({ type: "occurrence" });
    expect(deltaLink).toContain("$deltatoken=");

    fake.deleteEvent(doomed);
    const changes = (await (await graph(deltaLink!.replace(fake.graphUrl, ""), accessToken)).json()) as Record<string, unknown>;
    expect(changes.value).toEqual([{ "@odata.type": "#microsoft.graph.event", id: doomed, "@removed": { reason: "deleted" } }]);
    const latest = changes["@odata.deltaLink"] as string;

    fake.expireDeltaTokens();
    const gone = await graph(latest.replace(fake.graphUrl, ""), accessToken);
    expect(gone.status).toBe(410);
    expect(await gone.json()).toMatchObject({ error: { code: "SyncStateNotFound" } });
  });

  it("creates one event for two POSTs with the same transactionId, with a Teams joinUrl", async () => {
    const { accessToken } = fake.issueTokens(userId, CLIENT_ID);
    const body = {
      subject: "Intro call",
      start: { dateTime: "2024-05-01T09:00:00", timeZone: "Pacific Standard Time" },
      end: { dateTime: "2024-05-01T09:30:00", timeZone: "Pacific Standard Time" },
      isOnlineMeeting: true,
      onlineMeetingProvider: "teamsForBusiness",
      transactionId: "booking-42",
    };
    const first = await postJson(`/v1.0/me/calendars/${calendarId}/events`, accessToken, body);
    const second = await postJson(`/v1.0/me/calendars/${calendarId}/events`, accessToken, body);
    expect(first.status).toBe(201);
    const created = (await first.json()) as { id: string; onlineMeeting: { joinUrl: string }; start: unknown };
    expect(((await second.json()) as { id: string }).id).toBe(created.id);
    expect(created.onlineMeeting.joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//);
    expect(created.start).toEqual({ dateTime: "2024-05-01T09:00:00.0000000", timeZone: "Pacific Standard Time" });
    expect(fake.eventsOf(calendarId)).toEqual([expect.objectContaining({ transactionId: "booking-42", startMs: Date.parse("2024-05-01T16:00:00Z") })]);
  });

  it("rejects bad JSON and unknown properties, and answers 404 ErrorItemNotFound when deleting a missing event", async () => {
    const { accessToken } = fake.issueTokens(userId, CLIENT_ID);
    const badJson = await graph(`/v1.0/me/calendars/${calendarId}/events`, accessToken, { method: "POST", headers: { "content-type": "application/json" }, body: "{" });
    expect(badJson.status).toBe(400);
    const unknown = await postJson(`/v1.0/me/calendars/${calendarId}/events`, accessToken, { subject: "x", bogus: 1 });
    expect(unknown.status).toBe(400);

    const missing = await graph("/v1.0/me/events/AAMk-missing", accessToken, { method: "DELETE" });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: "ErrorItemNotFound" } });
    expect((await graph("/v1.0/me/calendars", accessToken, { method: "DELETE" })).status).toBe(405);
  });

  it("creates a subscription only after the validation handshake, and delivers change and lifecycle notifications", async () => {
    const { accessToken } = fake.issueTokens(userId, CLIENT_ID);
    const expirationDateTime = new Date(Date.now() + 60 * 60_000).toISOString();
    const silent = await startReceiver(false);
    const refused = await postJson("/v1.0/subscriptions", accessToken, {
      changeType: "created,updated,deleted",
      notificationUrl: silent.url,
      resource: "me/events",
      expirationDateTime,
      clientState: "secret-state",
    });
    expect(refused.status).toBe(400);
    expect(fake.subscriptions()).toEqual([]);

    const tooLong = await postJson("/v1.0/subscriptions", accessToken, {
      changeType: "created",
      notificationUrl: silent.url,
      resource: "me/events",
      expirationDateTime: new Date(Date.now() + 8 * 86_400_000).toISOString(),
    });
    expect(tooLong.status).toBe(400);

    const receiver = await startReceiver(true);
    const created = await postJson("/v1.0/subscriptions", accessToken, {
      changeType: "created,updated,deleted",
      notificationUrl: receiver.url,
      lifecycleNotificationUrl: receiver.url,
      resource: "me/events",
      expirationDateTime,
      clientState: "secret-state",
    });
    expect(created.status).toBe(201);
    const subscription = (await created.json()) as { id: string };

    const eventId = fake.addEvent(calendarId, { subject: "x", start: "2024-05-01T09:00:00Z", end: "2024-05-01T10:00:00Z" });
    expect(await fake.sendChangeNotification(subscription.id, "created", eventId)).toBe(202);
    expect(await fake.sendLifecycleNotification(subscription.id, "reauthorizationRequired")).toBe(202);
    expect(receiver.received).toEqual([
      { value: [expect.objectContaining({ subscriptionId: subscription.id, changeType: "created", clientState: "secret-state", resourceData: expect.objectContaining({ id: eventId }) })] },
      { value: [expect.objectContaining({ subscriptionId: subscription.id, lifecycleEvent: "reauthorizationRequired" })] },
    ]);
    expect((await graph(`/v1.0/subscriptions/${subscription.id}`, accessToken, { method: "DELETE" })).status).toBe(204);
  });

  it("fails injected requests with 429 and Retry-After, then serves; the request log records every call", async () => {
    const { accessToken } = fake.issueTokens(userId, CLIENT_ID);
    expect(fake.requests).toEqual([]);
    fake.failNext(1, { status: 429, retryAfterSeconds: 7 });
    const throttled = await graph("/v1.0/me/calendars", accessToken);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get("retry-after")).toBe("7");
    expect(await throttled.json()).toMatchObject({ error: { code: "TooManyRequests" } });
    expect((await graph("/v1.0/me/calendars", accessToken)).status).toBe(200);
    expect(fake.requests.map((request) => `${request.method} ${request.path}`)).toEqual(["GET /v1.0/me/calendars", "GET /v1.0/me/calendars"]);
  });
});
