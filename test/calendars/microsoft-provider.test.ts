// The Microsoft Graph provider against the Microsoft fake (test/fakes/microsoft):
// the calendar contract, then what is Graph's own: delta paging, @removed,
// expired tokens, the sync window, showAs and Windows zones, series, Teams
// links, transactionId retries, throttling and the 401 refresh.
import { randomUUID } from "node:crypto";
import ICAL from "ical.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createMicrosoftCalendarProvider } from "../../src/adapters/calendars/microsoft/microsoft-calendar-provider.js";
import { createOAuthApi } from "../../src/adapters/calendars/oauth-api.js";
import { createSafeFetch } from "../../src/adapters/calendars/safe-fetch.js";
import { expandBusy } from "../../src/core/calendars/busy-events.js";
import { CalendarFailure } from "../../src/core/calendars/calendar-errors.js";
import { bookingIdOfUid, bookingUid } from "../../src/core/calendars/connections.js";
import type { CalendarProvider, OAuthAccess, OwnEvent, RemoteObject } from "../../src/use-cases/ports/calendars.js";
import { startMicrosoftFake, type MicrosoftFake } from "../fakes/microsoft/microsoft-fake.js";
import { eventIcs, ownEvent, readEvents, runCalendarContract } from "./calendar-contract.js";

const CLIENT = { clientId: "c0ffee00-1111-2222-3333-444444444444", clientSecret: "client-secret", redirectUris: ["http://127.0.0.1:9/callback"] };
const ACCOUNT_EMAIL = "host@contoso.example";
/** The provider's clock: the contract's events (January 2027) are inside its window. */
const NOW_MS = Date.parse("2026-12-01T00:00:00Z");
const safeFetch = createSafeFetch({ allowPrivateUrls: true, timeoutMs: 10_000, maxBodyBytes: 5_000_000 });

/** A tiny OAuthAccess: the real one (refresh before expiry, rotation, storage) is the connect flow's. */
function testAccess(fake: MicrosoftFake, tokens: { accessToken: string; refreshToken: string }) {
  let current = tokens;
  const state = { refreshes: 0 };
  const access: OAuthAccess = {
    accessToken: async () => current.accessToken,
    async refreshAfterRejection() {
      state.refreshes += 1;
      const response = await fetch(`${fake.authorityUrl}/oauth2/v2.0/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret, grant_type: "refresh_token", refresh_token: current.refreshToken }),
      });
      const body = (await response.json()) as { access_token?: string; refresh_token?: string; error?: string };
      if (!response.ok || !body.access_token) throw new CalendarFailure("auth", `the refresh was refused (${body.error ?? response.status})`, { status: response.status });
      current = { accessToken: body.access_token, refreshToken: body.refresh_token ?? current.refreshToken };
      return current.accessToken;
    },
  };
  return { access, state };
}

type Harness = {
  fake: MicrosoftFake;
  userId: string;
  calendarId: string;
  readOnlyCalendarId: string;
  refreshes: () => number;
  sleeps: number[];
  clock: { nowMs: number };
  provider: CalendarProvider;
  providerWith(tokens: { accessToken: string; refreshToken: string }): CalendarProvider;
};

async function startHarness(): Promise<Harness> {
  const fake = await startMicrosoftFake({ clients: [CLIENT] });
  const userId = fake.addUser({ mail: ACCOUNT_EMAIL, displayName: "Ada Host" }).id;
  const calendarId = fake.addCalendar(userId, { name: "Calendar", isDefaultCalendar: true }).id;
  const readOnlyCalendarId = fake.addCalendar(userId, { name: "Team holidays (shared)", canEdit: false }).id;
  fake.addEvent(readOnlyCalendarId, { subject: "Holiday", start: "2027-01-04T00:00:00Z", end: "2027-01-05T00:00:00Z", iCalUId: "holiday-1" });
  const sleeps: number[] = [];
  const clock = { nowMs: NOW_MS };
  let lastAccess: ReturnType<typeof testAccess> | null = null;
  const providerWith = (tokens: { accessToken: string; refreshToken: string }) => {
    lastAccess = testAccess(fake, tokens);
    const api = createOAuthApi({ baseUrl: fake.graphUrl, access: lastAccess.access, fetch: safeFetch, sleep: async (ms) => void sleeps.push(ms) });
    return createMicrosoftCalendarProvider({ kind: "microsoft", accountId: userId, accountEmail: ACCOUNT_EMAIL, tokens: { ...tokens, accessTokenExpiresAtMs: 0, scopes: [] } }, api, {
      nowMs: () => clock.nowMs,
    });
  };
  const provider = providerWith(fake.issueTokens(userId, CLIENT.clientId));
  const access = lastAccess!;
  return { fake, userId, calendarId, readOnlyCalendarId, refreshes: () => access.state.refreshes, sleeps, clock, provider, providerWith };
}

/** Another client's event from iCalendar text, as Outlook holds it (an imported invite keeps its UID as iCalUId). */
function addFromIcs(fake: MicrosoftFake, calendarId: string, ics: string): string {
  const event = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent("vevent")!;
  const time = (name: string) => (event.getFirstPropertyValue(name) as ICAL.Time).toJSDate().toISOString();
  return fake.addEvent(calendarId, { subject: String(event.getFirstPropertyValue("summary")), start: time("dtstart"), end: time("dtend"), iCalUId: String(event.getFirstPropertyValue("uid")) });
}

function editFromIcs(fake: MicrosoftFake, eventId: string, ics: string): void {
  const event = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent("vevent")!;
  const time = (name: string) => (event.getFirstPropertyValue(name) as ICAL.Time).toJSDate().toISOString();
  fake.editEvent(eventId, { subject: String(event.getFirstPropertyValue("summary")), start: time("dtstart"), end: time("dtend") });
}

runCalendarContract({
  name: "Microsoft Graph (fake)",
  async newProvider() {
    const harness = await startHarness();
    const { fake, calendarId, provider } = harness;
    return {
      provider,
      calendarId,
      isReadOnly: false,
      readOnlyCalendar: { provider, calendarId: harness.readOnlyCalendarId },
      mutate: {
        add: async (ics) => void addFromIcs(fake, calendarId, ics),
        change: async (href, ics) => editFromIcs(fake, href, ics),
        remove: async (href) => fake.deleteEvent(href),
      },
      withRefusedCredentials: () => {
        const tokens = fake.issueTokens(harness.userId, CLIENT.clientId);
        fake.revokeRefreshToken(tokens.refreshToken);
        return { provider: harness.providerWith({ accessToken: "fake-at.never-issued", refreshToken: tokens.refreshToken }), calendarId };
      },
      stopServer: () => fake.stopListening(),
      startServer: () => fake.listenAgain(),
      async forgottenCursor() {
        const { cursor } = await provider.sync(calendarId, null);
        fake.expireDeltaTokens();
        return cursor!;
      },
      stop: () => fake.stop(),
    };
  },
});

describe("Microsoft Graph provider", () => {
  let harness: Harness;
  beforeEach(async () => {
    harness = await startHarness();
  });
  afterEach(async () => {
    await harness.fake.stop();
  });

  const deltaRequests = () => harness.fake.requests.filter((request) => request.path.endsWith("/calendarView/delta"));
  const busyOf = (object: RemoteObject) =>
    expandBusy(object.ics, { windowStartMs: NOW_MS, windowEndMs: NOW_MS + 400 * 86_400_000, defaultTimeZone: "Europe/Berlin", ownerEmails: ["someone-else@convene.test"] }).busy;

  it("pages a first round by nextLink over a window from a day ago, then resumes from the deltaLink", async () => {
    const { fake, provider, calendarId } = harness;
    for (let day = 0; day < 230; day += 1) fake.addEvent(calendarId, { subject: `Event ${day}`, start: new Date(NOW_MS + day * 3_600_000).toISOString(), end: new Date(NOW_MS + (day + 1) * 3_600_000).toISOString() });
    const first = await provider.sync(calendarId, null);
    expect(first.full).toBe(true);
    expect(new Set(first.changed.map((object) => object.href)).size).toBe(230);
    const requests = deltaRequests();
    expect(requests).toHaveLength(3);
    expect(requests[0]!.query).toMatchObject({ startDateTime: new Date(NOW_MS - 86_400_000).toISOString(), endDateTime: new Date(NOW_MS + 400 * 86_400_000).toISOString() });
    expect(requests.slice(1).map((request) => Object.keys(request.query))).toEqual([["$skiptoken"], ["$skiptoken"]]);

    const again = await provider.sync(calendarId, first.cursor);
    expect(again).toMatchObject({ full: false, changed: [], removedHrefs: [] });
    expect(deltaRequests().at(-1)!.query).toEqual({ $deltatoken: expect.any(String) });
  });

  it("reports events deleted in Outlook as removed hrefs", async () => {
    const { fake, provider, calendarId } = harness;
    const kept = fake.addEvent(calendarId, { subject: "Kept", start: "2027-01-05T10:00:00Z", end: "2027-01-05T11:00:00Z" });
    const gone = fake.addEvent(calendarId, { subject: "Gone", start: "2027-01-05T12:00:00Z", end: "2027-01-05T13:00:00Z" });
    const first = await provider.sync(calendarId, null);
    fake.deleteEvent(gone);
    const second = await provider.sync(calendarId, first.cursor);
    expect(second).toMatchObject({ full: false, changed: [], removedHrefs: [gone] });
    expect(first.changed.map((object) => object.href).sort()).toEqual([kept, gone].sort());
  });

  it("answers an expired delta token (410 Gone) with a full round", async () => {
    const { fake, provider, calendarId } = harness;
    const id = fake.addEvent(calendarId, { subject: "Standup", start: "2027-01-05T09:00:00Z", end: "2027-01-05T09:15:00Z" });
    const first = await provider.sync(calendarId, null);
    fake.expireDeltaTokens();
    const second = await provider.sync(calendarId, first.cursor);
    expect(second.full).toBe(true);
    expect(second.changed.map((object) => object.href)).toEqual([id]);
    expect(deltaRequests().map((request) => Object.keys(request.query)[0])).toEqual(["startDateTime", "$deltatoken", "startDateTime"]);
    expect(await provider.sync(calendarId, second.cursor)).toMatchObject({ full: false, changed: [] });
  });

  it("starts a new window once the old one reaches less than 370 days ahead", async () => {
    const { provider, calendarId, clock } = harness;
    const first = await provider.sync(calendarId, null);
    clock.nowMs = NOW_MS + 29 * 86_400_000;
    expect((await provider.sync(calendarId, first.cursor)).full).toBe(false);
    clock.nowMs = NOW_MS + 31 * 86_400_000;
    const moved = await provider.sync(calendarId, first.cursor);
    expect(moved.full).toBe(true);
    expect(deltaRequests().at(-1)!.query.startDateTime).toBe(new Date(clock.nowMs - 86_400_000).toISOString());
  });

  it("blocks busy, tentative, oof and unknown time; not free, workingElsewhere, cancelled or declined events", async () => {
    const { fake, provider, calendarId } = harness;
    const at = (hour: number) => ({ start: `2027-01-05T${String(hour).padStart(2, "0")}:00:00Z`, end: `2027-01-05T${String(hour).padStart(2, "0")}:30:00Z` });
    const ids = {
      busy: fake.addEvent(calendarId, { subject: "busy", showAs: "busy", ...at(8) }),
      tentative: fake.addEvent(calendarId, { subject: "tentative", showAs: "tentative", ...at(9) }),
      oof: fake.addEvent(calendarId, { subject: "oof", showAs: "oof", ...at(10) }),
      unknown: fake.addEvent(calendarId, { subject: "unknown", showAs: "unknown", ...at(11) }),
      free: fake.addEvent(calendarId, { subject: "free", showAs: "free", ...at(12) }),
      workingElsewhere: fake.addEvent(calendarId, { subject: "workingElsewhere", showAs: "workingElsewhere", ...at(13) }),
      cancelled: fake.addEvent(calendarId, { subject: "cancelled", isCancelled: true, ...at(14) }),
      declined: fake.addEvent(calendarId, { subject: "declined", response: "declined", ...at(15) }),
    };
    const { changed } = await provider.sync(calendarId, null);
    const blocking = Object.entries(ids)
      .filter(([, id]) => busyOf(changed.find((object) => object.href === id)!).length > 0)
      .map(([name]) => name);
    expect(blocking).toEqual(["busy", "tentative", "oof", "unknown"]);
    expect(busyOf(changed.find((object) => object.href === ids.busy)!)).toEqual([{ startMs: Date.parse(at(8).start), endMs: Date.parse(at(8).end) }]);
    // The owner's decline is also there as their PARTSTAT, under the account's address.
    expect(changed.find((object) => object.href === ids.declined)!.ics).toMatch(/ATTENDEE;PARTSTAT=DECLINED:mailto:host@contoso\.example/);
  });

  it("syncs each occurrence of a series as its own event, and all-day events as dates", async () => {
    const { fake, provider, calendarId } = harness;
    const series = fake.addSeries(calendarId, { subject: "Weekly", start: "2027-01-04T15:00:00Z", end: "2027-01-04T16:00:00Z", count: 3, everyDays: 7 });
    const allDay = fake.addEvent(calendarId, { subject: "Offsite", start: "2027-01-08T00:00:00Z", end: "2027-01-09T00:00:00Z", isAllDay: true });
    const { changed } = await provider.sync(calendarId, null);
    expect(changed.map((object) => object.href).sort()).toEqual([...series.occurrenceIds, allDay].sort());
    const occurrences = readEvents(changed.filter((object) => series.occurrenceIds.includes(object.href)));
    expect(occurrences.map((event) => event.start).sort()).toEqual(["2027-01-04T15:00:00Z", "2027-01-11T15:00:00Z", "2027-01-18T15:00:00Z"]);
    expect(new Set(occurrences.map((event) => event.uid)).size).toBe(3);
    const offsite = changed.find((object) => object.href === allDay)!;
    expect(offsite.ics).toMatch(/DTSTART;VALUE=DATE:20270108/);
    // A whole day in the calendar's zone (Berlin here), not in UTC.
    expect(busyOf(offsite)).toEqual([{ startMs: Date.parse("2027-01-07T23:00:00Z"), endMs: Date.parse("2027-01-08T23:00:00Z") }]);
  });

  it("writes in the host's zone under its Windows name and reads it back to the same instant", async () => {
    const { fake, provider, calendarId } = harness;
    const event = withDetails(ownEvent("zoned@convene.test", { start: "20270705T070000Z", end: "20270705T080000Z" }), { timeZone: "Europe/Berlin" });
    const written = await provider.createEvent(calendarId, event);
    const stored = await graphGet(fake, harness.userId, `/v1.0/me/events/${written.href}`);
    expect(stored.start).toEqual({ dateTime: "2027-07-05T09:00:00.0000000", timeZone: "W. Europe Standard Time" });
    expect(fake.eventsOf(calendarId)[0]).toMatchObject({ startMs: Date.parse("2027-07-05T07:00:00Z"), endMs: Date.parse("2027-07-05T08:00:00Z") });
  });

  it("gives Convene's own events their booking UID back through sync, so sync-calendars knows them", async () => {
    const { provider, calendarId } = harness;
    const uid = bookingUid(randomUUID());
    const written = await provider.createEvent(calendarId, ownEvent(uid));
    const [object] = (await provider.sync(calendarId, null)).changed;
    expect(object!.href).toBe(written.href);
    expect(readEvents([object!])[0]!.uid).toBe(uid);
    expect(bookingIdOfUid(readEvents([object!])[0]!.uid)).toBe(uid.replace("@convene", ""));
  });

  it("creates a Teams meeting and keeps its join link when the event is rescheduled", async () => {
    const { fake, provider, calendarId } = harness;
    const event = withDetails(ownEvent("teams@convene.test"), { conference: "teams" });
    const created = await provider.createEvent(calendarId, event);
    expect(created.conferenceUrl).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//);
    const moved = withDetails(ownEvent("teams@convene.test", { start: "20270106T100000Z", end: "20270106T110000Z" }), { conference: "teams" });
    const updated = await provider.updateEvent(calendarId, moved, created);
    expect(updated.conferenceUrl).toBe(created.conferenceUrl);
    expect(fake.eventsOf(calendarId)).toEqual([expect.objectContaining({ startMs: Date.parse("2027-01-06T10:00:00Z") })]);
    // Without conferencing there is no link to report.
    expect((await provider.createEvent(calendarId, ownEvent("plain@convene.test"))).conferenceUrl).toBeNull();
  });

  it("makes one event when a create failed with a 500 and is retried", async () => {
    const { fake, provider, calendarId } = harness;
    const event = ownEvent("retried@convene.test");
    fake.failNext(1, { status: 500 });
    await expect(provider.createEvent(calendarId, event)).rejects.toMatchObject({ kind: "unavailable", status: 500 });
    const first = await provider.createEvent(calendarId, event);
    const again = await provider.createEvent(calendarId, event);
    expect(again.href).toBe(first.href);
    expect(fake.eventsOf(calendarId)).toEqual([expect.objectContaining({ id: first.href, transactionId: "convene-uid:retried@convene.test" })]);
  });

  it("writes the event again when the owner deleted it in Outlook before a reschedule", async () => {
    const { fake, provider, calendarId } = harness;
    const created = await provider.createEvent(calendarId, ownEvent("deleted@convene.test"));
    fake.deleteEvent(created.href);
    const moved = await provider.updateEvent(calendarId, ownEvent("deleted@convene.test", { start: "20270108T100000Z", end: "20270108T110000Z" }), created);
    expect(moved.href).not.toBe(created.href);
    expect(fake.eventsOf(calendarId)).toEqual([expect.objectContaining({ id: moved.href, startMs: Date.parse("2027-01-08T10:00:00Z") })]);
  });

  it("waits out a 429 for as long as Retry-After says, then carries on", async () => {
    const { fake, provider } = harness;
    fake.failNext(1, { status: 429, retryAfterSeconds: 3 });
    expect((await provider.listCalendars()).map((calendar) => [calendar.name, calendar.readOnly])).toEqual([
      ["Calendar", false],
      ["Team holidays (shared)", true],
    ]);
    expect(harness.sleeps).toEqual([3_000]);
  });

  it("refreshes the token once on a 401, and fails as auth when the grant is gone", async () => {
    const { fake, provider, calendarId } = harness;
    fake.expireAccessTokens();
    expect((await provider.sync(calendarId, null)).full).toBe(true);
    expect(harness.refreshes()).toBe(1);
    fake.expireAccessTokens();
    fake.revokeAllRefreshTokens(harness.userId);
    await expect(provider.sync(calendarId, null)).rejects.toMatchObject({ kind: "auth" });
    expect(harness.refreshes()).toBe(2);
  });

  it("rejects writes to a calendar shared read-only, and deletes what is already gone", async () => {
    const { provider, readOnlyCalendarId, calendarId } = harness;
    await expect(provider.createEvent(readOnlyCalendarId, ownEvent("ro@convene.test"))).rejects.toMatchObject({ kind: "rejected", status: 403 });
    await expect(provider.deleteEvent(calendarId, "x@convene.test", { href: "AAMk-not-there", etag: null })).resolves.toBeUndefined();
    await expect(provider.createEvent(calendarId, { ...ownEvent("a@convene.test"), ics: eventIcs("b@convene.test") })).rejects.toMatchObject({ kind: "rejected" });
  });
});

function withDetails(event: OwnEvent, details: Partial<OwnEvent["details"]>): OwnEvent {
  return { ...event, details: { ...event.details, ...details } };
}

async function graphGet(fake: MicrosoftFake, userId: string, path: string): Promise<Record<string, unknown>> {
  const { accessToken } = fake.issueTokens(userId, CLIENT.clientId);
  const response = await fetch(`${fake.graphUrl}${path}`, { headers: { authorization: `Bearer ${accessToken}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}
