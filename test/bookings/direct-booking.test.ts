// POST /api/v1/bookings (issue 16, part 1): booking directly as an owner —
// the hosts' working hours (waivable) and calendars (never) decide, the
// exclusion constraint has the last word (one 201 and the rest 409 under a
// race, never a 500), the location becomes a Jitsi room or a Meet link made
// by the organizer's calendar, and emails and the invite follow as for any booking.
import ICAL from "ical.js";
import { expect, it } from "vitest";
import { describeOnEngines } from "../support/engines.js";
import { bearer, signUpOwner, TEST_JITSI_BASE_URL, useTestApp } from "../support/test-app.js";
import { addMember, busyEvent, connectAs, deliverAll, syncNow, tenantOf } from "./owner-support.js";

// The test clock stands at Friday 2026-11-20T12:00Z; owners work 09:00–17:00 Berlin (08:00–16:00Z) on weekdays.
const MONDAY = "2026-11-23";
const WEDNESDAY = "2026-11-25";
const hour = (h: number, date = MONDAY) => `${date}T${String(h).padStart(2, "0")}:00:00.000Z`;
const ROOM_URL = new RegExp(`^${TEST_JITSI_BASE_URL.replaceAll(".", "\\.")}/Convene-[a-z2-7]{32}$`);
const MEET_URL = /^https:\/\/meet\.memory\.test\/[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{3}$/;

const icsLocation = (ics: string) => String(new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent("vevent")!.getFirstPropertyValue("location"));

describeOnEngines("direct booking", (engine) => {
  const t = useTestApp(engine, { owners: { owner: "direct", meg: "meg" } });
  const post = (payload: Record<string, unknown>, headers: Record<string, string> = bearer(t.owner)) => t.app.inject({ method: "POST", url: "/api/v1/bookings", headers, payload });
  const meeting = (start: string, email: string, extra: Record<string, unknown> = {}) => ({ start, durationMin: 30, attendees: [{ name: "Ada Lovelace", email, timeZone: "Europe/London" }], location: { kind: "jitsi" }, ...extra });

  it("books a Jitsi meeting: its room is in the booking, the confirmation email and the invite, titled as asked, audited as the caller", async () => {
    const email = `ada-${engine}@example.com`;
    const booked = await post(meeting(hour(9), email, { title: "Pricing call", attendees: [{ name: "Ada Lovelace", email, timeZone: "Europe/London" }, { name: "Bob", email: "bob@example.com" }], notes: "Bring numbers" }));
    expect(booked.statusCode, booked.body).toBe(201);
    const { id } = booked.json();
    expect(booked.json()).toMatchObject({ start: hour(9), end: `${MONDAY}T09:30:00.000Z`, durationMin: 30, status: "scheduled", timeZone: "Europe/London" });

    const detail = (await t.app.inject({ method: "GET", url: `/api/v1/bookings/${id}`, headers: bearer(t.owner) })).json();
    expect(detail).toMatchObject({ linkId: null, hostUserIds: [t.owner.userId], guests: ["bob@example.com"], notes: "Bring numbers", invitee: { email } });
    expect(detail.location).toMatchObject({ type: "jitsi", label: "Join" });
    const room: string = detail.location.url;
    expect(room).toMatch(ROOM_URL);
    expect(detail.history[0]).toMatchObject({ action: "created", actor: { type: "user", id: t.owner.userId } });

    const outbox = await deliverAll(t, t.owner.userId, id);
    const confirmation = outbox.find((mail) => mail.to.email === email && mail.invite?.method === "REQUEST")!;
    expect(confirmation.subject).toContain("Pricing call");
    expect(confirmation.text).toContain(`Join: ${room}`);
    expect(icsLocation(confirmation.invite!.content)).toBe(room);
    const ics = await t.app.inject({ method: "GET", url: `/api/v1/bookings/${id}/ics`, headers: bearer(t.owner) });
    expect(icsLocation(ics.body)).toBe(room);
    expect(ics.body).toContain("SUMMARY:Pricing call");

    const audit = (await t.app.inject({ method: "GET", url: "/api/v1/audit-log?limit=50", headers: bearer(t.owner) })).json();
    expect(audit.items.find((entry: { action: string }) => entry.action === "booking.created")).toMatchObject({ target: { type: "booking", id } });
  });

  it("refuses a time outside working hours unless told, and never one the calendar holds", async () => {
    const saturday = await post(meeting(hour(10, "2026-11-21"), `sat-${engine}@example.com`));
    expect([saturday.statusCode, saturday.json().code]).toEqual([422, "OUTSIDE_AVAILABILITY"]);
    expect(saturday.json().reasons).toEqual([{ code: "OUTSIDE_HOURS", message: expect.any(String) }]);
    expect(saturday.json().nearestSlots.length).toBeGreaterThan(0);
    const allowed = await post(meeting(hour(10, "2026-11-21"), `sat-${engine}@example.com`, { allowOutsideHours: true }));
    expect(allowed.statusCode, allowed.body).toBe(201);

    const { calendarId, connectionId } = await connectAs(t, t.owner.userId, `direct-busy-${engine}`);
    t.calendarServer.addObject(calendarId, busyEvent("dentist@example.com", hour(12), hour(13)));
    await syncNow(t.app, t.owner, connectionId);
    const calendarBusy = await post(meeting(hour(12), `busy-${engine}@example.com`, { allowOutsideHours: true }));
    expect([calendarBusy.statusCode, calendarBusy.json().code]).toEqual([422, "OUTSIDE_AVAILABILITY"]);
    expect(calendarBusy.json().reasons[0].code).toBe("BUSY");
  });

  it("answers SLOT_TAKEN with the nearest free times when a Convene booking holds the time, and one of racing bookings wins", async () => {
    const first = await post(meeting(hour(14), `first-${engine}@example.com`));
    expect(first.statusCode, first.body).toBe(201);
    const again = await post(meeting(`${MONDAY}T14:15:00.000Z`, `second-${engine}@example.com`));
    expect([again.statusCode, again.json().code]).toEqual([409, "SLOT_TAKEN"]);
    expect(again.json().nearestSlots.map((slot: { start: string }) => slot.start)).toContain(`${MONDAY}T14:30:00.000Z`);

    const racers = await Promise.all([1, 2, 3].map((n) => post(meeting(hour(15), `racer-${n}-${engine}@example.com`))));
    expect(racers.map((response) => response.statusCode).sort()).toEqual([201, 409, 409]);
    for (const loser of racers.filter((response) => response.statusCode === 409)) expect(loser.json().code).toBe("SLOT_TAKEN");
  });

  it("books a held time with its token while bookings without it are refused, and never twice with one token", async () => {
    const held = await t.app.inject({ method: "POST", url: "/api/v1/holds", headers: bearer(t.owner), payload: { start: hour(14, WEDNESDAY), durationMin: 30, ttlMinutes: 10 } });
    expect(held.statusCode, held.body).toBe(201);
    const { holdToken } = held.json();
    const without = await post(meeting(hour(14, WEDNESDAY), `nohold-${engine}@example.com`));
    expect([without.statusCode, without.json().code]).toEqual([409, "SLOT_TAKEN"]);
    const elsewhere = await post(meeting(hour(15, WEDNESDAY), `wrong-${engine}@example.com`, { holdToken }));
    expect([elsewhere.statusCode, elsewhere.json().code]).toEqual([409, "HOLD_MISMATCH"]);
    const withToken = await post(meeting(hour(14, WEDNESDAY), `held-${engine}@example.com`, { holdToken }));
    expect(withToken.statusCode, withToken.body).toBe(201);
    const again = await post(meeting(hour(14, WEDNESDAY), `again-${engine}@example.com`, { holdToken }));
    expect([again.statusCode, again.json().code]).toEqual([404, "HOLD_NOT_FOUND"]);
    const live = (await t.app.inject({ method: "GET", url: "/api/v1/holds", headers: bearer(t.owner) })).json().holds as { id: string }[];
    expect(live.map((hold) => hold.id)).not.toContain(held.json().id);
  });

  it("replays an Idempotency-Key's answer and refuses the key with another body", async () => {
    const headers = { ...bearer(t.owner), "idempotency-key": `key-${engine}` };
    const body = meeting(`${MONDAY}T10:00:00.000Z`, `idem-${engine}@example.com`);
    const first = await post(body, headers);
    const second = await post(body, headers);
    expect([first.statusCode, second.statusCode, second.headers["idempotent-replayed"]]).toEqual([201, 201, "true"]);
    expect(second.json().id).toBe(first.json().id);
    const other = await post({ ...body, title: "Other" }, headers);
    expect([other.statusCode, other.json().code]).toEqual([422, "IDEMPOTENCY_KEY_REUSED"]);
  });

  it("makes a Google Meet with the organizer's Google calendar, and says CALENDAR_NOT_CONNECTED without one", async () => {
    const without = await post(meeting(hour(9), `meet-${engine}@example.com`, { location: { kind: "google_meet" } }), bearer(t.meg));
    expect([without.statusCode, without.json().code]).toEqual([422, "CALENDAR_NOT_CONNECTED"]);
    const teams = await post(meeting(hour(9), `teams-${engine}@example.com`, { location: { kind: "teams" } }), bearer(t.meg));
    expect(teams.json().code).toBe("CALENDAR_NOT_CONNECTED");

    await connectAs(t, t.meg.userId, `meg-google-${engine}`, "google");
    const booked = await post(meeting(hour(9), `meet-${engine}@example.com`, { location: { kind: "google_meet" } }), bearer(t.meg));
    expect(booked.statusCode, booked.body).toBe(201);
    const outbox = await deliverAll(t, t.meg.userId, booked.json().id);
    const detail = (await t.app.inject({ method: "GET", url: `/api/v1/bookings/${booked.json().id}`, headers: bearer(t.meg) })).json();
    expect(detail.location).toMatchObject({ type: "google_meet", url: expect.stringMatching(MEET_URL) });
    const confirmation = outbox.find((mail) => mail.to.email === `meet-${engine}@example.com`)!;
    expect(confirmation.text).toContain(detail.location.url);
  });

  it("keeps tenancy and roles: another organisation's host is unknown, a member books only themselves", async () => {
    const stranger = await signUpOwner(t.app, `far-${engine}`);
    const foreign = await post(meeting(hour(11), `far-${engine}@example.com`, { hostUserIds: [stranger.userId] }));
    expect([foreign.statusCode, foreign.json().code]).toEqual([404, "HOST_NOT_FOUND"]);
    const strangerBookings = await t.deps.store.bookings.list(await tenantOf(t, stranger.userId), { order: "created_desc", limit: 10 });
    expect(strangerBookings).toEqual([]);

    const kim = await addMember(t.app, t.owner, `Kim Member ${engine}`, "Europe/Berlin");
    const forOwner = await post(meeting(hour(11), `kim-${engine}@example.com`, { hostUserIds: [t.owner.userId] }), kim.headers);
    expect([forOwner.statusCode, forOwner.json().code]).toEqual([403, "FORBIDDEN"]);
    const forSelf = await post(meeting(hour(11), `kim-${engine}@example.com`), kim.headers);
    expect(forSelf.statusCode, forSelf.body).toBe(201);
    const byOwner = await post(meeting(`${MONDAY}T11:30:00.000Z`, `kim2-${engine}@example.com`, { hostUserIds: [kim.id] }));
    expect(byOwner.statusCode, byOwner.body).toBe(201);
  });

  it("moves a booking made without a link within its hosts' hours, keeping its room", async () => {
    const booked = await post(meeting(hour(9, "2026-11-24"), `move-${engine}@example.com`));
    expect(booked.statusCode, booked.body).toBe(201);
    const { id } = booked.json();
    const roomBefore = (await t.app.inject({ method: "GET", url: `/api/v1/bookings/${id}`, headers: bearer(t.owner) })).json().location.url;
    const reschedule = (start: string) => t.app.inject({ method: "POST", url: `/api/v1/bookings/${id}/reschedule`, headers: bearer(t.owner), payload: { start } });
    const moved = await reschedule(hour(10, "2026-11-24"));
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ start: hour(10, "2026-11-24"), status: "rescheduled", sequence: 1 });
    const weekend = await reschedule(hour(10, "2026-11-28"));
    expect([weekend.statusCode, weekend.json().code]).toEqual([422, "OUTSIDE_AVAILABILITY"]);
    const detail = (await t.app.inject({ method: "GET", url: `/api/v1/bookings/${id}`, headers: bearer(t.owner) })).json();
    expect([detail.start, detail.location.url]).toEqual([hour(10, "2026-11-24"), roomBefore]);
  });

  it("refuses bad input with problem codes", async () => {
    const noAttendees = await post({ ...meeting(hour(9), "x@example.com"), attendees: [] });
    expect([noAttendees.statusCode, noAttendees.json().code]).toEqual([400, "VALIDATION_FAILED"]);
    const badUrl = await post(meeting(hour(9), "x@example.com", { location: { kind: "url", value: "zoom.us/j/1" } }));
    expect([badUrl.statusCode, badUrl.json().code]).toEqual([400, "VALIDATION_FAILED"]);
    const offGrid = await post(meeting(`${MONDAY}T09:02:00.000Z`, "x@example.com"));
    expect([offGrid.statusCode, offGrid.json().code]).toEqual([422, "OUTSIDE_AVAILABILITY"]);
    expect(offGrid.json().reasons[0].code).toBe("OFF_GRID");
  });
});
