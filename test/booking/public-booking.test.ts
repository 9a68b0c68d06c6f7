// The invitee's path through a link: page, slots, booking, manage link; and
// the owner's view and actions on the booking.
import { describe, expect, it } from "vitest";
import { book, createLink, createLinkAndBook, managePath } from "../support/booking-fixtures.js";
import { describeOnEngines } from "../support/engines.js";
import { bearer, useTestApp } from "../support/test-app.js";

// The test clock stands at 2026-11-20T12:00:00Z (a Friday). 14:00Z on 1 December is 09:00 in New York.
const START = "2026-12-01T14:00:00.000Z";

describeOnEngines("public booking", (engine) => {
  const t = useTestApp(engine, { owners: { owner: "owner" } });

  it("shows the page, lists slots by the viewer's date, books, and lets the invitee see the booking", async () => {
    const link = await createLink(t.app, t.owner, { description: "Let's talk" });
    const page = await t.app.inject({ method: "GET", url: link.apiPath, headers: { referer: "https://example.com/blog" } });
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json()).toMatchObject({ title: "Intro call", description: "Let's talk", owner: { name: "Owner owner" }, durationsMin: [30], timeZone: "America/New_York", bookableUntil: "2027-01-19T12:00:00.000Z", oneTime: null });

    const slots = await t.app.inject({ method: "GET", url: `${link.apiPath}/slots?from=2026-12-01T00:00:00Z&to=2026-12-08T00:00:00Z&timeZone=Europe/London&durationMin=30` });
    expect(slots.statusCode, slots.body).toBe(200);
    const body = slots.json();
    expect(body.timeZone).toBe("Europe/London");
    expect(body.days[0]).toMatchObject({ date: "2026-12-01", slots: expect.arrayContaining([{ start: START, end: "2026-12-01T14:30:00.000Z" }]) });
    expect(body.days[0].slots[0].start).toBe(START);
    expect(body.days[0].slots).toHaveLength(16); // 09:00–17:00 New York in 30-minute steps
    expect(body.days.map((day: { date: string }) => day.date)).toEqual(["2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04", "2026-12-07"]);

    const booked = await t.app.inject({ method: "POST", url: `${link.apiPath}/bookings`, payload: { start: START, durationMin: 30, timeZone: "Europe/London", name: "Ada Lovelace", email: "Ada@Example.com", answers: {} } });
    expect(booked.statusCode, booked.body).toBe(201);
    const result = booked.json();
    expect(result).toMatchObject({ start: START, end: "2026-12-01T14:30:00.000Z", status: "scheduled", manageUrl: expect.stringMatching(/\/manage\/[\w-]{43}$/) });

    const after = (await t.app.inject({ method: "GET", url: `${link.apiPath}/slots?from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z` })).json();
    expect(after.days[0].slots.map((slot: { start: string }) => slot.start)).not.toContain(START);

    const managed = await t.app.inject({ method: "GET", url: managePath(result.manageApiUrl) });
    expect(managed.json()).toMatchObject({ id: result.id, start: START, status: "scheduled", invitee: { email: "ada@example.com" }, link: { title: "Intro call", bookableUntil: "2027-01-19T12:00:00.000Z" } });

    const ownerView = await t.app.inject({ method: "GET", url: `/api/v1/bookings/${result.id}`, headers: bearer(t.owner) });
    expect(ownerView.json()).toMatchObject({ id: result.id, linkId: link.id, invitee: { name: "Ada Lovelace", timeZone: "Europe/London" }, history: [{ action: "created", actor: { type: "invitee" } }] });
  });

  it("refuses instants that are not bookable with the engine's reason as the code", async () => {
    const link = await createLink(t.app, t.owner, { minNoticeMin: 24 * 60 });
    const cases: [string, string][] = [
      ["2026-12-01T14:10:00.000Z", "OFF_GRID"],
      ["2026-12-01T03:00:00.000Z", "OUTSIDE_HOURS"],
      ["2026-11-20T19:00:00.000Z", "TOO_SOON"],
      ["2027-03-01T14:00:00.000Z", "BEYOND_WINDOW"],
    ];
    for (const [start, code] of cases) {
      const response = await book(t.app, link.apiPath, start);
      expect(response.statusCode, `${start}: ${response.body}`).toBe(422);
      expect(response.json()).toMatchObject({ code, reason: code });
    }
  });

  it("answers 409 SLOT_TAKEN with the nearest free slots", async () => {
    const { link } = await createLinkAndBook(t.app, t.owner, { start: "2026-12-08T14:00:00.000Z" });
    const second = await book(t.app, link.apiPath, "2026-12-08T14:00:00.000Z", { email: "bob@example.com" });
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe("SLOT_TAKEN");
    expect(second.json().nearestSlots[0]).toEqual({ start: "2026-12-08T14:30:00.000Z", end: "2026-12-08T15:00:00.000Z" });
  });

  it("validates input: zone, duration, email, unknown fields", async () => {
    const link = await createLink(t.app, t.owner);
    const zone = await book(t.app, link.apiPath, START, { timeZone: "Atlantis/Capital" });
    expect([zone.statusCode, zone.json().code]).toEqual([400, "UNKNOWN_TIME_ZONE"]);
    const duration = await book(t.app, link.apiPath, START, { durationMin: 45 });
    expect([duration.statusCode, duration.json().code]).toEqual([400, "VALIDATION_FAILED"]);
    const email = await book(t.app, link.apiPath, START, { email: "not-an-email" });
    expect(email.json().errors[0].path).toBe("body.email");
    const extra = await book(t.app, link.apiPath, START, { isVip: true });
    expect(extra.statusCode).toBe(400);
    const slotsZone = await t.app.inject({ method: "GET", url: `${link.apiPath}/slots?timeZone=Mars/Base` });
    expect([slotsZone.statusCode, slotsZone.json().code]).toEqual([400, "UNKNOWN_TIME_ZONE"]);
    expect((await t.app.inject({ method: "GET", url: "/api/v1/public/links/nobody/nothing" })).statusCode).toBe(404);
  });

  it("replays an Idempotency-Key and refuses it with another body", async () => {
    const link = await createLink(t.app, t.owner);
    const headers = { "idempotency-key": "retry-42" };
    const first = await book(t.app, link.apiPath, "2026-12-02T15:00:00.000Z", {}, headers);
    const again = await book(t.app, link.apiPath, "2026-12-02T15:00:00.000Z", {}, headers);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(again.headers["idempotent-replayed"]).toBe("true");
    const other = await book(t.app, link.apiPath, "2026-12-02T16:00:00.000Z", {}, headers);
    expect([other.statusCode, other.json().code]).toEqual([422, "IDEMPOTENCY_KEY_REUSED"]);
  });

  it("lets the invitee reschedule and cancel through the manage link, keeping the id and bumping the sequence", async () => {
    const { link, booking: result, managePath: path } = await createLinkAndBook(t.app, t.owner, { link: { bufferAfterMin: 15 }, start: "2026-12-03T14:00:00.000Z" });
    const options = (await t.app.inject({ method: "GET", url: `${path}/slots?from=2026-12-03T00:00:00Z&to=2026-12-04T00:00:00Z` })).json();
    expect(options.timeZone).toBe("Europe/London");
    expect(options.days[0].slots[0].start).toBe("2026-12-03T14:00:00.000Z"); // its own time stays offered

    const moved = await t.app.inject({ method: "POST", url: `${path}/reschedule`, payload: { start: "2026-12-03T16:00:00.000Z" } });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ id: result.id, start: "2026-12-03T16:00:00.000Z", status: "rescheduled" });
    // The old time is free again; the new one (with its 15-minute buffer after) is held.
    const free = (await t.app.inject({ method: "GET", url: `${link.apiPath}/slots?from=2026-12-03T00:00:00Z&to=2026-12-04T00:00:00Z` })).json();
    const starts = free.days[0].slots.map((slot: { start: string }) => slot.start);
    expect(starts).toContain("2026-12-03T14:00:00.000Z");
    expect(starts).not.toContain("2026-12-03T16:00:00.000Z");
    expect(starts).not.toContain("2026-12-03T16:30:00.000Z");

    const cancelled = await t.app.inject({ method: "POST", url: `${path}/cancel`, payload: { reason: "Something came up" } });
    expect(cancelled.json()).toMatchObject({ status: "cancelled", cancelReason: "Something came up" });
    const again = await t.app.inject({ method: "POST", url: `${path}/reschedule`, payload: { start: "2026-12-03T18:00:00.000Z" } });
    expect([again.statusCode, again.json().code]).toEqual([409, "BOOKING_NOT_ACTIVE"]);

    const detail = (await t.app.inject({ method: "GET", url: `/api/v1/bookings/${result.id}`, headers: bearer(t.owner) })).json();
    expect(detail.sequence).toBe(2);
    expect(detail.history.map((entry: { action: string }) => entry.action)).toEqual(["created", "rescheduled", "cancelled"]);
    expect(detail.history[1]).toMatchObject({ actor: { type: "invitee" }, oldValues: { start: "2026-12-03T14:00:00.000Z" }, newValues: { start: "2026-12-03T16:00:00.000Z" } });
    expect((await t.app.inject({ method: "GET", url: "/api/v1/public/manage/not-a-real-token-at-all" })).statusCode).toBe(404);
  });

  it("lets the t.owner list, search, reschedule, cancel and record attendance", async () => {
    const link = await createLink(t.app, t.owner, { slug: "owner-actions" });
    const a = (await book(t.app, link.apiPath, "2026-12-04T14:00:00.000Z", { name: "Grace Hopper", email: "grace@example.com" })).json();
    const b = (await book(t.app, link.apiPath, "2026-12-04T15:00:00.000Z", { name: "Alan Turing", email: "alan@example.com" })).json();
    const list = (await t.app.inject({ method: "GET", url: `/api/v1/bookings?linkId=${link.id}&order=start_asc&limit=1`, headers: bearer(t.owner) })).json();
    expect(list.items.map((x: { id: string }) => x.id)).toEqual([a.id]);
    const page2 = (await t.app.inject({ method: "GET", url: `/api/v1/bookings?linkId=${link.id}&order=start_asc&limit=1&cursor=${list.nextCursor}`, headers: bearer(t.owner) })).json();
    expect(page2.items.map((x: { id: string }) => x.id)).toEqual([b.id]);
    const search = (await t.app.inject({ method: "GET", url: "/api/v1/bookings?q=hopper", headers: bearer(t.owner) })).json();
    expect(search.items.map((x: { id: string }) => x.id)).toEqual([a.id]);

    const early = await t.app.inject({ method: "POST", url: `/api/v1/bookings/${a.id}/attendance`, headers: bearer(t.owner), payload: { status: "showed" } });
    expect([early.statusCode, early.json().code]).toEqual([409, "ATTENDANCE_TOO_EARLY"]);
    const moved = await t.app.inject({ method: "POST", url: `/api/v1/bookings/${b.id}/reschedule`, headers: bearer(t.owner), payload: { start: "2026-12-04T14:00:00.000Z" } });
    expect([moved.statusCode, moved.json().code]).toEqual([409, "SLOT_TAKEN"]);
    const cancelled = await t.app.inject({ method: "POST", url: `/api/v1/bookings/${b.id}/cancel`, headers: bearer(t.owner), payload: {} });
    expect(cancelled.json().status).toBe("cancelled");

    const startMs = t.clock.nowMs;
    try {
      t.clock.nowMs = Date.parse("2026-12-04T14:40:00Z");
      const showed = await t.app.inject({ method: "POST", url: `/api/v1/bookings/${a.id}/attendance`, headers: bearer(t.owner), payload: { status: "no_show" } });
      expect(showed.json().status).toBe("no_show");
    } finally {
      t.clock.nowMs = startMs;
    }
    const statuses = (await t.app.inject({ method: "GET", url: `/api/v1/bookings?linkId=${link.id}&status=cancelled,no_show`, headers: bearer(t.owner) })).json();
    expect(statuses.items).toHaveLength(2);
  });

  it("round-robin books the free host with the fewest bookings; collective needs every host", async () => {
    const member = (
      await t.app.inject({ method: "POST", url: "/api/v1/members", headers: bearer(t.owner), payload: { email: `m-${engine}@example.com`, name: "Member", timeZone: "Asia/Tokyo" } })
    ).json();
    const me = (await t.app.inject({ method: "GET", url: "/api/v1/me", headers: bearer(t.owner) })).json();
    const hosts = [me.user.id, member.id];
    const rr = await createLink(t.app, t.owner, { slug: "team-rr", hostMode: "round_robin", hostUserIds: hosts });
    const first = (await book(t.app, rr.apiPath, "2026-12-07T14:00:00.000Z")).json();
    const second = (await book(t.app, rr.apiPath, "2026-12-07T14:00:00.000Z", { email: "b@example.com" })).json();
    const third = await book(t.app, rr.apiPath, "2026-12-07T14:00:00.000Z", { email: "c@example.com" });
    expect(third.statusCode).toBe(409);
    const hostOf = async (id: string) => (await t.app.inject({ method: "GET", url: `/api/v1/bookings/${id}`, headers: bearer(t.owner) })).json().hostUserIds;
    expect(new Set([...(await hostOf(first.id)), ...(await hostOf(second.id))])).toEqual(new Set(hosts));

    const collective = await createLink(t.app, t.owner, { slug: "team-all", hostMode: "collective", hostUserIds: hosts });
    const blocked = await book(t.app, collective.apiPath, "2026-12-07T14:00:00.000Z", { email: "d@example.com" });
    expect(blocked.statusCode).toBe(409);
    const both = (await book(t.app, collective.apiPath, "2026-12-07T15:00:00.000Z", { email: "e@example.com" })).json();
    expect((await hostOf(both.id)).sort()).toEqual([...hosts].sort());
  });

  it("answers 404 for an inactive link with its own code", async () => {
    const link = await createLink(t.app, t.owner, { slug: "switched-off", isActive: false });
    const page = await t.app.inject({ method: "GET", url: link.apiPath });
    expect([page.statusCode, page.json().code]).toEqual([404, "LINK_INACTIVE"]);
  });
});

describe("public rate limits", () => {
  const t = useTestApp("pglite", { rateLimits: { publicReadsPerMinute: 3, publicBookingsPerMinute: 1 }, owners: { owner: "owner" } });

  it("answers 429 with Retry-After past the per-IP limit for public reads and bookings", async () => {
    const link = await createLink(t.app, t.owner);
    // Page reads; slot queries have their own bucket (slotReadsPerMinute, test/hardening/load.test.ts).
    for (let i = 0; i < 3; i++) expect((await t.app.inject({ method: "GET", url: link.apiPath })).statusCode).toBe(200);
    const limited = await t.app.inject({ method: "GET", url: link.apiPath });
    expect([limited.statusCode, limited.json().code]).toEqual([429, "RATE_LIMITED"]);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    expect((await book(t.app, link.apiPath, START)).statusCode).toBe(201);
    const second = await book(t.app, link.apiPath, "2026-12-01T15:00:00.000Z", { email: "bob@example.com" });
    expect([second.statusCode, second.json().code]).toEqual([429, "RATE_LIMITED"]);
  });
});
