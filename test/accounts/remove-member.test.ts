// Removing a member and changing roles: future bookings reassigned through the
// engine or cancelled, sessions and keys dead at once, and afterwards no row of
// any table refers to the removed user (table by table). On every engine.
import { getTableName, is } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import { expect, it } from "vitest";
import * as schema from "../../src/adapters/db/schema.js";
import { connectCalendar } from "../../src/use-cases/calendars/connections.js";
import { book, bookingDetail, createLink } from "../support/booking-fixtures.js";
import { describeOnEngines } from "../support/engines.js";
import { mintTenantIdForTest } from "../support/tenant.js";
import { bearer, sessionCookieOf, useTestApp, type Owner, type TestApp } from "../support/test-app.js";

/** Append-only records of what happened (who did what, what a booking was told); they keep ids as evidence, and name no personal field of the user. */
const RECORD_TABLES = new Set(["audit_log", "booking_history", "booking_events"]);

async function rowsReferring(t: TestApp, userId: string): Promise<Record<string, number>> {
  const found: Record<string, number> = {};
  for (const table of Object.values(schema)) {
    if (!is(table, PgTable)) continue;
    const name = getTableName(table);
    const { rows } = await t.database.executeSql(`select count(*)::int as n from "${name}" t where row_to_json(t)::text like $1`, [`%${userId}%`]);
    const count = (rows[0] as { n: number }).n;
    if (count > 0 && !RECORD_TABLES.has(name)) found[name] = count;
  }
  return found;
}

async function joinAsMember(t: TestApp, owner: Owner, email: string, role = "member"): Promise<Owner> {
  await t.app.inject({ method: "POST", url: "/api/v1/invitations", headers: bearer(owner), payload: { email, name: `Member ${email}`, role, timeZone: "America/New_York" } });
  const mail = ((await t.app.inject({ method: "GET", url: "/api/v1/dev/outbox", headers: bearer(owner) })).json().items as { to: { email: string }; text: string }[]).find((m) => m.to.email === email)!;
  const token = /token=([A-Za-z0-9_-]+)/.exec(mail.text)![1]!;
  const accepted = await t.app.inject({ method: "POST", url: "/api/v1/invitations/accept", payload: { token, password: "my own password" } });
  const cookie = sessionCookieOf(accepted);
  const { csrfToken, user } = accepted.json();
  const key = await t.app.inject({ method: "POST", url: "/api/v1/api-keys", headers: { cookie, "x-csrf-token": csrfToken }, payload: { name: "member key" } });
  return { email, password: "my own password", cookie, csrfToken, apiKey: key.json().key, userId: user.id };
}

const T1 = "2026-12-02T14:00:00.000Z";
const T2 = "2026-12-03T14:00:00.000Z";
const T3 = "2026-12-04T14:00:00.000Z";
const PAST = "2026-12-01T14:00:00.000Z";
const OWN_FUTURE = "2026-12-07T14:00:00.000Z";

describeOnEngines("removing members", (engine) => {
  const t = useTestApp(engine, { owners: { owner: "remover" } });

  it("reassigns what another host can take, cancels the rest with a reason, and leaves no row referring to the member", async () => {
    const member = await joinAsMember(t, t.owner, `leaving-${engine}@example.com`);
    const tenantId = mintTenantIdForTest((await t.database.executeSql("select tenant_id from users where id = $1", [member.userId])).rows.map((r) => (r as { tenant_id: string }).tenant_id)[0]!);
    t.calendarServer.addCalendar(`leaving-${engine}`, { name: "Leaving's work" });
    const memberAuth = { tenantId, userId: member.userId, role: "member" as const, actor: { type: "user" as const, id: member.userId }, sessionId: null, csrfToken: null };
    await connectCalendar(t.deps, { auth: memberAuth, ip: null, nowMs: t.clock.nowMs }, { kind: "memory", accountId: `leaving-${engine}` }, { provider: "memory", label: "leaving", serverUrl: "memory:", username: null });

    const hosts = [t.owner.userId, member.userId];
    const rr = await createLink(t.app, t.owner, { slug: "rr", hostMode: "round_robin", hostUserIds: hosts });
    const collective = await createLink(t.app, t.owner, { slug: "all", hostMode: "collective", hostUserIds: hosts });
    const own = await createLink(t.app, member, { slug: "mine" });

    const hostOf = async (id: string) => (await bookingDetail(t.app, t.owner, id)).hostUserIds as string[];
    const bookOk = async (apiPath: string, start: string, email: string) => {
      const response = await book(t.app, apiPath, start, { email });
      expect(response.statusCode, response.body).toBe(201);
      return response.json().id as string;
    };
    // T1: both round-robin hosts taken, so the member's meeting has nobody to go to.
    const t1 = [await bookOk(rr.apiPath, T1, "a@example.com"), await bookOk(rr.apiPath, T1, "b@example.com")];
    const t1OfMember = (await hostOf(t1[0]!)).includes(member.userId) ? t1[0]! : t1[1]!;
    // T2: both taken, then the owner's meeting is cancelled: the owner is free for the member's.
    const t2 = [await bookOk(rr.apiPath, T2, "c@example.com"), await bookOk(rr.apiPath, T2, "d@example.com")];
    const t2OfMember = (await hostOf(t2[0]!)).includes(member.userId) ? t2[0]! : t2[1]!;
    const t2OfOwner = t2.find((id) => id !== t2OfMember)!;
    await t.app.inject({ method: "POST", url: `/api/v1/bookings/${t2OfOwner}/cancel`, headers: bearer(t.owner), payload: {} });
    const t3 = await bookOk(collective.apiPath, T3, "e@example.com");
    const past = await bookOk(own.apiPath, PAST, "f@example.com");
    const ownFuture = await bookOk(own.apiPath, OWN_FUTURE, "g@example.com");

    t.clock.nowMs = Date.parse("2026-12-01T16:00:00.000Z");
    const removed = await t.app.inject({ method: "DELETE", url: `/api/v1/members/${member.userId}`, headers: bearer(t.owner), payload: { futureBookings: "reassign" } });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json().reassigned).toEqual(
      expect.arrayContaining([
        { bookingId: t2OfMember, hostUserIds: [t.owner.userId] },
        { bookingId: t3, hostUserIds: [t.owner.userId] },
      ]),
    );
    expect(removed.json().reassigned).toHaveLength(2);
    expect([...removed.json().cancelled].sort()).toEqual([t1OfMember, ownFuture].sort());

    const reassigned = await bookingDetail(t.app, t.owner, t2OfMember);
    expect(reassigned).toMatchObject({ status: "scheduled", start: T2, hostUserIds: [t.owner.userId] });
    const cancelled = await bookingDetail(t.app, t.owner, t1OfMember);
    expect(cancelled).toMatchObject({ status: "cancelled", cancelReason: "The host is no longer with the organisation." });
    // The past meeting stays for the statistics, hosted now by the owner who removed the member, with a history entry saying why.
    const kept = await bookingDetail(t.app, t.owner, past);
    expect(kept.hostUserIds).toEqual([t.owner.userId]);
    expect(JSON.stringify(kept.history)).toContain("the host was removed from the organisation");

    // Signed out everywhere, at once.
    expect((await t.app.inject({ method: "GET", url: "/api/v1/me", headers: { cookie: member.cookie } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: "GET", url: "/api/v1/me", headers: bearer(member) })).statusCode).toBe(401);
    // Their link is gone from the public; the team links no longer list them.
    expect((await t.app.inject({ method: "GET", url: own.apiPath })).statusCode).toBe(404);
    const rrAfter = (await t.app.inject({ method: "GET", url: `/api/v1/links/${rr.id}`, headers: bearer(t.owner) })).json();
    expect(rrAfter.hostUserIds).toEqual([t.owner.userId]);

    expect(await rowsReferring(t, member.userId)).toEqual({});
    const members = (await t.app.inject({ method: "GET", url: "/api/v1/members", headers: bearer(t.owner) })).json().items;
    expect(members.map((m: { id: string }) => m.id)).not.toContain(member.userId);
    t.clock.nowMs = Date.parse("2026-11-20T12:00:00Z");
  });

  it("with futureBookings=cancel cancels every future meeting even when another host is free", async () => {
    const member = await joinAsMember(t, t.owner, `cancel-${engine}@example.com`);
    const collective = await createLink(t.app, t.owner, { slug: "all-cancel", hostMode: "collective", hostUserIds: [t.owner.userId, member.userId] });
    const meeting = (await book(t.app, collective.apiPath, "2026-12-08T15:00:00.000Z", { email: "h@example.com" })).json().id as string;
    const removed = await t.app.inject({ method: "DELETE", url: `/api/v1/members/${member.userId}`, headers: bearer(t.owner), payload: { futureBookings: "cancel" } });
    expect(removed.json()).toEqual({ reassigned: [], cancelled: [meeting] });
    expect((await bookingDetail(t.app, t.owner, meeting)).status).toBe("cancelled");
    expect(await rowsReferring(t, member.userId)).toEqual({});
  });

  it("changes roles, keeps the last owner, and refuses removing oneself or by non-owners", async () => {
    const member = await joinAsMember(t, t.owner, `roles-${engine}@example.com`);
    const patch = (who: Owner, id: string, role: string) => t.app.inject({ method: "PATCH", url: `/api/v1/members/${id}`, headers: bearer(who), payload: { role } });

    expect((await patch(t.owner, t.owner.userId, "admin")).json()).toMatchObject({ status: 409, code: "LAST_OWNER" });
    expect((await patch(member, t.owner.userId, "member")).json()).toMatchObject({ status: 403, code: "FORBIDDEN" });
    expect((await t.app.inject({ method: "DELETE", url: `/api/v1/members/${t.owner.userId}`, headers: bearer(member), payload: { futureBookings: "cancel" } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: "DELETE", url: `/api/v1/members/${t.owner.userId}`, headers: bearer(t.owner), payload: { futureBookings: "cancel" } })).json().code).toBe("CANNOT_REMOVE_SELF");

    expect((await patch(t.owner, member.userId, "admin")).json()).toMatchObject({ id: member.userId, role: "admin" });
    // The role applies at once to the member's existing key.
    expect((await t.app.inject({ method: "GET", url: "/api/v1/me", headers: bearer(member) })).json().user.role).toBe("admin");
    expect((await patch(t.owner, member.userId, "owner")).json().role).toBe("owner");
    expect((await patch(t.owner, t.owner.userId, "owner")).json().role).toBe("owner");
    expect((await patch(member, t.owner.userId, "member")).json().role).toBe("member");
    expect((await patch(member, member.userId, "admin")).json().code).toBe("LAST_OWNER");
    // Put the suite's owner back.
    expect((await patch(member, t.owner.userId, "owner")).json().role).toBe("owner");

    const audit = (await t.app.inject({ method: "GET", url: "/api/v1/audit-log", headers: bearer(t.owner) })).json();
    expect(JSON.stringify(audit)).toContain("member.role_changed");
    expect((await t.app.inject({ method: "PATCH", url: `/api/v1/members/00000000-0000-4000-8000-000000000000`, headers: bearer(t.owner), payload: { role: "admin" } })).json().code).toBe("NOT_FOUND");
  });
});
