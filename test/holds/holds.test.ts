// Slot holds through the public booking routes and the owner-side API: a held
// time is busy for everyone else (slots, bookings, other holds), the holder
// books it with the token, expired holds stop counting at once and are
// released lazily and by the sweep, and tokens and ids stay inside their
// organisation and link.
import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { book, createLink, NY_WEEKDAYS } from "../support/booking-fixtures.js";
import { describeOnEngines } from "../support/engines.js";
import { bearer, useTestApp } from "../support/test-app.js";
import { releaseExpiredHolds } from "../../src/use-cases/holds/release-expired-holds.js";

const MINUTE = 60_000;

describeOnEngines("slot holds", (engine) => {
  const t = useTestApp(engine, { rateLimits: { publicBookingsPerMinute: 10_000 }, owners: { owner: "holder", other: "other-org" } });

  const hold = (apiPath: string, start: string, extra: Record<string, unknown> = {}) =>
    t.app.inject({ method: "POST", url: `${apiPath}/holds`, payload: { start, durationMin: 30, timeZone: "Europe/London", ...extra } });
  const slotStarts = async (apiPath: string, from: string, to: string) => {
    const response = await t.app.inject({ method: "GET", url: `${apiPath}/slots?from=${from}&to=${to}` });
    expect(response.statusCode, response.body).toBe(200);
    return (response.json().days as { slots: { start: string }[] }[]).flatMap((day) => day.slots.map((slot) => slot.start));
  };
  const holdRows = async (holdToken: string) => {
    const { hashToken } = await import("../../src/use-cases/auth/secret-token.js");
    const result = (await t.database.db.execute(
      sql`select h.released_at, h.consumed_at, h.consumed_booking_id, bh.is_active from slot_holds h join booking_hosts bh on bh.hold_id = h.id where h.token_hash = ${hashToken(holdToken)}`,
    )) as unknown as { rows: { released_at: unknown; consumed_at: unknown; consumed_booking_id: string | null; is_active: boolean }[] };
    return result.rows;
  };

  it("a held time is busy for others, and the holder books it with the token", async () => {
    const link = await createLink(t.app, t.owner, { slug: "hold-basic" });
    const held = await hold(link.apiPath, "2026-12-01T15:00:00.000Z");
    expect(held.statusCode, held.body).toBe(201);
    const { holdToken, expiresAt, start, end } = held.json();
    expect(holdToken).toMatch(/^[\w-]{22,}$/);
    expect({ expiresAt, start, end }).toEqual({
      expiresAt: new Date(t.clock.nowMs + 5 * MINUTE).toISOString(),
      start: "2026-12-01T15:00:00.000Z",
      end: "2026-12-01T15:30:00.000Z",
    });

    const starts = await slotStarts(link.apiPath, "2026-12-01T14:00:00.000Z", "2026-12-01T17:00:00.000Z");
    expect(starts).not.toContain("2026-12-01T15:00:00.000Z");
    expect(starts).toContain("2026-12-01T14:30:00.000Z");

    const stranger = await book(t.app, link.apiPath, "2026-12-01T15:00:00.000Z", { email: "stranger@example.com" });
    expect(stranger.statusCode, stranger.body).toBe(409);
    expect(stranger.json().code).toBe("SLOT_TAKEN");
    expect(stranger.json().nearestSlots.map((slot: { start: string }) => slot.start)).toContain("2026-12-01T14:30:00.000Z");
    const otherHold = await hold(link.apiPath, "2026-12-01T15:00:00.000Z");
    expect(otherHold.json().code).toBe("SLOT_TAKEN");

    const booked = await book(t.app, link.apiPath, "2026-12-01T15:00:00.000Z", { holdToken });
    expect(booked.statusCode, booked.body).toBe(201);
    const rows = await holdRows(holdToken);
    expect(rows).toEqual([expect.objectContaining({ is_active: false, consumed_booking_id: booked.json().id, released_at: null })]);
    expect(rows[0]!.consumed_at).not.toBeNull();

    const again = await book(t.app, link.apiPath, "2026-12-01T15:00:00.000Z", { holdToken, email: "again@example.com" });
    expect(again.statusCode, again.body).toBe(404);
    expect(again.json().code).toBe("HOLD_NOT_FOUND");
  });

  it("answers unknown, mismatched and expired tokens with their codes", async () => {
    const link = await createLink(t.app, t.owner, { slug: "hold-codes" });
    const unknown = await book(t.app, link.apiPath, "2026-12-02T15:00:00.000Z", { holdToken: "a".repeat(43) });
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, "HOLD_NOT_FOUND"]);

    const { holdToken } = (await hold(link.apiPath, "2026-12-02T15:00:00.000Z")).json();
    const elsewhere = await book(t.app, link.apiPath, "2026-12-02T16:00:00.000Z", { holdToken });
    expect([elsewhere.statusCode, elsewhere.json().code]).toEqual([409, "HOLD_MISMATCH"]);
    expect(elsewhere.json().differs).toEqual(["time"]);

    t.clock.nowMs += 6 * MINUTE;
    try {
      const late = await book(t.app, link.apiPath, "2026-12-02T15:00:00.000Z", { holdToken });
      expect([late.statusCode, late.json().code], late.body).toEqual([410, "HOLD_EXPIRED"]);
    } finally {
      t.clock.nowMs -= 6 * MINUTE;
    }
  });

  it("an expired hold stops counting at once and is released by the next booking of its host", async () => {
    const link = await createLink(t.app, t.owner, { slug: "hold-lazy" });
    const { holdToken } = (await hold(link.apiPath, "2026-12-03T15:00:00.000Z")).json();
    t.clock.nowMs += 5 * MINUTE;
    try {
      expect(await slotStarts(link.apiPath, "2026-12-03T14:00:00.000Z", "2026-12-03T16:00:00.000Z")).toContain("2026-12-03T15:00:00.000Z");
      expect((await holdRows(holdToken))[0]!.is_active).toBe(true);
      // Its rows are still active under the exclusion constraint: the booking must free them first.
      const booked = await book(t.app, link.apiPath, "2026-12-03T15:00:00.000Z", { email: "next@example.com" });
      expect(booked.statusCode, booked.body).toBe(201);
      expect(await holdRows(holdToken)).toEqual([expect.objectContaining({ is_active: false, consumed_at: null })]);
      expect((await holdRows(holdToken))[0]!.released_at).not.toBeNull();
    } finally {
      t.clock.nowMs -= 5 * MINUTE;
    }
  });

  it("the sweep releases expired holds and leaves live ones", async () => {
    const link = await createLink(t.app, t.owner, { slug: "hold-sweep" });
    const expiring = (await hold(link.apiPath, "2026-12-04T15:00:00.000Z")).json().holdToken;
    t.clock.nowMs += 4 * MINUTE;
    const live = (await hold(link.apiPath, "2026-12-04T16:00:00.000Z")).json().holdToken;
    t.clock.nowMs += 2 * MINUTE;
    try {
      expect(await releaseExpiredHolds(t.deps.store, t.clock.nowMs)).toBeGreaterThanOrEqual(1);
      expect((await holdRows(expiring))[0]).toMatchObject({ is_active: false, consumed_at: null });
      expect((await holdRows(expiring))[0]!.released_at).not.toBeNull();
      expect((await holdRows(live))[0]).toMatchObject({ is_active: true, released_at: null });
      expect(await releaseExpiredHolds(t.deps.store, t.clock.nowMs)).toBe(0);
    } finally {
      t.clock.nowMs -= 6 * MINUTE;
    }
  });

  it("the invitee releases a hold (going back): the time is free again, and a second release is HOLD_NOT_FOUND", async () => {
    const link = await createLink(t.app, t.owner, { slug: "hold-release" });
    const { holdToken } = (await hold(link.apiPath, "2026-12-07T15:00:00.000Z")).json();
    const released = await t.app.inject({ method: "DELETE", url: `${link.apiPath}/holds/${holdToken}` });
    expect(released.statusCode, released.body).toBe(204);
    expect(await slotStarts(link.apiPath, "2026-12-07T14:00:00.000Z", "2026-12-07T16:00:00.000Z")).toContain("2026-12-07T15:00:00.000Z");
    const twice = await t.app.inject({ method: "DELETE", url: `${link.apiPath}/holds/${holdToken}` });
    expect([twice.statusCode, twice.json().code]).toEqual([404, "HOLD_NOT_FOUND"]);
    const booked = await book(t.app, link.apiPath, "2026-12-07T15:00:00.000Z", { holdToken });
    expect(booked.json().code).toBe("HOLD_NOT_FOUND");
  });

  it("a one-time link's hold is allowed only while the link is usable", async () => {
    const link = await createLink(t.app, t.owner, { slug: "hold-one-time" });
    const created = await t.app.inject({ method: "POST", url: `/api/v1/links/${link.id}/one-time`, headers: bearer(t.owner), payload: { recipient: { email: "pat@example.com", name: "Pat" } } });
    expect(created.statusCode, created.body).toBe(201);
    const apiPath = new URL(created.json().apiUrl).pathname;
    const held = await hold(apiPath, "2026-12-08T15:00:00.000Z");
    expect(held.statusCode, held.body).toBe(201);
    // The same link's public page does not see the time either: the host is held.
    expect(await slotStarts(link.apiPath, "2026-12-08T14:00:00.000Z", "2026-12-08T16:00:00.000Z")).not.toContain("2026-12-08T15:00:00.000Z");
    const booked = await book(t.app, apiPath, "2026-12-08T15:00:00.000Z", { holdToken: held.json().holdToken });
    expect(booked.statusCode, booked.body).toBe(201);
    const afterUse = await hold(apiPath, "2026-12-08T16:00:00.000Z");
    expect([afterUse.statusCode, afterUse.json().code]).toEqual([410, "LINK_USED"]);
  });

  it("owner side: holds on the caller's own time, lists and releases them; ttlMinutes is 1–15", async () => {
    const link = await createLink(t.app, t.owner, { slug: "hold-owner" });
    const created = await t.app.inject({
      method: "POST",
      url: "/api/v1/holds",
      headers: bearer(t.owner),
      payload: { start: "2026-12-09T15:00:00.000Z", durationMin: 45, ttlMinutes: 10 },
    });
    expect(created.statusCode, created.body).toBe(201);
    const body = created.json();
    expect(body).toMatchObject({
      start: "2026-12-09T15:00:00.000Z",
      end: "2026-12-09T15:45:00.000Z",
      durationMin: 45,
      expiresAt: new Date(t.clock.nowMs + 10 * MINUTE).toISOString(),
      hostUserIds: [t.owner.userId],
      linkId: null,
    });
    // The owner's link does not offer the held time to invitees.
    const starts = await slotStarts(link.apiPath, "2026-12-09T14:00:00.000Z", "2026-12-09T17:00:00.000Z");
    expect(starts).not.toContain("2026-12-09T15:00:00.000Z");
    expect(starts).not.toContain("2026-12-09T15:30:00.000Z");

    const listed = await t.app.inject({ method: "GET", url: "/api/v1/holds", headers: bearer(t.owner) });
    expect(listed.json().holds.map((h: { id: string }) => h.id)).toContain(body.id);
    expect(listed.json().holds[0]).not.toHaveProperty("holdToken");

    const overlapping = await t.app.inject({ method: "POST", url: "/api/v1/holds", headers: bearer(t.owner), payload: { start: "2026-12-09T15:30:00.000Z", durationMin: 30 } });
    expect([overlapping.statusCode, overlapping.json().code]).toEqual([409, "SLOT_TAKEN"]);

    const released = await t.app.inject({ method: "DELETE", url: `/api/v1/holds/${body.id}`, headers: bearer(t.owner) });
    expect(released.statusCode, released.body).toBe(204);
    expect(await slotStarts(link.apiPath, "2026-12-09T14:00:00.000Z", "2026-12-09T17:00:00.000Z")).toContain("2026-12-09T15:00:00.000Z");

    const tooLong = await t.app.inject({ method: "POST", url: "/api/v1/holds", headers: bearer(t.owner), payload: { start: "2026-12-09T18:00:00.000Z", durationMin: 30, ttlMinutes: 20 } });
    expect([tooLong.statusCode, tooLong.json().code]).toEqual([400, "VALIDATION_FAILED"]);
  });

  it("owner side: a hold through a link follows the link's rules; hosts' own hours are checked without one", async () => {
    const link = await createLink(t.app, t.owner, { slug: "hold-owner-link" });
    const outside = await t.app.inject({ method: "POST", url: "/api/v1/holds", headers: bearer(t.owner), payload: { start: "2026-12-10T03:00:00.000Z", durationMin: 30, linkId: link.id } });
    expect([outside.statusCode, outside.json().code]).toEqual([422, "OUTSIDE_HOURS"]);
    const inside = await t.app.inject({ method: "POST", url: "/api/v1/holds", headers: bearer(t.owner), payload: { start: "2026-12-10T15:00:00.000Z", durationMin: 30, linkId: link.id } });
    expect(inside.statusCode, inside.body).toBe(201);
    expect(inside.json().linkId).toBe(link.id);
    // The holder books it through the public link with the token.
    const booked = await book(t.app, link.apiPath, "2026-12-10T15:00:00.000Z", { holdToken: inside.json().holdToken });
    expect(booked.statusCode, booked.body).toBe(201);

    const me = await t.app.inject({ method: "PATCH", url: "/api/v1/me", headers: bearer(t.owner), payload: NY_WEEKDAYS });
    expect(me.statusCode, me.body).toBe(200);
    try {
      const night = await t.app.inject({ method: "POST", url: "/api/v1/holds", headers: bearer(t.owner), payload: { start: "2026-12-10T05:00:00.000Z", durationMin: 30 } });
      expect([night.statusCode, night.json().code]).toEqual([422, "OUTSIDE_HOURS"]);
    } finally {
      await t.app.inject({ method: "PATCH", url: "/api/v1/me", headers: bearer(t.owner), payload: { weeklyHours: null } });
    }
  });

  it("round-robin: a second hold of the same time gets the other host, and its booking keeps that host after the first is let go", async () => {
    const member = await t.app.inject({
      method: "POST",
      url: "/api/v1/members",
      headers: bearer(t.owner),
      payload: { email: `ana-${engine}-${Date.now()}@example.com`, name: "Ana Prio", timeZone: "America/New_York", password: "member password 123" },
    });
    expect(member.statusCode, member.body).toBe(201);
    const ana = member.json().id as string;
    // Ana's priority makes the engine pick her whenever she is free.
    const link = await createLink(t.app, t.owner, { slug: "hold-round-robin", hostMode: "round_robin", hostUserIds: [t.owner.userId, ana], hostSettings: [{ userId: ana, weight: 1, priority: 1 }] });
    const first = (await hold(link.apiPath, "2026-12-14T15:00:00.000Z")).json();
    const second = (await hold(link.apiPath, "2026-12-14T15:00:00.000Z")).json();
    const holds = (await t.app.inject({ method: "GET", url: "/api/v1/holds", headers: bearer(t.owner) })).json().holds as { start: string; hostUserIds: string[] }[];
    // Both taken at the same instant of the test's clock: their order is not the point.
    expect(holds.filter((h) => h.start === "2026-12-14T15:00:00.000Z").flatMap((h) => h.hostUserIds).sort()).toEqual([t.owner.userId, ana].sort());
    expect((await hold(link.apiPath, "2026-12-14T15:00:00.000Z")).json().code).toBe("SLOT_TAKEN");

    expect((await t.app.inject({ method: "DELETE", url: `${link.apiPath}/holds/${first.holdToken}` })).statusCode).toBe(204);
    const booked = await book(t.app, link.apiPath, "2026-12-14T15:00:00.000Z", { holdToken: second.holdToken });
    expect(booked.statusCode, booked.body).toBe(201);
    const detail = (await t.app.inject({ method: "GET", url: `/api/v1/bookings/${booked.json().id}`, headers: bearer(t.owner) })).json();
    expect(detail.hostUserIds).toEqual([t.owner.userId]);
  });

  it("another organisation can neither use, list nor release a hold", async () => {
    const link = await createLink(t.app, t.owner, { slug: "hold-tenancy" });
    const otherLink = await createLink(t.app, t.other, { slug: "hold-tenancy" });
    const publicHold = (await hold(link.apiPath, "2026-12-11T15:00:00.000Z")).json().holdToken;
    const ownerHold = (await t.app.inject({ method: "POST", url: "/api/v1/holds", headers: bearer(t.owner), payload: { start: "2026-12-11T18:00:00.000Z", durationMin: 30 } })).json();

    const viaOther = await book(t.app, otherLink.apiPath, "2026-12-11T15:00:00.000Z", { holdToken: publicHold });
    expect([viaOther.statusCode, viaOther.json().code]).toEqual([404, "HOLD_NOT_FOUND"]);
    const releaseViaOther = await t.app.inject({ method: "DELETE", url: `${otherLink.apiPath}/holds/${publicHold}` });
    expect([releaseViaOther.statusCode, releaseViaOther.json().code]).toEqual([404, "HOLD_NOT_FOUND"]);
    const deleteOther = await t.app.inject({ method: "DELETE", url: `/api/v1/holds/${ownerHold.id}`, headers: bearer(t.other) });
    expect([deleteOther.statusCode, deleteOther.json().code], deleteOther.body).toEqual([404, "NOT_FOUND"]);
    const list = (await t.app.inject({ method: "GET", url: "/api/v1/holds", headers: bearer(t.other) })).json();
    expect(list.holds).toEqual([]);
    const hostsOfOther = await t.app.inject({ method: "POST", url: "/api/v1/holds", headers: bearer(t.other), payload: { start: "2026-12-11T20:00:00.000Z", durationMin: 30, hostUserIds: [t.owner.userId] } });
    expect([hostsOfOther.statusCode, hostsOfOther.json().code]).toEqual([400, "INVALID_HOSTS"]);

    // Both are still live for their own organisation.
    const mine = (await t.app.inject({ method: "GET", url: "/api/v1/holds", headers: bearer(t.owner) })).json().holds.map((h: { id: string }) => h.id);
    expect(mine).toContain(ownerHold.id);
    expect((await holdRows(publicHold))[0]).toMatchObject({ is_active: true, released_at: null });
  });
});
