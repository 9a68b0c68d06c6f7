// The synced busy cache and the calendar channel end to end, on the in-memory
// calendar server (the providers' own contract suites prove CalDAV and ICS
// behave the same): busy time blocks slots in every link the host hosts,
// incremental sync, recurring events, the owner's choices, own events not
// counted twice, failures told once, and writes that are never duplicated.
import { expect, it } from "vitest";
import { connectCalendar, type CalDavInput } from "../../src/use-cases/calendars/connections.js";
import { syncConnection } from "../../src/use-cases/calendars/sync-calendars.js";
import type { RequestContext } from "../../src/use-cases/request-context.js";
import { bookingDetail, createLink, book, createLinkAndBook } from "../support/booking-fixtures.js";
import { describeOnEngines } from "../support/engines.js";
import { mintTenantIdForTest } from "../support/tenant.js";
import { bearer, useTestApp, useTestJobs, type Owner, type TestApp } from "../support/test-app.js";

/** A VCALENDAR with one VEVENT (times in UTC unless the lines say otherwise). */
export function icsEvent(uid: string, start: string, end: string, extra: string[] = []): string {
  const utc = (iso: string) => iso.replace(/[-:]/g, "").replace(/\.\d{3}/, "");
  return [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Convene tests//EN",
    "BEGIN:VEVENT",
    `UID:${uid}`,
    "DTSTAMP:20261101T000000Z",
    `DTSTART:${utc(start)}`,
    `DTEND:${utc(end)}`,
    "SUMMARY:Busy elsewhere",
    ...extra,
    "END:VEVENT",
    "END:VCALENDAR",
    "",
  ].join("\r\n");
}

async function tenantOf(t: TestApp, owner: Owner) {
  const { rows } = await t.database.executeSql("select tenant_id from users where id = $1", [owner.userId]);
  return mintTenantIdForTest((rows[0] as { tenant_id: string }).tenant_id);
}

async function ownerContext(t: TestApp, owner: Owner): Promise<RequestContext> {
  return { auth: { tenantId: await tenantOf(t, owner), userId: owner.userId, role: "owner", actor: { type: "user", id: owner.userId }, sessionId: null, csrfToken: null }, ip: null, nowMs: t.clock.nowMs };
}

/** Connects an account of the memory server with one calendar, as POST /calendars/caldav would a real one. */
async function connectMemory(t: TestApp, owner: Owner, accountId: string) {
  const calendarId = t.calendarServer.addCalendar(accountId, { name: `${accountId} work` });
  const connection = await connectCalendar(t.deps, await ownerContext(t, owner), { kind: "memory", accountId }, { provider: "memory", label: accountId, serverUrl: "memory:", username: null });
  return { connection, calendarId };
}

async function syncNow(t: TestApp, owner: Owner, connectionId: string) {
  const response = await t.app.inject({ method: "POST", url: `/api/v1/calendars/${connectionId}/sync`, headers: bearer(owner) });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

async function slotStarts(t: TestApp, apiPath: string, from = "2026-12-01T00:00:00Z", to = "2026-12-03T00:00:00Z"): Promise<string[]> {
  const response = await t.app.inject({ method: "GET", url: `${apiPath}/slots?from=${from}&to=${to}` });
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as { days: { slots: { start: string }[] }[] }).days.flatMap((day) => day.slots.map((slot) => slot.start));
}

// Tuesday 1 December 2026 in New York (the booking fixtures' NY weekday link: 09:00–17:00, 30-minute slots).
const TEN = "2026-12-01T15:00:00.000Z";
const TEN_THIRTY = "2026-12-01T15:30:00.000Z";
const ELEVEN = "2026-12-01T16:00:00.000Z";

describeOnEngines("calendar busy time", (engine) => {
  const t = useTestApp(engine, { owners: { alice: "alice", bob: "bob", carol: "carol", dan: "dan", erin: "erin", fay: "fay", gina: "gina", hana: "hana" } });
  const jobs = useTestJobs(t, { limit: 5, delaySeconds: 1 });

  it("blocks the host's slots in every link they host, and frees them when the event goes", async () => {
    const { connection, calendarId } = await connectMemory(t, t.alice, "alice-account");
    const [first, second] = [await createLink(t.app, t.alice), await createLink(t.app, t.alice, { slug: "second-link" })];
    expect(await slotStarts(t, first.apiPath)).toContain(TEN);

    t.calendarServer.addObject(calendarId, icsEvent("dentist@example.com", TEN, ELEVEN));
    const synced = await syncNow(t, t.alice, connection.id);
    expect(synced).toMatchObject({ status: "ok", lastError: null, staleSeconds: 0 });
    for (const link of [first, second]) {
      const starts = await slotStarts(t, link.apiPath);
      expect(starts).not.toContain(TEN);
      expect(starts).not.toContain(TEN_THIRTY);
      expect(starts).toContain(ELEVEN);
    }
    // Booking the busy time says why: the host is busy, not "someone else booked it".
    const refused = await book(t.app, first.apiPath, TEN);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe("BUSY");

    t.calendarServer.removeObject(calendarId, t.calendarServer.hrefOfUid(calendarId, "dentist@example.com")!);
    await syncNow(t, t.alice, connection.id);
    expect(await slotStarts(t, first.apiPath)).toContain(TEN);
  });

  it("expands recurring events with their exceptions, and follows the owner's conflict choice without a resync", async () => {
    const { connection, calendarId } = await connectMemory(t, t.bob, "bob-account");
    const link = await createLink(t.app, t.bob);
    // Every weekday 10:00–10:30 New York time, except Wednesday 2 December.
    t.calendarServer.addObject(
      calendarId,
      [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Convene tests//EN",
        "BEGIN:VEVENT",
        "UID:standup@example.com",
        "DTSTAMP:20261101T000000Z",
        "DTSTART;TZID=America/New_York:20261102T100000",
        "DTEND;TZID=America/New_York:20261102T103000",
        "RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
        "EXDATE;TZID=America/New_York:20261202T100000",
        "END:VEVENT",
        "END:VCALENDAR",
        "",
      ].join("\r\n"),
    );
    await syncNow(t, t.bob, connection.id);
    const starts = await slotStarts(t, link.apiPath);
    expect(starts).not.toContain(TEN);
    expect(starts).toContain("2026-12-02T15:00:00.000Z");

    const listed = (await t.app.inject({ method: "GET", url: "/api/v1/calendars", headers: bearer(t.bob) })).json().items[0];
    const patched = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/calendars/${connection.id}`,
      headers: bearer(t.bob),
      payload: { calendars: [{ id: listed.calendars[0].id, isConflict: false }] },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(await slotStarts(t, link.apiPath)).toContain(TEN);
  });

  it("writes a booking into the host's calendar with the invite's UID, moves it and removes it, once", async () => {
    const { calendarId } = await connectMemory(t, t.carol, "carol-account");
    const { booking, managePath } = await createLinkAndBook(t.app, t.carol, { start: TEN });
    await jobs.relayOnce(t.clock.nowMs);
    await expect.poll(async () => (await bookingDetail(t.app, t.carol, booking.id)).calendarWrites[0]?.state, { timeout: 10_000 }).toBe("written");
    const uid = `${booking.id}@convene`;
    const [written] = t.calendarServer.objects(calendarId);
    expect(t.calendarServer.objects(calendarId)).toHaveLength(1);
    expect(written!.ics).toContain(`UID:${uid}`);
    expect(written!.ics).not.toContain("METHOD:");
    expect(written!.ics).toContain("DTSTART:20261201T150000Z");

    const moved = await t.app.inject({ method: "POST", url: `${managePath}/reschedule`, payload: { start: ELEVEN } });
    expect(moved.statusCode, moved.body).toBe(200);
    await jobs.relayOnce(t.clock.nowMs);
    await expect.poll(() => t.calendarServer.objects(calendarId)[0]?.ics.includes("DTSTART:20261201T160000Z"), { timeout: 10_000 }).toBe(true);
    expect(t.calendarServer.objects(calendarId)).toHaveLength(1);

    const cancelled = await t.app.inject({ method: "POST", url: `${managePath}/cancel`, payload: {} });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    await jobs.relayOnce(t.clock.nowMs);
    await expect.poll(() => t.calendarServer.objects(calendarId).length, { timeout: 10_000 }).toBe(0);
    await expect.poll(async () => (await bookingDetail(t.app, t.carol, booking.id)).calendarWrites[0]?.state, { timeout: 10_000 }).toBe("removed");
  });

  it("does not count Convene's own events twice: a booking's event in the calendar blocks nothing by itself", async () => {
    const { connection, calendarId } = await connectMemory(t, t.dan, "dan-account");
    const { booking, link, managePath } = await createLinkAndBook(t.app, t.dan, { start: TEN });
    await jobs.relayOnce(t.clock.nowMs);
    await expect.poll(() => t.calendarServer.objects(calendarId).length, { timeout: 10_000 }).toBe(1);
    await syncNow(t, t.dan, connection.id);
    // Cancelled while its calendar event is still there (the relay has not run): the time is free again at once.
    expect((await t.app.inject({ method: "POST", url: `${managePath}/cancel`, payload: {} })).statusCode).toBe(200);
    expect(t.calendarServer.hrefOfUid(calendarId, `${booking.id}@convene`)).not.toBeNull();
    expect(await slotStarts(t, link.apiPath)).toContain(TEN);
    await jobs.relayOnce(t.clock.nowMs);
  });

  it("retries a write while the server is down and never duplicates the event", async () => {
    const { calendarId } = await connectMemory(t, t.erin, "erin-account");
    t.calendarServer.setFailure("unavailable", "erin-account");
    const { booking } = await createLinkAndBook(t.app, t.erin, { start: TEN });
    await jobs.relayOnce(t.clock.nowMs);
    await expect
      .poll(async () => (await bookingDetail(t.app, t.erin, booking.id)).calendarWrites[0], { timeout: 10_000 })
      .toMatchObject({ state: "pending", attempts: expect.any(Number), lastError: expect.any(String) });
    // A crashed attempt already put the event there (the write succeeded, recording it did not).
    t.calendarServer.setFailure(null, "erin-account");
    await t.deps.calendarProviders({ kind: "memory", accountId: "erin-account" }).createEvent(calendarId, {
      uid: `${booking.id}@convene`,
      ics: icsEvent(`${booking.id}@convene`, TEN, TEN_THIRTY),
      details: { summary: "Busy", description: "", location: null, startMs: Date.parse(TEN), endMs: Date.parse(TEN_THIRTY), timeZone: "UTC", attendees: [], conference: null },
    });
    await expect.poll(async () => (await bookingDetail(t.app, t.erin, booking.id)).calendarWrites[0]?.state, { timeout: 20_000 }).toBe("written");
    expect(t.calendarServer.objects(calendarId)).toHaveLength(1);
    expect(t.calendarServer.objects(calendarId)[0]!.ics).toContain("SUMMARY:Intro call");
  });

  it("a write that finds the credentials refused marks the connection and tells the owner, once", async () => {
    const { connection } = await connectMemory(t, t.hana, "hana-account");
    t.calendarServer.setFailure("auth", "hana-account");
    const { booking } = await createLinkAndBook(t.app, t.hana, { start: TEN });
    await jobs.relayOnce(t.clock.nowMs);
    await expect.poll(async () => (await bookingDetail(t.app, t.hana, booking.id)).calendarWrites[0]?.attempts, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    const listed = (await t.app.inject({ method: "GET", url: `/api/v1/calendars/${connection.id}`, headers: bearer(t.hana) })).json();
    expect(listed).toMatchObject({ status: "needs_reconnect", lastError: expect.stringMatching(/./) });
    expect(await reconnectMails(t, t.hana)).toBe(1);
    t.calendarServer.setFailure(null, "hana-account");
  });

  it("marks refused credentials needs_reconnect and emails the owner once; an outage keeps the last busy time", async () => {
    const { connection, calendarId } = await connectMemory(t, t.fay, "fay-account");
    const link = await createLink(t.app, t.fay);
    t.calendarServer.addObject(calendarId, icsEvent("gym@example.com", TEN, ELEVEN));
    await syncNow(t, t.fay, connection.id);

    t.calendarServer.setFailure("unavailable", "fay-account");
    t.clock.nowMs += 90_000;
    const down = await syncNow(t, t.fay, connection.id);
    expect(down).toMatchObject({ status: "error", staleSeconds: 90 });
    expect(down.lastError).toBeTruthy();
    expect(await slotStarts(t, link.apiPath)).not.toContain(TEN);

    t.calendarServer.setFailure("auth", "fay-account");
    const outboxBefore = await reconnectMails(t, t.fay);
    expect((await syncNow(t, t.fay, connection.id)).status).toBe("needs_reconnect");
    await syncNow(t, t.fay, connection.id);
    expect((await reconnectMails(t, t.fay)) - outboxBefore).toBe(1);
    expect(await slotStarts(t, link.apiPath)).not.toContain(TEN);

    t.calendarServer.setFailure(null, "fay-account");
    expect((await syncNow(t, t.fay, connection.id)).status).toBe("ok");
    t.clock.nowMs -= 90_000;
  });

  it("blocks a team member's time in collective links and hands round-robin bookings to the free host", async () => {
    const member = (
      await t.app.inject({ method: "POST", url: "/api/v1/members", headers: bearer(t.gina), payload: { email: `member-${engine}@example.com`, name: "Member", timeZone: "America/New_York" } })
    ).json();
    const memberContext = { ...(await ownerContext(t, t.gina)), auth: { ...(await ownerContext(t, t.gina)).auth, userId: member.id, actor: { type: "user" as const, id: member.id } } };
    const calendarId = t.calendarServer.addCalendar("member-account", { name: "Member's work" });
    await connectCalendar(t.deps, memberContext, { kind: "memory", accountId: "member-account" }, { provider: "memory", label: "member", serverUrl: "memory:", username: null });
    t.calendarServer.addObject(calendarId, icsEvent("offsite@example.com", TEN, ELEVEN));
    const connection = (await t.deps.store.calendars.listConnections(await tenantOf(t, t.gina), { userId: member.id }))[0]!;
    await syncConnection(t.deps, await tenantOf(t, t.gina), connection.id, t.clock.nowMs);

    const hosts = [t.gina.userId, member.id];
    const collective = await createLink(t.app, t.gina, { slug: "team-all", hostMode: "collective", hostUserIds: hosts });
    expect(await slotStarts(t, collective.apiPath)).not.toContain(TEN);
    const roundRobin = await createLink(t.app, t.gina, { slug: "team-rr", hostMode: "round_robin", hostUserIds: hosts });
    expect(await slotStarts(t, roundRobin.apiPath)).toContain(TEN);
    const booked = await book(t.app, roundRobin.apiPath, TEN);
    expect(booked.statusCode, booked.body).toBe(201);
    expect((await bookingDetail(t.app, t.gina, booked.json().id)).hostUserIds).toEqual([t.gina.userId]);
  });

  it("refuses what it cannot connect, with a clear problem", async () => {
    const wrongScheme = await t.app.inject({ method: "POST", url: "/api/v1/calendars/ics", headers: bearer(t.alice), payload: { url: "ftp://example.com/cal.ics" } });
    expect(wrongScheme.statusCode).toBe(400);
    expect(wrongScheme.json().code).toBe("VALIDATION_FAILED");
    const caldav: CalDavInput = { serverUrl: "http://127.0.0.1:1/dav", username: "x", password: "y" };
    const unreachable = await t.app.inject({ method: "POST", url: "/api/v1/calendars/caldav", headers: bearer(t.alice), payload: caldav });
    expect(unreachable.statusCode).toBe(502);
    expect(unreachable.json().code).toBe("CALENDAR_UNREACHABLE");
    const missing = await t.app.inject({ method: "POST", url: "/api/v1/calendars/00000000-0000-4000-8000-000000000000/sync", headers: bearer(t.alice) });
    expect(missing.statusCode).toBe(404);
    // Another organisation's connection does not exist for this one.
    const bobs = (await t.app.inject({ method: "GET", url: "/api/v1/calendars", headers: bearer(t.bob) })).json().items[0];
    expect((await t.app.inject({ method: "DELETE", url: `/api/v1/calendars/${bobs.id}`, headers: bearer(t.alice) })).statusCode).toBe(404);
  });

  it("forgets a disconnected calendar's busy time at once", async () => {
    const items = (await t.app.inject({ method: "GET", url: "/api/v1/calendars", headers: bearer(t.fay) })).json().items;
    const link = await createLink(t.app, t.fay, { slug: "after-disconnect" });
    expect(await slotStarts(t, link.apiPath)).not.toContain(TEN);
    expect((await t.app.inject({ method: "DELETE", url: `/api/v1/calendars/${items[0].id}`, headers: bearer(t.fay) })).statusCode).toBe(204);
    expect(await slotStarts(t, link.apiPath)).toContain(TEN);
  });
});

async function reconnectMails(t: TestApp, owner: Owner): Promise<number> {
  const { rows } = await t.database.executeSql("select count(*)::int as n from mail_outbox where to_email = $1 and subject like 'Reconnect your calendar%'", [owner.email]);
  return (rows[0] as { n: number }).n;
}
