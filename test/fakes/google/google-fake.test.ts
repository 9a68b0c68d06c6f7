// The Google fake driven by plain fetch the way a client following Google's docs
// would, so a future Convene client can trust the fake's strictness.
import { createHash, randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startGoogleFake, type GoogleFake } from "./google-fake.js";

const client = { clientId: "convene-client.apps.googleusercontent.com", clientSecret: "s3cret", redirectUris: ["http://127.0.0.1:9/oauth/google/callback"] };
const redirectUri = client.redirectUris[0]!;
const USER = "ada@example.com";
const CALENDAR = "https://www.googleapis.com/auth/calendar";

let fake: GoogleFake;
beforeEach(async () => {
  fake = await startGoogleFake({ client });
  fake.addUser(USER, { timeZone: "Europe/Paris" });
});
afterEach(async () => {
  await fake.stop();
});

function authorizeUrl(extra: Record<string, string>): string {
  const params = new URLSearchParams({ client_id: client.clientId, redirect_uri: redirectUri, response_type: "code", scope: CALENDAR, state: "st-1", access_type: "offline", prompt: "consent", ...extra });
  return `${fake.authUrl}?${params}`;
}

async function tokenRequest(form: Record<string, string>) {
  const response = await fetch(fake.tokenUrl, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(form) });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

async function consent(verifier: string): Promise<string> {
  fake.setConsentingUser(USER);
  const challenge = createHash("sha256").update(verifier).digest("base64url");
  const response = await fetch(authorizeUrl({ code_challenge: challenge, code_challenge_method: "S256" }), { redirect: "manual" });
  expect(response.status).toBe(302);
  const location = new URL(response.headers.get("location")!);
  expect(`${location.origin}${location.pathname}`).toBe(redirectUri);
  expect(location.searchParams.get("state")).toBe("st-1");
  return location.searchParams.get("code")!;
}

const exchange = (code: string, verifier: string) => tokenRequest({ grant_type: "authorization_code", code, code_verifier: verifier, client_id: client.clientId, client_secret: client.clientSecret, redirect_uri: redirectUri });

async function api(token: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${fake.apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as Record<string, any> };
}

const reasonOf = (body: Record<string, any>) => body.error.errors[0].reason as string;
const slot = (hour: number) => ({ start: { dateTime: `2026-03-02T${String(hour).padStart(2, "0")}:00:00Z` }, end: { dateTime: `2026-03-02T${String(hour).padStart(2, "0")}:30:00Z` } });

describe("OAuth 2.0 authorization code flow with PKCE", () => {
  it("exchanges a code for tokens, refreshes, and refuses a revoked refresh token with invalid_grant", async () => {
    const verifier = randomBytes(32).toString("base64url");
    const code = await consent(verifier);
    const tokens = await exchange(code, verifier);
    expect(tokens.status).toBe(200);
    expect(tokens.body).toMatchObject({ token_type: "Bearer", expires_in: 3599, scope: CALENDAR });
    expect(tokens.body.refresh_token).toEqual(expect.any(String));
    expect((await api(tokens.body.access_token!, "GET", "/users/me/calendarList")).status).toBe(200);

    const reused = await exchange(code, verifier);
    expect(reused).toMatchObject({ status: 400, body: { error: "invalid_grant" } });

    const refreshForm = { grant_type: "refresh_token", refresh_token: tokens.body.refresh_token!, client_id: client.clientId, client_secret: client.clientSecret };
    const refreshed = await tokenRequest(refreshForm);
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.access_token).not.toBe(tokens.body.access_token);
    expect(refreshed.body.refresh_token).toBeUndefined();

    fake.revokeRefreshToken(tokens.body.refresh_token!);
    expect(await tokenRequest(refreshForm)).toEqual({ status: 400, body: { error: "invalid_grant", error_description: "Token has been expired or revoked." } });
  });

  it("refuses a wrong code_verifier, a wrong client secret and a non-form body", async () => {
    const verifier = randomBytes(32).toString("base64url");
    const code = await consent(verifier);
    expect(await exchange(code, randomBytes(32).toString("base64url"))).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
    const badSecret = await tokenRequest({ grant_type: "authorization_code", code, code_verifier: verifier, client_id: client.clientId, client_secret: "nope", redirect_uri: redirectUri });
    expect(badSecret).toMatchObject({ status: 401, body: { error: "invalid_client" } });
    const json = await fetch(fake.tokenUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ grant_type: "authorization_code", code }) });
    expect(json.status).toBe(400);
  });

  it("refuses an unregistered redirect_uri without redirecting, and redirects access_denied without consent", async () => {
    const mismatch = await fetch(authorizeUrl({ redirect_uri: "https://evil.example/cb" }), { redirect: "manual" });
    expect(mismatch.status).toBe(400);
    expect(await mismatch.json()).toMatchObject({ error: "redirect_uri_mismatch" });
    fake.setConsentingUser(undefined);
    const denied = await fetch(authorizeUrl({}), { redirect: "manual" });
    const location = new URL(denied.headers.get("location")!);
    expect(location.searchParams.get("error")).toBe("access_denied");
    expect(location.searchParams.get("state")).toBe("st-1");
  });
});

describe("Calendar API v3", () => {
  let token: string;
  beforeEach(() => {
    token = fake.issueTokens(USER, [CALENDAR]).accessToken;
  });

  it("lists the user's calendars with the primary one marked", async () => {
    fake.addCalendar(USER, { id: "team@group.calendar.google.com", summary: "Team" });
    const { status, body } = await api(token, "GET", "/users/me/calendarList");
    expect(status).toBe(200);
    expect(body.kind).toBe("calendar#calendarList");
    expect(body.items.map((item: { id: string; primary?: boolean }) => [item.id, item.primary ?? false])).toEqual([[USER, true], ["team@group.calendar.google.com", false]]);
  });

  it("pages events, then syncs only changes (deletions as cancelled) with the sync token", async () => {
    for (let hour = 8; hour < 13; hour += 1) fake.putEvent(USER, { id: `evt0${hour.toString(32)}000`, summary: `e${hour}`, ...slot(hour) });
    const seen: string[] = [];
    let query = "maxResults=2&singleEvents=true";
    let syncToken: string | undefined;
    for (let pages = 0; pages < 10 && syncToken === undefined; pages += 1) {
      const { status, body } = await api(token, "GET", `/calendars/primary/events?${query}`);
      expect(status).toBe(200);
      seen.push(...body.items.map((item: { summary: string }) => item.summary));
      if (body.nextPageToken) query = `maxResults=2&singleEvents=true&pageToken=${encodeURIComponent(body.nextPageToken)}`;
      else syncToken = body.nextSyncToken;
    }
    expect(seen).toEqual(["e8", "e9", "e10", "e11", "e12"]);

    const removed = await api(token, "DELETE", "/calendars/primary/events/evt08000");
    expect(removed.status).toBe(204);
    fake.putEvent(USER, { id: "evt0c000", summary: "e12 moved", ...slot(14) });
    const delta = await api(token, "GET", `/calendars/primary/events?syncToken=${encodeURIComponent(syncToken!)}`);
    expect(delta.status).toBe(200);
    expect(delta.body.items.map((item: { id: string; status: string }) => [item.id, item.status])).toEqual([["evt08000", "cancelled"], ["evt0c000", "confirmed"]]);

    const combined = await api(token, "GET", `/calendars/primary/events?syncToken=${encodeURIComponent(delta.body.nextSyncToken)}&timeMin=2026-03-01T00:00:00Z`);
    expect(combined.status).toBe(400);

    fake.expireSyncTokens();
    const expired = await api(token, "GET", `/calendars/primary/events?syncToken=${encodeURIComponent(delta.body.nextSyncToken)}`);
    expect(expired.status).toBe(410);
    expect(reasonOf(expired.body)).toBe("fullSyncRequired");
  });

  it("inserts with a client-chosen id, refuses a duplicate (409) and a bad id (400), deletes twice (410)", async () => {
    const id = "convene0booking0abc123";
    const created = await api(token, "POST", "/calendars/primary/events", { id, summary: "Intro call", ...slot(9) });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ kind: "calendar#event", id, status: "confirmed", iCalUID: `${id}@google.com` });
    const duplicate = await api(token, "POST", "/calendars/primary/events", { id, ...slot(10) });
    expect([duplicate.status, reasonOf(duplicate.body)]).toEqual([409, "duplicate"]);
    for (const badId of ["abc", "UPPERCASE123", "with-dash-123", "wxyz12345"]) {
      const refused = await api(token, "POST", "/calendars/primary/events", { id: badId, ...slot(10) });
      expect(refused.status, badId).toBe(400);
    }
    const noEnd = await api(token, "POST", "/calendars/primary/events", { start: slot(9).start });
    expect([noEnd.status, reasonOf(noEnd.body)]).toEqual([400, "required"]);

    expect((await api(token, "DELETE", `/calendars/primary/events/${id}`)).status).toBe(204);
    const again = await api(token, "DELETE", `/calendars/primary/events/${id}`);
    expect([again.status, reasonOf(again.body)]).toEqual([410, "deleted"]);
    expect((await api(token, "DELETE", "/calendars/primary/events/neverexisted1")).status).toBe(404);
  });

  it("creates a Meet conference only with conferenceDataVersion=1, and keeps it across a patch", async () => {
    const createRequest = { requestId: "req-1", conferenceSolutionKey: { type: "hangoutsMeet" } };
    const ignored = await api(token, "POST", "/calendars/primary/events", { ...slot(9), conferenceData: { createRequest } });
    expect(ignored.body.hangoutLink).toBeUndefined();

    const created = await api(token, "POST", "/calendars/primary/events?conferenceDataVersion=1", { ...slot(10), conferenceData: { createRequest } });
    expect(created.status).toBe(200);
    expect(created.body.hangoutLink).toMatch(/^https:\/\/meet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
    expect(created.body.conferenceData.entryPoints).toEqual([expect.objectContaining({ entryPointType: "video", uri: created.body.hangoutLink })]);
    expect(created.body.conferenceData.createRequest.status).toEqual({ statusCode: "success" });

    const patched = await api(token, "PATCH", `/calendars/primary/events/${created.body.id}`, { summary: "Renamed" });
    expect(patched.body).toMatchObject({ summary: "Renamed", hangoutLink: created.body.hangoutLink, sequence: 1 });
  });

  it("delivers a sync message when a channel opens and an exists message after each change, with the channel's headers", async () => {
    const received: Record<string, string | undefined>[] = [];
    const receiver = createServer((req, res) => {
      received.push({ id: req.headers["x-goog-channel-id"] as string, token: req.headers["x-goog-channel-token"] as string, resource: req.headers["x-goog-resource-id"] as string, state: req.headers["x-goog-resource-state"] as string, number: req.headers["x-goog-message-number"] as string });
      res.writeHead(200).end();
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const lenient = await startGoogleFake({ client, allowHttpWebhooks: true });
    try {
      lenient.addUser("ada@example.com");
      const { accessToken } = lenient.issueTokens("ada@example.com", [CALENDAR]);
      const address = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/push`;
      const watch = await fetch(`${lenient.apiUrl}/calendars/primary/events/watch`, { method: "POST", headers: { authorization: `Bearer ${accessToken}`, "content-type": "application/json" }, body: JSON.stringify({ id: "chan-9", type: "web_hook", address, token: "secret-9" }) });
      const { resourceId } = (await watch.json()) as { resourceId: string };
      await new Promise((resolve) => setImmediate(resolve));
      lenient.putEvent("ada@example.com", { summary: "Dentist", start: { dateTime: "2027-01-05T10:00:00Z" }, end: { dateTime: "2027-01-05T11:00:00Z" } });
      await lenient.drainNotifications();
      expect(received).toEqual([
        { id: "chan-9", token: "secret-9", resource: resourceId, state: "sync", number: "1" },
        { id: "chan-9", token: "secret-9", resource: resourceId, state: "exists", number: "2" },
      ]);
    } finally {
      await lenient.stop();
      await new Promise((resolve) => receiver.close(resolve));
    }
  });

  it("watches with an https address, refuses http, and stops the channel", async () => {
    const http = await api(token, "POST", "/calendars/primary/events/watch", { id: "chan-1", type: "web_hook", address: "http://convene.example/hooks/google" });
    expect([http.status, reasonOf(http.body)]).toEqual([400, "push.webhookUrlNotHttps"]);
    const watched = await api(token, "POST", "/calendars/primary/events/watch", { id: "chan-1", type: "web_hook", address: "https://convene.example/hooks/google", token: "t-1" });
    expect(watched.status).toBe(200);
    expect(watched.body).toMatchObject({ kind: "api#channel", id: "chan-1", token: "t-1" });
    expect(Number(watched.body.expiration)).toBeGreaterThan(0);
    const stopped = await api(token, "POST", "/channels/stop", { id: "chan-1", resourceId: watched.body.resourceId });
    expect(stopped.status).toBe(204);
    expect(fake.channels()).toEqual([]);
  });

  it("answers 401 in Google's shape for an expired or missing token, 403 for a read-only scope on write", async () => {
    fake.expireAccessTokens();
    const expired = await api(token, "GET", "/users/me/calendarList");
    expect(expired.status).toBe(401);
    expect(expired.body.error).toMatchObject({ code: 401, status: "UNAUTHENTICATED", errors: [expect.objectContaining({ reason: "authError", location: "Authorization" })] });
    const anonymous = await fetch(`${fake.apiUrl}/users/me/calendarList`);
    expect(anonymous.status).toBe(401);

    const readOnly = fake.issueTokens(USER, [`${CALENDAR}.readonly`]).accessToken;
    const write = await api(readOnly, "POST", "/calendars/primary/events", slot(9));
    expect([write.status, reasonOf(write.body)]).toEqual([403, "insufficientPermissions"]);
  });

  it("refuses wrong methods, wrong content types and other users' calendars", async () => {
    expect((await api(token, "DELETE", "/users/me/calendarList")).status).toBe(404);
    const text = await fetch(`${fake.apiUrl}/calendars/primary/events`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "text/plain" }, body: "{}" });
    expect(text.status).toBe(400);
    fake.addUser("bob@example.com");
    expect((await api(token, "GET", "/calendars/bob%40example.com/events")).status).toBe(404);
  });

  it("fails the next requests as injected (429 with Retry-After, then 500), then recovers; the log shows every request", async () => {
    fake.clearRequests();
    fake.failNext(1, { status: 429, retryAfterSeconds: 7 });
    fake.failNext(1, { status: 500 });
    const limited = await api(token, "GET", "/users/me/calendarList");
    expect([limited.status, limited.headers.get("retry-after"), reasonOf(limited.body)]).toEqual([429, "7", "rateLimitExceeded"]);
    expect((await api(token, "GET", "/users/me/calendarList")).status).toBe(500);
    expect((await api(token, "GET", "/calendars/primary/events?maxResults=5")).status).toBe(200);
    expect(fake.requests()).toEqual([
      { method: "GET", path: "/calendar/v3/users/me/calendarList", query: {} },
      { method: "GET", path: "/calendar/v3/users/me/calendarList", query: {} },
      { method: "GET", path: "/calendar/v3/calendars/primary/events", query: { maxResults: "5" } },
    ]);
  });
});

describe("Calendar API v3: conditional writes, sharing and iCalUID (Google's guides and Event reference)", () => {
  const BOB = "bob@example.com";
  let token: string;
  beforeEach(() => {
    fake.addUser(BOB);
    token = fake.issueTokens(USER, [CALENDAR]).accessToken;
  });

  it("answers If-Match with a stale etag on update and delete with 412, and applies a current one", async () => {
    const created = await api(token, "POST", "/calendars/primary/events", { id: "etag00001", summary: "v1", ...slot(9) });
    const stale = created.body.etag as string;
    const updated = await api(token, "PUT", "/calendars/primary/events/etag00001", { summary: "v2", ...slot(9) }, { "if-match": stale });
    expect(updated.status).toBe(200);
    const refused = await api(token, "PUT", "/calendars/primary/events/etag00001", { summary: "v3", ...slot(9) }, { "if-match": stale });
    expect([refused.status, reasonOf(refused.body)]).toEqual([412, "conditionNotMet"]);
    expect((await api(token, "DELETE", "/calendars/primary/events/etag00001", undefined, { "if-match": stale })).status).toBe(412);
    expect(fake.events(USER)[0]).toMatchObject({ summary: "v2", status: "confirmed" });
    expect((await api(token, "DELETE", "/calendars/primary/events/etag00001", undefined, { "if-match": updated.body.etag })).status).toBe(204);
  });

  it("lists calendars shared with the user under their accessRole, lets readers read and refuses their writes", async () => {
    fake.addCalendar(BOB, { id: "bob-team@group.calendar.google.com", summary: "Bob's team" });
    fake.addCalendar(BOB, { id: "bob-private@group.calendar.google.com", summary: "Private" });
    fake.putEvent("bob-team@group.calendar.google.com", { id: "team00001", summary: "Standup", ...slot(9) });
    fake.shareCalendar("bob-team@group.calendar.google.com", USER, "reader");
    const list = await api(token, "GET", "/users/me/calendarList");
    expect(list.body.items.map((item: Record<string, unknown>) => [item.id, item.accessRole, item.primary ?? false])).toEqual([
      [USER, "owner", true],
      ["bob-team@group.calendar.google.com", "reader", false],
    ]);
    const team = "/calendars/bob-team%40group.calendar.google.com/events";
    const events = await api(token, "GET", team);
    expect([events.status, events.body.accessRole, events.body.items.length]).toEqual([200, "reader", 1]);
    for (const [method, path, body] of [["POST", team, slot(10)], ["PUT", `${team}/team00001`, slot(10)], ["DELETE", `${team}/team00001`, undefined]] as const) {
      const refused = await api(token, method, path, body);
      expect([method, refused.status, reasonOf(refused.body)]).toEqual([method, 403, "requiredAccessLevel"]);
    }
    expect((await api(token, "GET", "/calendars/bob-private%40group.calendar.google.com/events")).status).toBe(404);
    fake.shareCalendar("bob-team@group.calendar.google.com", USER, "writer");
    expect((await api(token, "POST", team, slot(10))).status).toBe(200);
  });

  it("keeps an iCalUID given without an id, finds events by iCalUID, and refuses it with a sync token", async () => {
    const imported = await api(token, "POST", "/calendars/primary/events", { iCalUID: "invite-1@example.org", ...slot(9) });
    expect(imported.body.iCalUID).toBe("invite-1@example.org");
    // "Only one of them should be supplied at event creation time": with a chosen id, the id decides.
    const chosen = await api(token, "POST", "/calendars/primary/events", { id: "chosen0001", iCalUID: "invite-2@example.org", ...slot(10) });
    expect(chosen.body.iCalUID).toBe("chosen0001@google.com");
    const found = await api(token, "GET", "/calendars/primary/events?iCalUID=invite-1%40example.org");
    expect(found.body.items.map((item: Record<string, unknown>) => item.id)).toEqual([imported.body.id]);
    const { nextSyncToken } = (await api(token, "GET", "/calendars/primary/events")).body;
    expect((await api(token, "GET", `/calendars/primary/events?syncToken=${nextSyncToken}&iCalUID=x`)).status).toBe(400);
    expect((await api(token, "GET", `/calendars/primary/events?syncToken=${nextSyncToken}&showDeleted=false`)).status).toBe(400);
    expect((await api(token, "GET", `/calendars/primary/events?syncToken=${nextSyncToken}`)).status).toBe(200);
  });

  it("refuses an unknown sendUpdates value", async () => {
    const refused = await api(token, "POST", "/calendars/primary/events?sendUpdates=nobody", slot(9));
    expect(refused.status).toBe(400);
    expect((await api(token, "POST", "/calendars/primary/events?sendUpdates=none", slot(9))).status).toBe(200);
  });

  it("refuses connections while stopped and answers with the same state once listening again", async () => {
    fake.putEvent(USER, { id: "kept00001", summary: "Kept", ...slot(9) });
    await fake.stopListening();
    await expect(fetch(`${fake.apiUrl}/users/me/calendarList`)).rejects.toThrow();
    await fake.listenAgain();
    const events = await api(token, "GET", "/calendars/primary/events");
    expect(events.body.items.map((item: Record<string, unknown>) => item.summary)).toEqual(["Kept"]);
  });
});
