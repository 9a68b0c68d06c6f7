// The Google Calendar provider against the Google fake (test/fakes/google): the
// calendar contract, then what is Google's own — paging and sync tokens, busy
// decided by transparency, status and the account's response, Meet links,
// idempotent creates after failures, token refresh and throttling.
import ICAL from "ical.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createGoogleCalendarProvider } from "../../src/adapters/calendars/google/google-calendar-provider.js";
import { isGoogleRateLimit } from "../../src/adapters/calendars/google/google-failures.js";
import { googleEventIdOf } from "../../src/adapters/calendars/google/google-writes.js";
import { createOAuthApi, type OAuthApi } from "../../src/adapters/calendars/oauth-api.js";
import { createSafeFetch } from "../../src/adapters/calendars/safe-fetch.js";
import { expandBusy } from "../../src/core/calendars/busy-events.js";
import { CalendarFailure } from "../../src/core/calendars/calendar-errors.js";
import { OAUTH_SCOPES } from "../../src/core/calendars/oauth-scopes.js";
import type { CalendarProvider, OAuthAccess } from "../../src/use-cases/ports/calendars.js";
import { startGoogleFake, type GoogleFake } from "../fakes/google/google-fake.js";
import { eventIcs, ownEvent, readEvents, runCalendarContract, type ContractSubject } from "./calendar-contract.js";

const client = { clientId: "convene-test.apps.googleusercontent.com", clientSecret: "test-secret", redirectUris: ["http://127.0.0.1:9/api/v1/calendars/callback/google"] };
const ADA = "ada@example.com";
const BOB = "bob@example.com";
const SCOPES = [...OAUTH_SCOPES.google.connect];
const safeFetch = createSafeFetch({ allowPrivateUrls: true, timeoutMs: 10_000, maxBodyBytes: 5_000_000 });

/**
 * The smallest OAuthAccess: the issued token until the API refuses it, then one
 * refresh at the fake's token endpoint; a refused refresh is the grant gone.
 * (The real one, with expiry and storage, is the connect flow's.)
 */
function testAccess(fake: GoogleFake, tokens: { accessToken: string; refreshToken: string }, afterRefresh?: () => void) {
  let current = tokens.accessToken;
  let refreshes = 0;
  const access: OAuthAccess = {
    accessToken: async () => current,
    async refreshAfterRejection() {
      refreshes += 1;
      const form = { grant_type: "refresh_token", refresh_token: tokens.refreshToken, client_id: client.clientId, client_secret: client.clientSecret };
      const response = await fetch(fake.tokenUrl, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(form) });
      const body = (await response.json()) as { access_token?: string; error?: string };
      if (response.status !== 200 || !body.access_token) throw new CalendarFailure("auth", `refresh refused: ${body.error ?? response.status}`, { status: response.status });
      current = body.access_token;
      afterRefresh?.();
      return current;
    },
  };
  return { access, refreshes: () => refreshes };
}

type Opened = { provider: CalendarProvider; api: OAuthApi; waitsMs: number[]; refreshes: () => number };

function openProvider(fake: GoogleFake, email: string, options: { pageSize?: number; tokens?: { accessToken: string; refreshToken: string }; afterRefresh?: () => void } = {}): Opened {
  const tokens = options.tokens ?? fake.issueTokens(email, SCOPES);
  const { access, refreshes } = testAccess(fake, tokens, options.afterRefresh);
  const waitsMs: number[] = [];
  const api = createOAuthApi({
    baseUrl: new URL(fake.apiUrl).origin,
    access,
    fetch: safeFetch,
    isRateLimited: isGoogleRateLimit,
    // Waits are recorded, not slept: the test asserts what was asked for.
    sleep: async (ms) => void waitsMs.push(ms),
  });
  const config = { kind: "google" as const, accountId: `id-${email}`, accountEmail: email, tokens: { ...tokens, accessTokenExpiresAtMs: 0, scopes: SCOPES } };
  const provider = createGoogleCalendarProvider(config, api, options.pageSize ? { pageSize: options.pageSize } : {});
  return { provider, api, waitsMs, refreshes };
}

/** The contract's iCalendar as the Google event JSON another client would have written. */
function googleEventOf(ics: string): Record<string, unknown> {
  const vevent = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent("vevent")!;
  const at = (name: string) => ({ dateTime: (vevent.getFirstPropertyValue(name) as ICAL.Time).toJSDate().toISOString() });
  return { iCalUID: String(vevent.getFirstPropertyValue("uid")), summary: String(vevent.getFirstPropertyValue("summary")), start: at("dtstart"), end: at("dtend") };
}

async function startFake(): Promise<GoogleFake> {
  const fake = await startGoogleFake({ client });
  fake.addUser(ADA, { timeZone: "Europe/Paris" });
  fake.addUser(BOB);
  return fake;
}

runCalendarContract({
  name: "Google Calendar (fake)",
  async newProvider(): Promise<ContractSubject> {
    const fake = await startFake();
    fake.addCalendar(BOB, { id: "bob-holidays@group.calendar.google.com", summary: "Bob's holidays" });
    fake.putEvent("bob-holidays@group.calendar.google.com", googleEventOf(eventIcs("holiday-1")));
    fake.shareCalendar("bob-holidays@group.calendar.google.com", ADA, "reader");
    const { provider } = openProvider(fake, ADA);
    return {
      provider,
      calendarId: ADA,
      isReadOnly: false,
      readOnlyCalendar: { provider, calendarId: "bob-holidays@group.calendar.google.com" },
      mutate: {
        add: async (ics) => void fake.putEvent(ADA, googleEventOf(ics)),
        // An edit in Google Calendar changes these fields and keeps the rest (extended properties, conference).
        change: async (href, ics) => {
          const existing = fake.events(ADA).find((event) => event.id === href);
          if (!existing) throw new Error(`no event ${href} to change`);
          const { iCalUID: _uid, ...edits } = googleEventOf(ics);
          fake.putEvent(ADA, { ...existing, ...edits, id: href });
        },
        remove: async (href) => fake.removeEvent(ADA, href),
      },
      withRefusedCredentials() {
        const tokens = fake.issueTokens(ADA, SCOPES);
        fake.revokeRefreshToken(tokens.refreshToken);
        return { provider: openProvider(fake, ADA, { tokens }).provider, calendarId: ADA };
      },
      stopServer: () => fake.stopListening(),
      startServer: () => fake.listenAgain(),
      async forgottenCursor() {
        const { cursor } = await provider.sync(ADA, null);
        fake.expireSyncTokens();
        return cursor!;
      },
      stop: () => fake.stop(),
    };
  },
});

describe("Google Calendar provider", () => {
  let fake: GoogleFake;
  beforeEach(async () => {
    fake = await startFake();
  });
  afterEach(async () => {
    await fake.stop();
  });

  const eventRequests = () => fake.requests().filter((request) => request.path.startsWith("/calendar/v3/calendars/"));
  const slot = (day: number, hour: number) => ({ dateTime: `2027-01-${String(day).padStart(2, "0")}T${String(hour).padStart(2, "0")}:00:00Z` });
  const busyOf = (ics: string, ownerEmails = [ADA]) =>
    expandBusy(ics, { windowStartMs: Date.parse("2027-01-01T00:00:00Z"), windowEndMs: Date.parse("2027-02-01T00:00:00Z"), defaultTimeZone: "Europe/Paris", ownerEmails }).busy.map(
      (range) => [new Date(range.startMs).toISOString(), new Date(range.endMs).toISOString()],
    );

  it("pages through events.list with singleEvents, then syncs incrementally with the nextSyncToken", async () => {
    for (let day = 4; day <= 8; day += 1) fake.putEvent(ADA, { summary: `Day ${day}`, start: slot(day, 9), end: slot(day, 10) });
    const { provider } = openProvider(fake, ADA, { pageSize: 2 });
    fake.clearRequests();
    const full = await provider.sync(ADA, null);
    expect(full.full).toBe(true);
    expect(readEvents(full.changed).map((event) => event.summary).sort()).toEqual(["Day 4", "Day 5", "Day 6", "Day 7", "Day 8"]);
    const pages = eventRequests();
    expect(pages.map((request) => request.query)).toEqual([
      { singleEvents: "true", maxResults: "2" },
      { singleEvents: "true", maxResults: "2", pageToken: expect.any(String) },
      { singleEvents: "true", maxResults: "2", pageToken: expect.any(String) },
    ]);

    const moved = fake.events(ADA).find((event) => event.summary === "Day 5")!;
    fake.putEvent(ADA, { ...moved, summary: "Day 5, moved", start: slot(12, 9), end: slot(12, 10) });
    fake.removeEvent(ADA, String(fake.events(ADA).find((event) => event.summary === "Day 6")!.id));
    fake.clearRequests();
    const next = await provider.sync(ADA, full.cursor);
    expect(next).toMatchObject({ full: false, removedHrefs: [fake.events(ADA).find((event) => event.summary === "Day 6")!.id] });
    expect(readEvents(next.changed).map((event) => [event.summary, event.start])).toEqual([["Day 5, moved", "2027-01-12T09:00:00Z"]]);
    expect(eventRequests().map((request) => request.query)).toEqual([{ singleEvents: "true", maxResults: "2", syncToken: full.cursor }]);
  });

  it("answers 410 fullSyncRequired with a full listing and a new cursor", async () => {
    fake.putEvent(ADA, { summary: "Kept", start: slot(4, 9), end: slot(4, 10) });
    const { provider } = openProvider(fake, ADA);
    const first = await provider.sync(ADA, null);
    fake.putEvent(ADA, { summary: "Added", start: slot(5, 9), end: slot(5, 10) });
    fake.expireSyncTokens();
    fake.clearRequests();
    const resync = await provider.sync(ADA, first.cursor);
    expect(resync.full).toBe(true);
    expect(readEvents(resync.changed).map((event) => event.summary).sort()).toEqual(["Added", "Kept"]);
    expect(eventRequests().map((request) => request.query.syncToken ?? null)).toEqual([first.cursor, null]);
    expect(await provider.sync(ADA, resync.cursor)).toMatchObject({ full: false, changed: [], removedHrefs: [] });
  });

  it("turns transparency, status and the account's response into iCalendar that busy expansion reads the way Google means it", async () => {
    const self = (responseStatus: string) => [{ email: ADA, self: true, responseStatus }, { email: "carol@example.com", responseStatus: "accepted" }];
    const put = (summary: string, fields: Record<string, unknown>) => fake.putEvent(ADA, { summary, start: slot(4, 9), end: slot(4, 10), ...fields });
    put("opaque", {});
    put("transparent", { transparency: "transparent" });
    put("tentative", { status: "tentative" });
    put("declined", { attendees: self("declined") });
    put("accepted", { attendees: self("accepted") });
    put("maybe", { attendees: self("tentative") });
    put("unanswered", { attendees: self("needsAction") });
    put("all day", { start: { date: "2027-01-06" }, end: { date: "2027-01-07" } });
    put("offset", { start: { dateTime: "2027-01-05T09:00:00+02:00" }, end: { dateTime: "2027-01-05T09:30:00+02:00" } });
    put("Escaped, text; with\nlines \\ and more", { description: "a,b;c\nd" });

    const { changed } = await openProvider(fake, ADA).provider.sync(ADA, null);
    const bySummary = new Map(readEvents(changed).map((event, index) => [event.summary, changed[index]!.ics]));
    const nineToTen = [["2027-01-04T09:00:00.000Z", "2027-01-04T10:00:00.000Z"]];
    expect(busyOf(bySummary.get("opaque")!)).toEqual(nineToTen);
    expect(busyOf(bySummary.get("transparent")!)).toEqual([]);
    expect(busyOf(bySummary.get("tentative")!)).toEqual(nineToTen);
    expect(busyOf(bySummary.get("declined")!)).toEqual([]);
    // Declined is free even when Convene knows the owner by another address than the Google account's.
    expect(busyOf(bySummary.get("declined")!, ["ada.at.work@example.org"])).toEqual([]);
    for (const blocking of ["accepted", "maybe", "unanswered"]) expect(busyOf(bySummary.get(blocking)!), blocking).toEqual(nineToTen);
    expect(bySummary.get("declined")).toMatch(/ATTENDEE;PARTSTAT=DECLINED:mailto:ada@example\.com/);
    // An all-day date is the owner's whole day (Europe/Paris here); an offset is read as the instant it names.
    expect(busyOf(bySummary.get("all day")!)).toEqual([["2027-01-05T23:00:00.000Z", "2027-01-06T23:00:00.000Z"]]);
    expect(bySummary.get("all day")).toMatch(/DTSTART;VALUE=DATE:20270106/);
    expect(busyOf(bySummary.get("offset")!)).toEqual([["2027-01-05T07:00:00.000Z", "2027-01-05T07:30:00.000Z"]]);

    const escaped = new ICAL.Component(ICAL.parse(bySummary.get("Escaped, text; with\nlines \\ and more")!)).getFirstSubcomponent("vevent")!;
    expect(escaped.getFirstPropertyValue("description")).toBe("a,b;c\nd");
    const stored = fake.events(ADA).find((event) => event.summary === "opaque")!;
    expect(changed.find((object) => object.href === stored.id)).toMatchObject({ etag: stored.etag });
    expect(readEvents(changed).find((event) => event.summary === "opaque")!.uid).toBe(stored.iCalUID);
  });

  it("creates Convene's events under an id derived from the UID, keeps the booking's UID, and sends Google no invitations", async () => {
    const { provider } = openProvider(fake, ADA);
    const event = ownEvent("0b6a3c3e-1f7e-4c1a-9f4e-2c8d5e6f7a8b@convene");
    event.details = { ...event.details, description: "Notes, with; punctuation", location: "Room 4", timeZone: "Europe/Paris", attendees: [{ email: "bea@example.com", name: "Bea Invitee" }] };
    fake.clearRequests();
    const written = await provider.createEvent(ADA, event);
    expect(written.href).toBe(googleEventIdOf(event.uid));
    expect(written.href).toMatch(/^[a-v0-9]{52}$/);
    expect(eventRequests().filter((request) => request.method === "POST").map((request) => request.query)).toEqual([{ sendUpdates: "none" }]);
    const [stored] = fake.events(ADA);
    expect(stored).toMatchObject({
      id: written.href,
      etag: written.etag,
      description: "Notes, with; punctuation",
      location: "Room 4",
      start: { dateTime: "2027-01-05T10:00:00.000Z", timeZone: "Europe/Paris" },
      attendees: [{ email: "bea@example.com", displayName: "Bea Invitee" }],
    });
    expect(written.conferenceUrl).toBeNull();
    const synced = readEvents((await provider.sync(ADA, null)).changed);
    expect(synced.map((object) => [object.href, object.uid])).toEqual([[written.href, event.uid]]);
  });

  it("asks for a Meet once, returns its link, and keeps the same link when the event is rescheduled", async () => {
    const { provider } = openProvider(fake, ADA);
    const uid = "meet-1@convene.test";
    const withMeet = (times: Parameters<typeof ownEvent>[1] = {}) => {
      const event = ownEvent(uid, times);
      event.details = { ...event.details, conference: "google_meet" };
      return event;
    };
    fake.clearRequests();
    const created = await provider.createEvent(ADA, withMeet());
    expect(created.conferenceUrl).toMatch(/^https:\/\/meet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
    const insert = eventRequests().find((request) => request.method === "POST")!;
    expect(insert.query).toEqual({ sendUpdates: "none", conferenceDataVersion: "1" });

    fake.clearRequests();
    const moved = await provider.updateEvent(ADA, withMeet({ start: "20270108T100000Z", end: "20270108T110000Z" }), created);
    expect(moved.conferenceUrl).toBe(created.conferenceUrl);
    expect(eventRequests().map((request) => [request.method, request.query])).toEqual([["PUT", { sendUpdates: "none" }]]);
    // A retried create of the same booking finds it and keeps its conference.
    expect((await provider.createEvent(ADA, withMeet({ start: "20270108T100000Z", end: "20270108T110000Z" }))).conferenceUrl).toBe(created.conferenceUrl);
    expect(fake.events(ADA)).toHaveLength(1);
    expect(fake.events(ADA)[0]).toMatchObject({ hangoutLink: created.conferenceUrl, start: { dateTime: "2027-01-08T10:00:00.000Z" } });
  });

  it("adds a Meet to an event written without one when the booking now wants it", async () => {
    const { provider } = openProvider(fake, ADA);
    const plain = ownEvent("meet-2@convene.test");
    const created = await provider.createEvent(ADA, plain);
    expect(created.conferenceUrl).toBeNull();
    const updated = await provider.updateEvent(ADA, { ...plain, details: { ...plain.details, conference: "google_meet" } }, created);
    expect(updated.conferenceUrl).toMatch(/^https:\/\/meet\.google\.com\//);
    expect(fake.events(ADA)[0]!.hangoutLink).toBe(updated.conferenceUrl);
  });

  it("makes exactly one event when a create fails with a 500 and is retried", async () => {
    const { provider } = openProvider(fake, ADA);
    const event = ownEvent("retry-1@convene.test");
    fake.failNext(1, { status: 500 });
    await expect(provider.createEvent(ADA, event)).rejects.toMatchObject({ kind: "unavailable", status: 500 });
    const written = await provider.createEvent(ADA, event);
    expect(fake.events(ADA).map((stored) => stored.id)).toEqual([written.href]);
  });

  it("makes exactly one event when the insert landed but its answer was lost, and the retry's content wins", async () => {
    const opened = openProvider(fake, ADA);
    let isAnswerLost = true;
    // The insert reaches Google; its answer does not reach Convene (a 500 from a proxy, a crash).
    const lossy: OAuthApi = async (path, request) => {
      const response = await opened.api(path, request);
      if (request?.method === "POST" && isAnswerLost) {
        isAnswerLost = false;
        return { ...response, status: 500, json: null };
      }
      return response;
    };
    const provider = createGoogleCalendarProvider({ kind: "google", accountId: "a", accountEmail: ADA, tokens: { accessToken: "", refreshToken: "", accessTokenExpiresAtMs: 0, scopes: [] } }, lossy);
    await expect(provider.createEvent(ADA, ownEvent("retry-2@convene.test"))).rejects.toMatchObject({ kind: "unavailable" });
    fake.clearRequests();
    const written = await provider.createEvent(ADA, ownEvent("retry-2@convene.test", { summary: "Renamed before the retry" }));
    expect(eventRequests().map((request) => request.method)).toEqual(["GET", "POST", "GET", "PUT"]);
    expect(fake.events(ADA).map((stored) => [stored.id, stored.summary])).toEqual([[written.href, "Renamed before the retry"]]);
  });

  it("updates with If-Match on the etag it holds: a 412 after the owner's edit re-reads once, and the update wins", async () => {
    const { provider } = openProvider(fake, ADA);
    const uid = "etag-1@convene.test";
    const created = await provider.createEvent(ADA, ownEvent(uid));
    fake.putEvent(ADA, { ...fake.events(ADA)[0]!, summary: "Edited in Google Calendar" });
    fake.clearRequests();
    const updated = await provider.updateEvent(ADA, ownEvent(uid, { summary: "Rescheduled" }), created);
    expect(eventRequests().map((request) => request.method)).toEqual(["PUT", "GET", "PUT"]);
    expect(fake.events(ADA)).toEqual([expect.objectContaining({ id: created.href, etag: updated.etag, summary: "Rescheduled" })]);
    fake.clearRequests();
    await provider.updateEvent(ADA, ownEvent(uid, { summary: "Again" }), updated);
    expect(eventRequests().map((request) => request.method)).toEqual(["PUT"]);
  });

  it("writes an event anew when the one it updates was deleted in Google Calendar, and deletes idempotently", async () => {
    const { provider } = openProvider(fake, ADA);
    const uid = "gone-1@convene.test";
    const created = await provider.createEvent(ADA, ownEvent(uid));
    fake.removeEvent(ADA, created.href);
    const rewritten = await provider.updateEvent(ADA, ownEvent(uid, { summary: "Back" }), created);
    expect(fake.events(ADA).map((stored) => [stored.id, stored.status, stored.summary])).toEqual([[rewritten.href, "confirmed", "Back"]]);
    await provider.deleteEvent(ADA, uid, rewritten);
    await provider.deleteEvent(ADA, uid, null);
    await provider.deleteEvent(ADA, "never-written@convene.test", null);
    expect(fake.events(ADA).map((stored) => stored.status)).toEqual(["cancelled"]);
  });

  it("refreshes once on a 401 and goes on", async () => {
    const { provider, refreshes } = openProvider(fake, ADA);
    fake.expireAccessTokens();
    expect((await provider.listCalendars()).map((calendar) => calendar.remoteId)).toEqual([ADA]);
    expect(refreshes()).toBe(1);
    expect(fake.requests().filter((request) => request.path === "/token")).toHaveLength(1);
  });

  it("fails as auth when the refreshed token is refused too, without refreshing again", async () => {
    const tokens = fake.issueTokens(ADA, SCOPES);
    // The grant is revoked between the refresh and the repeated call.
    const { provider, refreshes } = openProvider(fake, ADA, { tokens, afterRefresh: () => fake.revokeRefreshToken(tokens.refreshToken) });
    fake.expireAccessTokens();
    await expect(provider.sync(ADA, null)).rejects.toMatchObject({ kind: "auth", status: 401 });
    expect(refreshes()).toBe(1);
  });

  it("waits out a 429 or a rate-limit 403 for its Retry-After, and hands a long one to the scheduler", async () => {
    const { provider, waitsMs } = openProvider(fake, ADA);
    fake.putEvent(ADA, { summary: "Busy", start: slot(4, 9), end: slot(4, 10) });
    fake.failNext(1, { status: 429, retryAfterSeconds: 3 });
    expect((await provider.sync(ADA, null)).changed).toHaveLength(1);
    fake.failNext(1, { status: 403, retryAfterSeconds: 2 });
    expect(await provider.listCalendars()).toHaveLength(1);
    expect(waitsMs).toEqual([3000, 2000]);

    fake.failNext(1, { status: 429, retryAfterSeconds: 120 });
    await expect(provider.sync(ADA, null)).rejects.toMatchObject({ kind: "unavailable", status: 429, retryAfterMs: 120_000 });
    expect(waitsMs).toEqual([3000, 2000]);
  });

  it("calls a calendar shared with reader access read-only and refuses writes to it as rejected", async () => {
    fake.addCalendar(BOB, { id: "team@group.calendar.google.com", summary: "Team" });
    fake.shareCalendar("team@group.calendar.google.com", ADA, "reader");
    fake.addCalendar(BOB, { id: "shared@group.calendar.google.com", summary: "Shared" });
    fake.shareCalendar("shared@group.calendar.google.com", ADA, "writer");
    const { provider } = openProvider(fake, ADA);
    const calendars = await provider.listCalendars();
    expect(calendars.map((calendar) => [calendar.remoteId, calendar.readOnly]).sort()).toEqual([
      [ADA, false],
      ["shared@group.calendar.google.com", false],
      ["team@group.calendar.google.com", true],
    ]);
    await expect(provider.createEvent("team@group.calendar.google.com", ownEvent("ro-1@convene.test"))).rejects.toMatchObject({ kind: "rejected", status: 403 });
    expect((await provider.createEvent("shared@group.calendar.google.com", ownEvent("rw-1@convene.test"))).href).toBe(googleEventIdOf("rw-1@convene.test"));
  });

  it("derives distinct, stable base32hex ids", () => {
    expect(googleEventIdOf("a@convene")).toBe(googleEventIdOf("a@convene"));
    expect(googleEventIdOf("a@convene")).not.toBe(googleEventIdOf("b@convene"));
    for (const uid of ["a", "ünïcødé@convene", "x".repeat(2000)]) expect(googleEventIdOf(uid)).toMatch(/^[a-v0-9]{52}$/);
  });
});
