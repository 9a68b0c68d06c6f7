// Google Meet and Teams locations (issue 13, item 5), Convene's side: the
// host's calendar makes one meeting per booking and answers its link; the
// confirmation waits for it (bounded), then the emails, the invite, the
// manage page, the booking view and the .ics all carry it, and a reschedule
// keeps it. The memory calendar stands in for Google and Graph: a connection
// row of provider "google"/"microsoft" reaches a memory account, whose server
// makes a deterministic meeting on a conference request, as they do.
// Deliveries are driven one by one here (fan-out, then deliverQueued), so
// "the email waited" is a state asserted, never a timing.
import ICAL from "ical.js";
import { expect, it } from "vitest";
import { CONFERENCE_WAIT_MS } from "../../src/core/booking/conference-location.js";
import { bookingUid } from "../../src/core/calendars/connections.js";
import type { TenantId } from "../../src/core/tenancy.js";
import { defaultChannels } from "../../src/main.js";
import { connectCalendar } from "../../src/use-cases/calendars/connections.js";
import { deliverQueued } from "../../src/use-cases/deliveries/deliver.js";
import { fanOutEvents } from "../../src/use-cases/deliveries/fan-out.js";
import type { DeliveryRecord } from "../../src/use-cases/ports/deliveries.js";
import type { RequestContext } from "../../src/use-cases/request-context.js";
import { book, bookingDetail, createLink, managePath, MEETING_START } from "../support/booking-fixtures.js";
import { describeOnEngines } from "../support/engines.js";
import { mintTenantIdForTest } from "../support/tenant.js";
import { bearer, useTestApp, type Owner, type TestApp } from "../support/test-app.js";

const MEET_URL = /^https:\/\/meet\.memory\.test\/[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{3}$/;
const TEAMS_URL = /^https:\/\/teams\.memory\.test\/l\/meetup-join\/[0-9a-f]{32}$/;

async function tenantOf(t: TestApp, userId: string): Promise<TenantId> {
  const { rows } = await t.database.executeSql("select tenant_id from users where id = $1", [userId]);
  return mintTenantIdForTest((rows[0] as { tenant_id: string }).tenant_id);
}

async function contextOf(t: TestApp, userId: string): Promise<RequestContext> {
  return { auth: { tenantId: await tenantOf(t, userId), userId, role: "owner", actor: { type: "user", id: userId }, sessionId: null, csrfToken: null }, ip: null, nowMs: t.clock.nowMs };
}

/** Connects a memory account under a connection row of the given provider (the stand-in for an OAuth connect); returns its calendar's remote id. */
async function connectAs(t: TestApp, userId: string, accountId: string, provider: "google" | "microsoft" | "memory"): Promise<{ calendarId: string; connectionId: string }> {
  const calendarId = t.calendarServer.addCalendar(accountId, { name: `${accountId} primary` });
  const connection = await connectCalendar(t.deps, await contextOf(t, userId), { kind: "memory", accountId }, { provider, label: accountId, serverUrl: "memory:", username: null });
  return { calendarId, connectionId: connection.id };
}

const inviteEvent = (ics: string) => {
  const event = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent("vevent")!;
  return { location: event.getFirstPropertyValue("location"), description: String(event.getFirstPropertyValue("description")) };
};

describeOnEngines("Google Meet and Teams locations", (engine) => {
  const t = useTestApp(engine, { owners: { ada: "ada", tess: "tess", nora: "nora", gina: "gina", ivy: "ivy", uma: "uma" } });
  const channels = () => defaultChannels(t.deps);

  const deliveriesOf = async (owner: Owner, bookingId: string) => t.deps.store.deliveries.listForBooking(await tenantOf(t, owner.userId), bookingId);
  /** Delivers one delivery now; "deferred" when the channel waits, "failed" when it threw otherwise. */
  async function run(delivery: DeliveryRecord, isFinal = false): Promise<string> {
    try {
      return await deliverQueued(t.deps.store, channels(), delivery.id, t.clock.nowMs, { isFinal, retryAtMs: isFinal ? null : t.clock.nowMs + 10_000 });
    } catch (error) {
      return error instanceof Error && error.name === "DeliveryDeferred" ? "deferred" : "failed";
    }
  }
  const pick = (deliveries: DeliveryRecord[], channel: string, kind: string, email?: string) =>
    deliveries.filter((delivery) => delivery.channel === channel && delivery.kind === kind && (email === undefined || delivery.recipient.email === email));
  const outboxTo = async (owner: Owner, email: string) => (await t.deps.store.mailOutbox.list(await tenantOf(t, owner.userId), { limit: 100 })).filter((mail) => mail.to.email === email);

  it("books a Google Meet: the confirmation waits for the link, then every view carries it, and a reschedule keeps it", async () => {
    const { calendarId } = await connectAs(t, t.ada.userId, `ada-google-${engine}`, "google");
    const link = await createLink(t.app, t.ada, { slug: "meet", location: { type: "google_meet" } });
    const read = await t.app.inject({ method: "GET", url: `/api/v1/links/${link.id}`, headers: bearer(t.ada) });
    expect(read.json().location).toEqual({ type: "google_meet", value: null });
    const page = await t.app.inject({ method: "GET", url: link.apiPath });
    expect(page.json().location).toMatchObject({ type: "google_meet", kind: "Google Meet video call", value: null });

    const booked = await book(t.app, link.apiPath, MEETING_START);
    expect(booked.statusCode, booked.body).toBe(201);
    const booking = booked.json() as { id: string; manageApiUrl: string };
    const manage = managePath(booking.manageApiUrl);
    // Before the calendar answers: no link anywhere, and no pretending there is one.
    expect((await t.app.inject({ method: "GET", url: manage })).json().location).toMatchObject({ type: "google_meet", label: "Join", url: null, text: expect.stringContaining("being created") });

    await fanOutEvents(t.deps.store, channels(), t.clock.nowMs);
    let deliveries = await deliveriesOf(t.ada, booking.id);
    const [confirmation] = pick(deliveries, "email", "confirmation", "ada@example.com");
    expect(await run(confirmation!)).toBe("deferred");
    expect(await outboxTo(t.ada, "ada@example.com")).toEqual([]);
    expect((await deliveriesOf(t.ada, booking.id)).find((delivery) => delivery.id === confirmation!.id)).toMatchObject({ state: "pending", attempts: 1 });

    const [calendarWrite] = pick(deliveries, "calendar", "calendar_event");
    expect(await run(calendarWrite!)).toBe("sent");
    const meetUrl = t.calendarServer.conferenceUrlOf(calendarId, bookingUid(booking.id));
    expect(meetUrl).toMatch(MEET_URL);
    const [write] = await t.deps.store.calendars.listWrites(await tenantOf(t, t.ada.userId), booking.id);
    expect(write).toMatchObject({ userId: t.ada.userId, conferenceUrl: meetUrl, state: "written" });

    deliveries = await deliveriesOf(t.ada, booking.id);
    for (const email of pick(deliveries, "email", "confirmation")) expect(await run(email)).toBe("sent");
    for (const address of ["ada@example.com", t.ada.email]) {
      const [mail] = await outboxTo(t.ada, address);
      expect(mail!.text).toContain(`Join: ${meetUrl}`);
      expect(mail!.html).toContain(meetUrl);
      expect(inviteEvent(mail!.invite!.content)).toMatchObject({ location: meetUrl, description: expect.stringContaining(`Join: ${meetUrl}`) });
    }
    const resolved = { type: "google_meet", label: "Join", text: meetUrl, url: meetUrl };
    expect((await t.app.inject({ method: "GET", url: manage })).json().location).toEqual(resolved);
    expect((await bookingDetail(t.app, t.ada, booking.id)).location).toEqual(resolved);
    const ics = await t.app.inject({ method: "GET", url: `${manage}/ics` });
    expect(inviteEvent(ics.body).location).toBe(meetUrl);
    const ownerIcs = await t.app.inject({ method: "GET", url: `/api/v1/bookings/${booking.id}/ics`, headers: bearer(t.ada) });
    expect(inviteEvent(ownerIcs.body).location).toBe(meetUrl);

    // Reschedule: the calendar keeps the meeting, the notice does not wait and carries the same link.
    const moved = await t.app.inject({ method: "POST", url: `${manage}/reschedule`, payload: { start: "2026-12-02T15:00:00.000Z" } });
    expect(moved.statusCode, moved.body).toBe(200);
    await fanOutEvents(t.deps.store, channels(), t.clock.nowMs);
    deliveries = await deliveriesOf(t.ada, booking.id);
    const [invitee] = pick(deliveries, "email", "reschedule", "ada@example.com");
    expect(await run(invitee!)).toBe("sent");
    for (const update of pick(deliveries, "calendar", "calendar_event").filter((delivery) => delivery.state === "pending")) expect(await run(update)).toBe("sent");
    expect(t.calendarServer.conferenceUrlOf(calendarId, bookingUid(booking.id))).toBe(meetUrl);
    expect((await t.deps.store.calendars.listWrites(await tenantOf(t, t.ada.userId), booking.id))[0]).toMatchObject({ conferenceUrl: meetUrl });
    const rescheduled = (await outboxTo(t.ada, "ada@example.com")).find((mail) => mail.invite?.content.includes("SEQUENCE:1"))!;
    expect(rescheduled.text).toContain(`Join: ${meetUrl}`);
    expect(inviteEvent(rescheduled.invite!.content).location).toBe(meetUrl);
  });

  it("refuses a Meet or Teams link whose host has no calendar of that provider: 422 LOCATION_NEEDS_CALENDAR", async () => {
    const post = (payload: object) => t.app.inject({ method: "POST", url: "/api/v1/links", headers: bearer(t.nora), payload: { title: "Call", durationsMin: [30], ...payload } });
    const none = await post({ slug: "meet-none", location: { type: "google_meet" } });
    expect(none.statusCode, none.body).toBe(422);
    expect(none.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(none.json()).toMatchObject({ code: "LOCATION_NEEDS_CALENDAR", status: 422, provider: "google", location: "google_meet", hostUserIds: [t.nora.userId] });
    expect(none.json().detail).toContain("Google calendar");

    // A calendar of another provider does not make Meet meetings, nor a Google one Teams meetings.
    await connectAs(t, t.nora.userId, `nora-caldav-${engine}`, "memory");
    expect((await post({ slug: "meet-caldav", location: { type: "google_meet" } })).json().code).toBe("LOCATION_NEEDS_CALENDAR");
    const plain = await post({ slug: "plain" });
    expect(plain.statusCode).toBe(201);
    const patch = await t.app.inject({ method: "PATCH", url: `/api/v1/links/${plain.json().id}`, headers: bearer(t.nora), payload: { location: { type: "teams" } } });
    expect(patch.statusCode).toBe(422);
    expect(patch.json()).toMatchObject({ code: "LOCATION_NEEDS_CALENDAR", provider: "microsoft" });
    expect((await t.app.inject({ method: "GET", url: `/api/v1/links/${plain.json().id}`, headers: bearer(t.nora) })).json().location.type).toBe("jitsi");
  });

  it("waits at most CONFERENCE_WAIT_MS (or until the final attempt) and then sends without the link, saying where it will be", async () => {
    const accountId = `tess-microsoft-${engine}`;
    await connectAs(t, t.tess.userId, accountId, "microsoft");
    const link = await createLink(t.app, t.tess, { slug: "teams", location: { type: "teams" } });
    t.calendarServer.setFailure("unavailable", accountId);
    try {
      const booking = (await book(t.app, link.apiPath, MEETING_START)).json() as { id: string };
      await fanOutEvents(t.deps.store, channels(), t.clock.nowMs);
      const deliveries = await deliveriesOf(t.tess, booking.id);
      const [invitee] = pick(deliveries, "email", "confirmation", "ada@example.com");
      const [host] = pick(deliveries, "email", "confirmation", t.tess.email);
      expect(await run(invitee!)).toBe("deferred");
      expect(await run(pick(deliveries, "calendar", "calendar_event")[0]!)).toBe("failed");

      // The queue's last try sends what there is rather than fail the notice.
      expect(await run(host!, true)).toBe("sent");
      t.clock.nowMs += CONFERENCE_WAIT_MS - 1;
      expect(await run(invitee!)).toBe("deferred");
      t.clock.nowMs += 1;
      expect(await run(invitee!)).toBe("sent");
      const [mail] = await outboxTo(t.tess, "ada@example.com");
      expect(mail!.text).toContain("Microsoft Teams (the link is being created; the booking page and the calendar event will show it)");
      expect(mail!.text).not.toMatch(TEAMS_URL);
      expect(inviteEvent(mail!.invite!.content).location).toContain("Microsoft Teams (the link is being created");

      // The outage ends: the write makes the meeting, and the pages show it from then on.
      t.calendarServer.setFailure(null, accountId);
      expect(await run(pick(deliveries, "calendar", "calendar_event")[0]!)).toBe("sent");
      expect((await bookingDetail(t.app, t.tess, booking.id)).location.url).toMatch(TEAMS_URL);
    } finally {
      t.calendarServer.setFailure(null, accountId);
      t.clock.nowMs -= CONFERENCE_WAIT_MS;
    }
  });

  it("sends at once, saying so, when the calendar write has failed for good", async () => {
    const accountId = `uma-microsoft-${engine}`;
    await connectAs(t, t.uma.userId, accountId, "microsoft");
    const link = await createLink(t.app, t.uma, { slug: "teams-down", location: { type: "teams" } });
    t.calendarServer.setFailure("unavailable", accountId);
    try {
      const booking = (await book(t.app, link.apiPath, "2026-12-03T15:00:00.000Z")).json() as { id: string };
      await fanOutEvents(t.deps.store, channels(), t.clock.nowMs);
      const deliveries = await deliveriesOf(t.uma, booking.id);
      expect(await run(pick(deliveries, "calendar", "calendar_event")[0]!, true)).toBe("failed");
      expect(await run(pick(deliveries, "email", "confirmation", "ada@example.com")[0]!)).toBe("sent");
      const mail = (await outboxTo(t.uma, "ada@example.com")).find((sent) => sent.invite?.content.includes(booking.id))!;
      expect(mail.text).toContain("Microsoft Teams (link not available: Owner uma's Microsoft (Outlook) calendar did not create the meeting)");
    } finally {
      t.calendarServer.setFailure(null, accountId);
    }
  });

  it("says honestly that there is no link when the host disconnected their calendar, and sends at once", async () => {
    const { connectionId } = await connectAs(t, t.ivy.userId, `ivy-google-${engine}`, "google");
    const link = await createLink(t.app, t.ivy, { slug: "meet-gone", location: { type: "google_meet" } });
    const gone = await t.app.inject({ method: "DELETE", url: `/api/v1/calendars/${connectionId}`, headers: bearer(t.ivy) });
    expect(gone.statusCode, gone.body).toBe(204);
    const booking = (await book(t.app, link.apiPath, MEETING_START)).json() as { id: string; manageApiUrl: string };
    await fanOutEvents(t.deps.store, channels(), t.clock.nowMs);
    const deliveries = await deliveriesOf(t.ivy, booking.id);
    expect(pick(deliveries, "calendar", "calendar_event")).toEqual([]);
    expect(await run(pick(deliveries, "email", "confirmation", "ada@example.com")[0]!)).toBe("sent");
    const text = "Google Meet (link not available: Owner ivy's Google calendar is not connected)";
    expect((await outboxTo(t.ivy, "ada@example.com"))[0]!.text).toContain(text);
    expect((await t.app.inject({ method: "GET", url: managePath(booking.manageApiUrl) })).json().location).toEqual({ type: "google_meet", label: "Join", text, url: null });
  });

  it("makes one meeting for a team: in the owner's calendar; the other host's event waits for its link and carries it", async () => {
    const member = (
      await t.app.inject({ method: "POST", url: "/api/v1/members", headers: bearer(t.gina), payload: { email: `member-${engine}@example.com`, name: "Member", timeZone: "America/New_York" } })
    ).json() as { id: string };
    const hosts = [member.id, t.gina.userId];
    const refused = await t.app.inject({
      method: "POST",
      url: "/api/v1/links",
      headers: bearer(t.gina),
      payload: { title: "Team", slug: "team-meet", durationsMin: [30], hostMode: "collective", hostUserIds: hosts, location: { type: "google_meet" } },
    });
    expect(refused.statusCode).toBe(422);
    const gina = await connectAs(t, t.gina.userId, `gina-google-${engine}`, "google");
    expect((await t.app.inject({ method: "POST", url: "/api/v1/links", headers: bearer(t.gina), payload: { title: "Team", slug: "team-meet", durationsMin: [30], hostMode: "collective", hostUserIds: hosts, location: { type: "google_meet" } } })).json()).toMatchObject({
      code: "LOCATION_NEEDS_CALENDAR",
      hostUserIds: [member.id],
    });
    const memberCalendar = await connectAs(t, member.id, `member-google-${engine}`, "google");
    const link = await createLink(t.app, t.gina, { slug: "team-meet", hostMode: "collective", hostUserIds: hosts, location: { type: "google_meet" } });
    const booking = (await book(t.app, link.apiPath, MEETING_START)).json() as { id: string };
    await fanOutEvents(t.deps.store, channels(), t.clock.nowMs);
    const writes = pick(await deliveriesOf(t.gina, booking.id), "calendar", "calendar_event");
    const memberWrite = writes.find((delivery) => delivery.dedupeKey.includes(member.id))!;
    const ownerWrite = writes.find((delivery) => delivery.dedupeKey.includes(t.gina.userId))!;
    expect(await run(memberWrite)).toBe("deferred");
    expect(await run(ownerWrite)).toBe("sent");
    expect(await run(memberWrite)).toBe("sent");
    const uid = bookingUid(booking.id);
    const meetUrl = t.calendarServer.conferenceUrlOf(gina.calendarId, uid);
    expect(meetUrl).toMatch(MEET_URL);
    expect(t.calendarServer.conferenceUrlOf(memberCalendar.calendarId, uid)).toBeNull();
    const memberEvent = t.calendarServer.objects(memberCalendar.calendarId).find((object) => object.ics.includes(uid))!;
    expect(inviteEvent(memberEvent.ics)).toMatchObject({ location: meetUrl, description: expect.stringContaining(`Join: ${meetUrl}`) });
  });
});
