// GET /api/v1/availability (issue 16, part 1): an owner's or a team's free
// times without a link — each host's own working hours in their zone, their
// Convene bookings and their calendars' busy time — and, for one requested
// time, whether it is free, the engine's reasons, and the nearest free times.
import { expect, it } from "vitest";
import { describeOnEngines } from "../support/engines.js";
import { bearer, signUpOwner, useTestApp } from "../support/test-app.js";
import { addMember, busyEvent, connectAs, syncNow } from "./owner-support.js";

// The test clock stands at Friday 2026-11-20T12:00Z. Owners sign up in Europe/Berlin (UTC+1 in November):
// their default hours, Monday to Friday 09:00–17:00, are 08:00–16:00Z.
const MONDAY = "2026-11-23";
const hour = (h: number, date = MONDAY) => `${date}T${String(h).padStart(2, "0")}:00:00.000Z`;
const DAY_WINDOW = `from=${MONDAY}T00:00:00Z&to=2026-11-24T00:00:00Z&durationMin=60&intervalMin=60`;

describeOnEngines("owner availability", (engine) => {
  const t = useTestApp(engine, { owners: { owner: "avail" } });
  const get = (query: string, headers: Record<string, string> = bearer(t.owner)) => t.app.inject({ method: "GET", url: `/api/v1/availability?${query}`, headers });
  const starts = (body: { slots: { start: string }[] }) => body.slots.map((slot) => slot.start);

  it("answers the owner's working hours less their calendar's busy time and their bookings, in the asker's zone too", async () => {
    const free = await get(DAY_WINDOW);
    expect(free.statusCode, free.body).toBe(200);
    expect(starts(free.json())).toEqual([8, 9, 10, 11, 12, 13, 14, 15].map((h) => hour(h)));

    const { calendarId, connectionId } = await connectAs(t, t.owner.userId, `avail-${engine}`);
    t.calendarServer.addObject(calendarId, busyEvent("dentist@example.com", hour(10), hour(11)));
    await syncNow(t.app, t.owner, connectionId);
    const booked = await t.app.inject({
      method: "POST",
      url: "/api/v1/bookings",
      headers: bearer(t.owner),
      payload: { start: hour(13), durationMin: 60, attendees: [{ name: "Ada", email: "ada@example.com" }], location: { kind: "phone", value: "+49 30 1234567" } },
    });
    expect(booked.statusCode, booked.body).toBe(201);

    const answer = (await get(`${DAY_WINDOW}&timeZone=America/New_York`)).json();
    expect(starts(answer)).toEqual([8, 9, 11, 12, 14, 15].map((h) => hour(h)));
    expect(answer.slots[0]).toEqual({ start: hour(8), end: hour(9), hostUserIds: [t.owner.userId], localStart: "2026-11-23T03:00:00-05:00", localEnd: "2026-11-23T04:00:00-05:00" });
    expect(answer).toMatchObject({ durationMin: 60, intervalMin: 60, timeZone: "America/New_York" });
    // The default grid: the meeting's length up to half an hour.
    expect(starts((await get(`from=${MONDAY}T08:00:00Z&to=${MONDAY}T10:00:00Z&durationMin=60`)).json())).toEqual([hour(8), `${MONDAY}T08:30:00.000Z`, hour(9)]);
  });

  it("says why a requested time is not free and offers the nearest free times", async () => {
    const busy = (await get(`${DAY_WINDOW}&at=${hour(13)}`)).json().requested;
    expect(busy).toMatchObject({ start: hour(13), free: false, reasons: [{ code: "BUSY", message: expect.stringContaining("Owner avail") }] });
    expect(busy.nearest.map((slot: { start: string }) => slot.start)).toEqual(expect.arrayContaining([hour(12), hour(14)]));
    expect(busy.nearest.length).toBeLessThanOrEqual(5);

    const saturday = (await get(`${DAY_WINDOW}&at=${hour(10, "2026-11-21")}&timeZone=Europe/Berlin`)).json().requested;
    expect(saturday).toMatchObject({ free: false, localStart: "2026-11-21T11:00:00+01:00", reasons: [{ code: "OUTSIDE_HOURS" }] });
    // Friday afternoon (today, after now) is nearer than Monday morning.
    expect(saturday.nearest.map((slot: { start: string }) => slot.start)).toEqual(["2026-11-20T12:00:00.000Z", "2026-11-20T13:00:00.000Z", "2026-11-20T14:00:00.000Z", "2026-11-20T15:00:00.000Z", hour(8)]);

    expect((await get(`${DAY_WINDOW}&at=${hour(8)}`)).json().requested).toEqual({ start: hour(8), free: true, reasons: [], nearest: [] });
    const past = (await get(`${DAY_WINDOW}&at=2026-11-20T10:00:00Z`)).json().requested;
    expect(past.reasons[0].code).toBe("TOO_SOON");
  });

  it("answers a team: the times all hosts are free, or any one of them with who", async () => {
    const mia = await addMember(t.app, t.owner, `Mia Team ${engine}`, "America/New_York"); // 09:00–17:00 New York: 14:00–22:00Z
    const team = `${DAY_WINDOW}&hostUserIds=${t.owner.userId},${mia.id}`;
    const all = (await get(team)).json();
    expect(all.slots).toEqual([14, 15].map((h) => ({ start: hour(h), end: hour(h + 1), hostUserIds: [t.owner.userId, mia.id] })));

    const any = (await get(`${team}&mode=any`)).json();
    expect(starts(any)).toEqual([8, 9, 11, 12, 14, 15, 16, 17, 18, 19, 20, 21].map((h) => hour(h)));
    const hostsAt = (h: number) => any.slots.find((slot: { start: string }) => slot.start === hour(h)).hostUserIds;
    expect([hostsAt(8), hostsAt(14), hostsAt(20)]).toEqual([[t.owner.userId], [t.owner.userId, mia.id], [mia.id]]);
  });

  it("lets a member ask only about themselves, and answers another organisation's host as unknown", async () => {
    const kim = await addMember(t.app, t.owner, `Kim Own ${engine}`, "Europe/Berlin");
    const own = await get(DAY_WINDOW, kim.headers);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().slots[0].hostUserIds).toEqual([kim.id]);
    const other = await get(`${DAY_WINDOW}&hostUserIds=${t.owner.userId}`, kim.headers);
    expect([other.statusCode, other.json().code]).toEqual([403, "FORBIDDEN"]);
    expect(other.headers["content-type"]).toMatch(/^application\/problem\+json/);

    const stranger = await signUpOwner(t.app, `stranger-${engine}`);
    const foreign = await get(`${DAY_WINDOW}&hostUserIds=${stranger.userId}`);
    expect([foreign.statusCode, foreign.json().code]).toEqual([404, "HOST_NOT_FOUND"]);
    expect(foreign.body).not.toContain("stranger");
  });

  it("refuses windows it cannot answer with clear codes", async () => {
    const long = await get(`from=2026-11-23T00:00:00Z&to=2027-01-25T00:00:00Z&durationMin=30`);
    expect([long.statusCode, long.json().code, long.json().maxDays]).toEqual([400, "WINDOW_TOO_LONG", 62]);
    const reversed = await get(`from=2026-11-24T00:00:00Z&to=2026-11-23T00:00:00Z&durationMin=30`);
    expect([reversed.statusCode, reversed.json().code]).toEqual([400, "VALIDATION_FAILED"]);
    const zone = await get(`${DAY_WINDOW}&timeZone=Mars/Olympus`);
    expect([zone.statusCode, zone.json().code]).toEqual([400, "UNKNOWN_TIME_ZONE"]);
    const short = await get(`from=2026-11-23T00:00:00Z&to=2026-11-24T00:00:00Z&durationMin=3`);
    expect([short.statusCode, short.json().code]).toEqual([400, "VALIDATION_FAILED"]);
  });
});
