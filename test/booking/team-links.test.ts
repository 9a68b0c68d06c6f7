// Team links: round-robin weight and priority decide who is booked, each
// host's own hours apply when the link says so, and the owner reads who was
// assigned each booking and why, in names.
import { describe, expect, it } from "vitest";
import { book, createLink } from "../support/booking-fixtures.js";
import { describeOnEngines } from "../support/engines.js";
import { bearer, sessionCookieOf, useTestApp, type Owner } from "../support/test-app.js";
import type { FastifyInstance } from "fastify";

// The test clock stands at 2026-11-20T12:00:00Z (a Friday). Monday 7 December 2026, 14:00Z is 09:00 in New York.
const MONDAY_9_NY = Date.parse("2026-12-07T14:00:00Z");
const at = (hoursAfter: number) => new Date(MONDAY_9_NY + hoursAfter * 3_600_000).toISOString();
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

type Assignment = { hosts: { id: string; name: string }[]; why: string } | null;

async function addMember(app: FastifyInstance, owner: Owner, name: string) {
  const email = `${name.toLowerCase().replace(/\W+/g, "-")}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  const response = await app.inject({ method: "POST", url: "/api/v1/members", headers: bearer(owner), payload: { email, name, timeZone: "America/New_York", password: "member password 123" } });
  expect(response.statusCode, response.body).toBe(201);
  return { ...(response.json() as { id: string; name: string }), email };
}

async function assignments(app: FastifyInstance, owner: Owner, linkId: string) {
  const response = await app.inject({ method: "GET", url: `/api/v1/bookings?linkId=${linkId}&order=start_asc&limit=200`, headers: bearer(owner) });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items as { id: string; start: string; hostUserIds: string[]; assignment: Assignment }[];
}

async function mustBook(app: FastifyInstance, apiPath: string, start: string, n: number) {
  const response = await book(app, apiPath, start, { email: `invitee-${n}@example.com` });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string };
}

describeOnEngines("team links", (engine) => {
  const t = useTestApp(engine, { owners: { owner: "owner" } });

  it("books the free host with the highest priority, and says so with names", async () => {
    const ana = await addMember(t.app, t.owner, `Ana Prio ${engine}`);
    const link = await createLink(t.app, t.owner, {
      slug: "priority",
      hostMode: "round_robin",
      hostUserIds: [t.owner.userId, ana.id],
      hostSettings: [{ userId: ana.id, weight: 1, priority: 1 }],
    });
    const booked = [
      await mustBook(t.app, link.apiPath, at(0), 1),
      await mustBook(t.app, link.apiPath, at(1), 2), // Ana already has one booking this week, but her priority wins
      await mustBook(t.app, link.apiPath, at(0), 3), // Ana is busy then: the owner is the only free host
    ];
    const byId = new Map((await assignments(t.app, t.owner, link.id)).map((row) => [row.id, row]));
    const rows = booked.map(({ id }) => byId.get(id)!);
    expect(rows.map((row) => row.hostUserIds)).toEqual([[ana.id], [ana.id], [t.owner.userId]]);
    expect(rows[0]!.assignment).toEqual({ hosts: [{ id: ana.id, name: ana.name }], why: `${ana.name} has the highest priority among the free hosts (1; next 0)` });
    expect(rows[1]!.assignment?.why).toBe(`${ana.name} has the highest priority among the free hosts (1; next 0)`);
    expect(rows[2]!.assignment).toEqual({ hosts: [{ id: t.owner.userId, name: "Owner owner" }], why: "Owner owner is the only free host" });
    for (const row of rows) expect(row.assignment?.why).not.toMatch(UUID);
  });

  it("shares a week's bookings in proportion to weight", async () => {
    const heavy = await addMember(t.app, t.owner, `Hana Heavy ${engine}`);
    const light = await addMember(t.app, t.owner, `Lee Light ${engine}`);
    const link = await createLink(t.app, t.owner, {
      slug: "weighted",
      hostMode: "round_robin",
      hostUserIds: [heavy.id, light.id],
      hostSettings: [{ userId: heavy.id, weight: 2, priority: 0 }],
    });
    const startMs = t.clock.nowMs;
    try {
      for (let n = 0; n < 6; n++) {
        t.clock.nowMs += 60_000; // booked one after another, so "least recently booked" can decide ties
        await mustBook(t.app, link.apiPath, at(n), n);
      }
    } finally {
      t.clock.nowMs = startMs;
    }
    const rows = await assignments(t.app, t.owner, link.id);
    const count = (id: string) => rows.filter((row) => row.hostUserIds[0] === id).length;
    expect([count(heavy.id), count(light.id)]).toEqual([4, 2]);
    expect(rows.some((row) => row.assignment?.why.includes(`has the fewest bookings this week for its weight`))).toBe(true);
    for (const row of rows) expect(row.assignment?.hosts.map((host) => host.name)).toEqual([row.hostUserIds[0] === heavy.id ? heavy.name : light.name]);
  });

  it("uses each host's own working hours in their zone when the link says so, the link's for hosts without", async () => {
    const sam = await addMember(t.app, t.owner, `Sam Hours ${engine}`);
    const login = await t.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email: sam.email, password: "member password 123" } });
    expect(login.statusCode, login.body).toBe(200);
    const samSession = { cookie: sessionCookieOf(login), "x-csrf-token": login.json().csrfToken as string };
    // Saturdays 10:00–12:00 in Tokyo: Saturday 01:00–03:00Z.
    const saved = await t.app.inject({
      method: "PATCH",
      url: "/api/v1/me",
      headers: samSession,
      payload: { timeZone: "Asia/Tokyo", weeklyHours: [{ days: [6], start: "10:00", end: "12:00" }] },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().user.weeklyHours).toEqual([{ days: [6], start: "10:00", end: "12:00" }]);

    const slotStarts = async (apiPath: string) => {
      const slots = await t.app.inject({ method: "GET", url: `${apiPath}/slots?from=2026-12-07T00:00:00Z&to=2026-12-14T00:00:00Z&timeZone=UTC` });
      expect(slots.statusCode, slots.body).toBe(200);
      return (slots.json().days as { slots: { start: string }[] }[]).flatMap((day) => day.slots.map((slot) => slot.start));
    };
    const own = await createLink(t.app, t.owner, { slug: "own-hours", hostUserIds: [sam.id], hostHours: "host" });
    expect(await slotStarts(own.apiPath)).toEqual(["2026-12-12T01:00:00.000Z", "2026-12-12T01:30:00.000Z", "2026-12-12T02:00:00.000Z", "2026-12-12T02:30:00.000Z"]);
    const linkHours = await createLink(t.app, t.owner, { slug: "link-hours", hostUserIds: [sam.id], hostHours: "link" });
    expect(await slotStarts(linkHours.apiPath)).toHaveLength(5 * 16); // 09:00–17:00 New York, Monday to Friday

    // The owner cleared their own hours: on a round-robin link with Sam, the owner's are the link's.
    const clearedOwner = await t.app.inject({ method: "PATCH", url: "/api/v1/me", headers: bearer(t.owner), payload: { weeklyHours: null } });
    expect(clearedOwner.statusCode, clearedOwner.body).toBe(200);
    const team = await createLink(t.app, t.owner, { slug: "team-hours", hostMode: "round_robin", hostUserIds: [t.owner.userId, sam.id], hostHours: "host" });
    const teamStarts = await slotStarts(team.apiPath);
    // The link's week for the owner (less Monday 09:00, booked in the first test) and Sam's Saturday morning.
    expect(teamStarts).toHaveLength(5 * 16 - 1 + 4);
    expect(teamStarts).not.toContain(at(0));
    expect(teamStarts).toContain("2026-12-12T01:00:00.000Z");
    const booked = await mustBook(t.app, team.apiPath, "2026-12-12T01:00:00.000Z", 1);
    const detail = (await t.app.inject({ method: "GET", url: `/api/v1/bookings/${booked.id}`, headers: bearer(t.owner) })).json();
    expect(detail.hostUserIds).toEqual([sam.id]);
    const outside = await book(t.app, own.apiPath, at(0), { email: "outside@example.com" });
    expect([outside.statusCode, outside.json().code]).toEqual([422, "OUTSIDE_HOURS"]);

    const cleared = await t.app.inject({ method: "PATCH", url: "/api/v1/me", headers: samSession, payload: { weeklyHours: null } });
    expect(cleared.json().user.weeklyHours).toBeNull();
    expect(await slotStarts(own.apiPath)).toHaveLength(5 * 16);
  });

  it("shows single and collective links' assignment too", async () => {
    const link = await createLink(t.app, t.owner, { slug: "solo" });
    await mustBook(t.app, link.apiPath, at(7), 1); // 16:00 in New York: the owner is booked earlier that Monday
    const [row] = await assignments(t.app, t.owner, link.id);
    expect(row!.assignment).toEqual({ hosts: [{ id: t.owner.userId, name: "Owner owner" }], why: "the link's host" });
  });
});

describe("team link settings are checked", () => {
  const t = useTestApp("pglite", { owners: { owner: "owner" } });

  it("refuses settings for someone who is not a host, and weights or priorities out of range", async () => {
    const member = await addMember(t.app, t.owner, "Mo Check");
    const notHost = await t.app.inject({
      method: "POST",
      url: "/api/v1/links",
      headers: bearer(t.owner),
      payload: { title: "Team", durationsMin: [30], hostMode: "round_robin", hostUserIds: [t.owner.userId], hostSettings: [{ userId: member.id, weight: 2, priority: 0 }] },
    });
    expect([notHost.statusCode, notHost.json().code]).toEqual([400, "INVALID_RULES"]);
    expect(notHost.json().errors).toEqual([{ path: "hostSettings.0.userId", message: "is not a host of this link" }]);
    for (const setting of [{ weight: 0, priority: 0 }, { weight: 101, priority: 0 }, { weight: 1, priority: 11 }, { weight: 1, priority: -1 }]) {
      const outOfRange = await t.app.inject({
        method: "POST",
        url: "/api/v1/links",
        headers: bearer(t.owner),
        payload: { title: "Team", durationsMin: [30], hostMode: "round_robin", hostUserIds: [t.owner.userId, member.id], hostSettings: [{ userId: member.id, ...setting }] },
      });
      expect([outOfRange.statusCode, outOfRange.json().code], JSON.stringify(setting)).toEqual([400, "VALIDATION_FAILED"]);
    }
    const badHours = await t.app.inject({ method: "PATCH", url: "/api/v1/me", headers: bearer(t.owner), payload: { weeklyHours: [{ days: [1], start: "17:00", end: "09:00" }] } });
    expect([badHours.statusCode, badHours.json().code]).toEqual([400, "INVALID_RULES"]);
  });

  it("keeps settings with the link, and drops a removed host's settings with them", async () => {
    const a = await addMember(t.app, t.owner, "Al Keep");
    const b = await addMember(t.app, t.owner, "Bea Keep");
    const link = await createLink(t.app, t.owner, {
      slug: "keep",
      hostMode: "round_robin",
      hostUserIds: [t.owner.userId, a.id, b.id],
      hostSettings: [
        { userId: a.id, weight: 3, priority: 2 },
        { userId: b.id, weight: 1, priority: 1 },
      ],
      hostHours: "host",
    });
    const read = (await t.app.inject({ method: "GET", url: `/api/v1/links/${link.id}`, headers: bearer(t.owner) })).json();
    expect([read.hostSettings, read.hostHours]).toEqual([
      [
        { userId: a.id, weight: 3, priority: 2 },
        { userId: b.id, weight: 1, priority: 1 },
      ],
      "host",
    ]);
    const patched = await t.app.inject({ method: "PATCH", url: `/api/v1/links/${link.id}`, headers: bearer(t.owner), payload: { hostUserIds: [t.owner.userId, b.id] } });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().hostSettings).toEqual([{ userId: b.id, weight: 1, priority: 1 }]);
    const plain = await createLink(t.app, t.owner, { slug: "plain" });
    expect([(plain as unknown as { hostSettings: unknown }).hostSettings, (plain as unknown as { hostHours: unknown }).hostHours]).toEqual([[], "link"]);
  });
});
