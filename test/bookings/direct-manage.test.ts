// The invitee's manage page for a booking made without a link (POST
// /api/v1/bookings): it shows the booking's own title, location and hosts, and
// its reschedule slots are the times every host is free in their own working
// hours (bookings and calendars included, the booking's own hold left out),
// the same judgement that moves it.
import { expect, it } from "vitest";
import { describeOnEngines } from "../support/engines.js";
import { bearer, useTestApp } from "../support/test-app.js";
import { addMember, busyEvent, connectAs, syncNow, tenantOf } from "./owner-support.js";

// The test clock stands at Friday 2026-11-20T12:00Z. The owner works 09:00–17:00 Berlin (08:00–16:00Z),
// Kim 09:00–17:00 New York (14:00–22:00Z): together, 14:00–16:00Z on weekdays.
const MONDAY = "2026-11-23";
const at = (time: string, date = MONDAY) => `${date}T${time}:00.000Z`;
const MONDAY_WINDOW = `from=${MONDAY}T00:00:00Z&to=2026-11-24T00:00:00Z`;

type SlotsAnswer = { timeZone: string; durationMin: number; days: { date: string; slots: { start: string }[] }[]; nextFrom: string | null };
const startsOf = (answer: SlotsAnswer) => answer.days.flatMap((day) => day.slots.map((slot) => slot.start));

describeOnEngines("manage page of a direct booking", (engine) => {
  const t = useTestApp(engine, { owners: { owner: "direct-manage" } });

  async function bookWithKim(start: string) {
    const kim = await addMember(t.app, t.owner, `Kim Host ${engine}`, "America/New_York");
    const booked = await t.app.inject({
      method: "POST",
      url: "/api/v1/bookings",
      headers: bearer(t.owner),
      payload: {
        start,
        durationMin: 30,
        title: "Pricing call",
        hostUserIds: [t.owner.userId, kim.id],
        attendees: [{ name: "Ada Lovelace", email: `ada-manage-${engine}@example.com`, timeZone: "Europe/London" }],
        location: { kind: "phone", value: "+44 20 7946 0000" },
      },
    });
    expect(booked.statusCode, booked.body).toBe(201);
    const token = String(booked.json().manageUrl).split("/manage/")[1]!;
    return { kim, id: booked.json().id as string, api: `/api/v1/public/manage/${token}` };
  }

  it("shows the booking's own title, location and hosts, and offers the times every host is free in their own hours", async () => {
    const { kim, api } = await bookWithKim(at("14:00"));
    const view = await t.app.inject({ method: "GET", url: api });
    expect(view.statusCode, view.body).toBe(200);
    const owner = (await t.deps.store.users.get(await tenantOf(t, t.owner.userId), t.owner.userId))!;
    expect(view.json()).toMatchObject({
      start: at("14:00"),
      timeZone: "Europe/London",
      link: { title: "Pricing call", ownerName: owner.name, bookingUrl: null, bookableUntil: null },
      // The organizer first.
      hosts: [{ name: owner.name }, { name: kim.name }],
      location: { type: "phone", text: "+44 20 7946 0000" },
    });

    const slots = async (query: string) => t.app.inject({ method: "GET", url: `${api}/slots?${query}` });
    const free = await slots(MONDAY_WINDOW);
    expect(free.statusCode, free.body).toBe(200);
    // Its own time counts as free: moving by a quarter of an hour must be possible.
    expect(startsOf(free.json())).toEqual(["14:00", "14:30", "15:00", "15:30"].map((time) => at(time)));
    expect(free.json()).toMatchObject({ timeZone: "Europe/London", durationMin: 30, nextFrom: null });

    // The owner's calendar and Kim's other booking take their times away.
    const { calendarId, connectionId } = await connectAs(t, t.owner.userId, `manage-busy-${engine}`);
    t.calendarServer.addObject(calendarId, busyEvent("dentist@example.com", at("15:00"), at("15:30")));
    await syncNow(t.app, t.owner, connectionId);
    const other = await t.app.inject({
      method: "POST",
      url: "/api/v1/bookings",
      headers: bearer(t.owner),
      payload: { start: at("15:30"), durationMin: 30, hostUserIds: [kim.id], attendees: [{ name: "Bob", email: "bob@example.com" }] },
    });
    expect(other.statusCode, other.body).toBe(201);
    const left = (await slots(`${MONDAY_WINDOW}&timeZone=America/New_York`)).json();
    expect(startsOf(left)).toEqual([at("14:00"), at("14:30")]);
    expect(left.days.map((day: { date: string }) => day.date)).toEqual([MONDAY]);
  });

  it("moves within the times it offers and refuses one a host does not work, with the engine's reason", async () => {
    const { api, id } = await bookWithKim(at("14:00", "2026-11-24"));
    const offered = startsOf((await t.app.inject({ method: "GET", url: `${api}/slots?from=2026-11-24T00:00:00Z&to=2026-11-25T00:00:00Z` })).json());
    expect(offered).toContain(at("15:30", "2026-11-24"));
    const moved = await t.app.inject({ method: "POST", url: `${api}/reschedule`, payload: { start: at("15:30", "2026-11-24") } });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ start: at("15:30", "2026-11-24"), status: "rescheduled", link: { title: "Pricing call" } });

    // 10:00Z is inside the owner's hours but 05:00 in New York: not offered, and refused if asked for.
    expect(offered).not.toContain(at("10:00", "2026-11-24"));
    const early = await t.app.inject({ method: "POST", url: `${api}/reschedule`, payload: { start: at("10:00", "2026-11-24") } });
    expect([early.statusCode, early.json().code]).toEqual([422, "OUTSIDE_AVAILABILITY"]);
    expect(early.json().reasons).toEqual([{ code: "OUTSIDE_HOURS", message: expect.stringContaining("Kim Host") }]);
    const detail = (await t.app.inject({ method: "GET", url: `/api/v1/bookings/${id}`, headers: bearer(t.owner) })).json();
    expect(detail.start).toBe(at("15:30", "2026-11-24"));
  });

  it("refuses a window longer than owner availability answers, and an empty one", async () => {
    const { api } = await bookWithKim(at("14:00", "2026-11-25"));
    const long = await t.app.inject({ method: "GET", url: `${api}/slots?from=2026-11-21T00:00:00Z&to=2027-02-21T00:00:00Z` });
    expect([long.statusCode, long.json().code]).toEqual([400, "WINDOW_TOO_LONG"]);
    const reversed = await t.app.inject({ method: "GET", url: `${api}/slots?from=2026-11-25T00:00:00Z&to=2026-11-24T00:00:00Z` });
    expect([reversed.statusCode, reversed.json().code]).toEqual([400, "VALIDATION_FAILED"]);
  });
});
