// What the owner dashboard needs beyond the basic booking routes: past meetings
// latest first (order=start_desc) and the free times a booking can move to.
import { expect, it } from "vitest";
import { book, createLink, createLinkAndBook } from "../support/booking-fixtures.js";
import { describeOnEngines } from "../support/engines.js";
import { bearer, signUpOwner, useTestApp } from "../support/test-app.js";

describeOnEngines("owner bookings", (engine) => {
  const t = useTestApp(engine);

  it("lists bookings latest start first with start_desc, page by page", async () => {
    const owner = await signUpOwner(t.app, "past");
    const link = await createLink(t.app, owner);
    const starts = ["2026-12-01T14:00:00.000Z", "2026-12-03T14:00:00.000Z", "2026-12-02T14:00:00.000Z"];
    for (const [i, start] of starts.entries()) expect((await book(t.app, link.apiPath, start, { email: `p${i}@example.com` })).statusCode).toBe(201);
    const first = (await t.app.inject({ method: "GET", url: "/api/v1/bookings?order=start_desc&limit=2", headers: bearer(owner) })).json();
    const second = (await t.app.inject({ method: "GET", url: `/api/v1/bookings?order=start_desc&limit=2&cursor=${first.nextCursor}`, headers: bearer(owner) })).json();
    expect([...first.items, ...second.items].map((item: { start: string }) => item.start)).toEqual([...starts].sort().reverse());
    expect(second.nextCursor).toBeNull();
  });

  it("offers the times a booking can move to, for its own duration, counting its own time as free", async () => {
    const owner = await signUpOwner(t.app, "mover");
    const { link, booking: { id } } = await createLinkAndBook(t.app, owner, { link: { durationsMin: [30, 60], defaultDurationMin: 30 }, invitee: { durationMin: 60 } });
    // The link stops offering 60 minutes: the booking keeps its hour.
    expect((await t.app.inject({ method: "PATCH", url: `/api/v1/links/${link.id}`, headers: bearer(owner), payload: { durationsMin: [30] } })).statusCode).toBe(200);

    const window = "from=2026-12-01T05:00:00Z&to=2026-12-02T05:00:00Z&timeZone=America/New_York";
    const slots = await t.app.inject({ method: "GET", url: `/api/v1/bookings/${id}/slots?${window}`, headers: bearer(owner) });
    expect(slots.statusCode, slots.body).toBe(200);
    const body = slots.json();
    expect(body).toMatchObject({ timeZone: "America/New_York", durationMin: 60 });
    const starts: string[] = body.days.flatMap((day: { slots: { start: string }[] }) => day.slots.map((slot) => slot.start));
    expect(body.days.map((day: { date: string }) => day.date)).toEqual(["2026-12-01"]);
    expect(starts).toContain("2026-12-01T14:00:00.000Z");
    expect(starts).toContain("2026-12-01T14:30:00.000Z");
    // The public page, which does not know about this booking, sees its hour as taken.
    const publicSlots = (await t.app.inject({ method: "GET", url: `${link.apiPath}/slots?${window}` })).json();
    expect(publicSlots.days[0].slots.map((slot: { start: string }) => slot.start)).not.toContain("2026-12-01T14:30:00.000Z");

    const moved = await t.app.inject({ method: "POST", url: `/api/v1/bookings/${id}/reschedule`, headers: bearer(owner), payload: { start: "2026-12-01T14:30:00Z" } });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ start: "2026-12-01T14:30:00.000Z", end: "2026-12-01T15:30:00.000Z", status: "rescheduled" });
  });

  it("answers 404 for a booking it does not know and 400 for an unknown zone", async () => {
    const owner = await signUpOwner(t.app, "strict");
    const unknown = await t.app.inject({ method: "GET", url: "/api/v1/bookings/00000000-0000-4000-8000-000000000000/slots", headers: bearer(owner) });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe("NOT_FOUND");
    const { booking: { id } } = await createLinkAndBook(t.app, owner);
    const zone = await t.app.inject({ method: "GET", url: `/api/v1/bookings/${id}/slots?timeZone=Mars/Olympus`, headers: bearer(owner) });
    expect(zone.statusCode).toBe(400);
    expect(zone.json().code).toBe("UNKNOWN_TIME_ZONE");
  });
});
