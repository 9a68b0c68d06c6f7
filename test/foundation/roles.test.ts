// The role sweep: every authenticated route the app registers × every role
// (owner, admin, member of ONE organisation), checked against the one table in
// core (PERMISSIONS), so routes added later are covered without touching this
// file (except a sample body in test/support/route-samples.ts): every route
// declares a permission; a null scope answers 403; an "own" scope answers 404
// for the owner's ids and lists none of them; an "all" scope reaches them.
import { eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { users } from "../../src/adapters/db/schema.js";
import type { UserRole } from "../../src/core/account/limits.js";
import { PERMISSIONS, permissionsOf } from "../../src/core/account/permissions.js";
import type { RouteEntry } from "../../src/http/route-catalog.js";
import { describeOnEngines } from "../support/engines.js";
import { runLeadsChannel } from "../support/lead-fixtures.js";
import { SAMPLE_BODIES, SAMPLE_QUERIES } from "../support/route-samples.js";
import { bearer, sessionCookieOf, useTestApp, type Owner, type TestApp } from "../support/test-app.js";

const ROLES: UserRole[] = ["owner", "admin", "member"];
const NO_SUCH_ID = "00000000-0000-4000-8000-000000000000";

type Seeded = { holdId: string; templateId: string | null; inboundSourceId: string | null; webhookEndpointId: string | null; webhookAttemptId: string | null; campaignId: string | null; leadId: string; linkId: string; oneTimeId: string; token: string; bookingId: string; connectionId: string; calendarIds: string[]; keyIds: string[]; unmatchedIds: string[] };

/** Adds a user through POST /members with a password; the role is set in the database, as no route changes roles yet. */
async function addUser(t: TestApp, owner: Owner, role: UserRole, label: string): Promise<Owner> {
  const email = `${label}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  const password = "correct horse battery staple";
  const added = await t.app.inject({ method: "POST", url: "/api/v1/members", headers: bearer(owner), payload: { email, name: `The ${label}`, timeZone: "Europe/Berlin", password } });
  if (added.statusCode !== 201) throw new Error(`add member failed: ${added.body}`);
  const userId = added.json().id as string;
  await t.database.db.update(users).set({ role }).where(eq(users.id, userId));
  const login = await t.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email, password } });
  if (login.statusCode !== 200) throw new Error(`login failed: ${login.body}`);
  const cookie = sessionCookieOf(login);
  const csrfToken = login.json().csrfToken as string;
  const key = await t.app.inject({ method: "POST", url: "/api/v1/api-keys", headers: { cookie, "x-csrf-token": csrfToken }, payload: { name: `${label} key` } });
  return { email, password, cookie, csrfToken, apiKey: key.json().key, userId };
}

/** A link of the user's, one of its one-time links, a booking on it and an ICS connection: what "own" is about. */
async function seedUser(app: FastifyInstance, user: Owner, feedUrl: string, start: string, withTemplate: boolean): Promise<Seeded> {
  const headers = bearer(user);
  // Templates are the managers' to write (a member uses them).
  const template = withTemplate ? (await app.inject({ method: "POST", url: "/api/v1/templates", headers, payload: { name: "Questions", questions: [] } })).json() : null;
  const link = (await app.inject({ method: "POST", url: "/api/v1/links", headers, payload: { title: "Intro", durationsMin: [30], ...(template ? { templateId: template.id } : {}) } })).json();
  const oneTime = (await app.inject({ method: "POST", url: `/api/v1/links/${link.id}/one-time`, headers, payload: { recipient: { email: "lead@example.com", name: "Lead" } } })).json();
  const booking = (
    await app.inject({ method: "POST", url: `${new URL(link.apiUrl).pathname}/bookings`, payload: { start, timeZone: "UTC", name: "Invitee", email: "invitee@example.com", answers: {} } })
  ).json();
  if (!booking.id) throw new Error(`seed booking failed: ${JSON.stringify(booking)}`);
  const feed = (await app.inject({ method: "POST", url: "/api/v1/calendars/ics", headers, payload: { url: feedUrl } })).json();
  if (!feed.id) throw new Error(`seed feed failed: ${JSON.stringify(feed)}`);
  const keys = (await app.inject({ method: "GET", url: "/api/v1/api-keys", headers })).json();
  // Inbound sources and campaigns are the managers' (like templates); everyone's leads are their own.
  const inboundSource = withTemplate ? (await app.inject({ method: "POST", url: "/api/v1/inbound-sources", headers, payload: { provider: "calcom", name: "Sales" } })).json().source : null;
  const campaign = withTemplate ? (await app.inject({ method: "POST", url: "/api/v1/campaigns", headers, payload: { name: "Outreach" } })).json() : null;
  // Webhook endpoints are the managers' too; a test send gives the endpoint a log entry to replay.
  const webhook = withTemplate ? (await app.inject({ method: "POST", url: "/api/v1/webhooks", headers, payload: { url: feedUrl, eventTypes: ["booking.created"] } })).json() : null;
  const webhookAttempt = webhook ? (await app.inject({ method: "POST", url: `/api/v1/webhooks/${webhook.id}/test`, headers })).json() : null;
  const lead = (await app.inject({ method: "POST", url: "/api/v1/leads", headers, payload: { email: `lead-of-${user.userId}@example.com` } })).json();
  if (!lead.id) throw new Error(`seed lead failed: ${JSON.stringify(lead)}`);
  const hold = (await app.inject({ method: "POST", url: "/api/v1/holds", headers, payload: { start: "2026-12-02T10:00:00Z", durationMin: 30, ttlMinutes: 15 } })).json();
  if (!hold.id) throw new Error(`seed hold failed: ${JSON.stringify(hold)}`);
  return {
    holdId: hold.id,
    templateId: template?.id ?? null,
    inboundSourceId: inboundSource?.id ?? null,
    webhookEndpointId: webhook?.id ?? null,
    webhookAttemptId: webhookAttempt?.id ?? null,
    campaignId: campaign?.id ?? null,
    leadId: lead.id,
    linkId: link.id,
    oneTimeId: oneTime.id,
    token: oneTime.token,
    bookingId: booking.id,
    connectionId: feed.id,
    calendarIds: feed.calendars.map((calendar: { id: string }) => calendar.id),
    keyIds: keys.items.map((key: { id: string }) => key.id),
    unmatchedIds: [],
  };
}

/** The booking's invitee, queued as unmatched once the leads channel ran (no lead has their address). */
async function withUnmatched(app: FastifyInstance, user: Owner, seeded: Seeded): Promise<Seeded> {
  const queue = (await app.inject({ method: "GET", url: "/api/v1/unmatched", headers: bearer(user) })).json();
  return { ...seeded, unmatchedIds: queue.items.filter((entry: { booking: { id: string } }) => entry.booking.id === seeded.bookingId).map((entry: { id: string }) => entry.id) };
}

const idsOf = (seeded: Seeded) => [
  ...(seeded.templateId ? [seeded.templateId] : []),
  ...(seeded.inboundSourceId ? [seeded.inboundSourceId] : []),
  ...(seeded.campaignId ? [seeded.campaignId] : []),
  ...(seeded.webhookEndpointId ? [seeded.webhookEndpointId] : []),
  seeded.leadId,
  seeded.holdId,
  seeded.linkId,
  seeded.oneTimeId,
  seeded.token,
  seeded.bookingId,
  seeded.connectionId,
  ...seeded.calendarIds,
  ...seeded.keyIds,
  ...seeded.unmatchedIds,
];
const hasBody = (route: RouteEntry) => ["POST", "PUT", "PATCH"].includes(route.method);
const keyOf = (route: RouteEntry) => `${route.method} ${route.url}`;
const scopeFor = (route: RouteEntry, role: UserRole) => PERMISSIONS[route.permission!][role];

describeOnEngines("roles", (engine) => {
  const t = useTestApp(engine, { owners: { owner: "roles" } });
  const as: Partial<Record<UserRole, Owner>> = {};
  let ofOwner: Seeded;
  let ofMember: Seeded;
  const feed = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "text/calendar" });
    response.end(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", "X-WR-CALNAME:Feed", "END:VCALENDAR", ""].join("\r\n"));
  });

  const call = (role: UserRole, route: RouteEntry, id: string, query = "") =>
    t.app.inject({
      method: route.method as "GET",
      // A log entry is named under its endpoint: the owner's webhook log entry, the id under test for the endpoint.
      url: `${route.url.replace(":deliveryId", ofOwner?.webhookAttemptId ?? id).replace(/:[A-Za-z]+/g, id)}${query}`,
      headers: bearer(as[role]!),
      ...(hasBody(route) ? { payload: SAMPLE_BODIES[keyOf(route)] as object } : {}),
    });
  const authenticated = () => t.app.routeCatalog.filter((route) => route.isAuthenticated && route.method !== "HEAD");

  beforeAll(async () => {
    await new Promise<void>((resolve) => feed.listen(0, "127.0.0.1", resolve));
    const feedUrl = `http://127.0.0.1:${(feed.address() as AddressInfo).port}/feed.ics`;
    as.owner = t.owner;
    as.admin = await addUser(t, t.owner, "admin", "admin");
    as.member = await addUser(t, t.owner, "member", "member");
    ofOwner = await seedUser(t.app, t.owner, feedUrl, "2026-12-01T14:00:00Z", true);
    ofMember = await seedUser(t.app, as.member, feedUrl, "2026-12-01T14:00:00Z", false);
    await runLeadsChannel(t);
    ofOwner = await withUnmatched(t.app, t.owner, ofOwner);
    ofMember = await withUnmatched(t.app, as.member, ofMember);
    if (ofOwner.unmatchedIds.length === 0 || ofMember.unmatchedIds.length === 0) throw new Error("seed: the bookings' invitees were not queued as unmatched");
  });
  afterAll(async () => {
    await new Promise((resolve) => feed.close(resolve));
  });

  it("has every authenticated route declare a permission of the table", () => {
    const routes = authenticated();
    expect(routes.length).toBeGreaterThan(20);
    for (const route of routes) expect(Object.keys(PERMISSIONS), `${keyOf(route)} declares no permission of the table`).toContain(route.permission);
  });

  it("answers GET /me with the caller's role and what it may do", async () => {
    for (const role of ROLES) {
      const me = (await t.app.inject({ method: "GET", url: "/api/v1/me", headers: bearer(as[role]!) })).json();
      expect(me.user.role).toBe(role);
      expect(me.permissions).toEqual(permissionsOf(role));
    }
    const member = (await t.app.inject({ method: "GET", url: "/api/v1/me", headers: bearer(as.member!) })).json();
    expect([member.permissions["audit.read"], member.permissions["bookings.read"], member.permissions["templates.read"]]).toEqual([null, "own", "all"]);
  });

  it("refuses with 403 FORBIDDEN every route whose scope is null for the role, and no GET whose scope is not", async () => {
    let refused = 0;
    for (const route of authenticated()) {
      for (const role of ROLES) {
        const scope = scopeFor(route, role);
        if (scope !== null && route.method !== "GET") continue;
        const response = await call(role, route, NO_SUCH_ID, SAMPLE_QUERIES[route.url] ?? "");
        if (scope === null) {
          refused += 1;
          expect(response.statusCode, `${role} ${keyOf(route)}: ${response.body}`).toBe(403);
          expect(response.json().code).toBe("FORBIDDEN");
        } else {
          expect(response.statusCode, `${role} ${keyOf(route)}: ${response.body}`).not.toBe(403);
        }
      }
    }
    expect(refused).toBeGreaterThan(0);
  });

  it("gives a role with an 'own' scope 404 for every id of the owner on every route with an id", async () => {
    let checked = 0;
    for (const route of authenticated().filter((entry) => entry.url.includes(":"))) {
      if (hasBody(route)) expect(Object.keys(SAMPLE_BODIES), `add a sample body for ${keyOf(route)}`).toContain(keyOf(route));
      for (const role of ["admin", "member"] as const) {
        if (scopeFor(route, role) !== "own") continue;
        for (const id of idsOf(ofOwner)) {
          const response = await call(role, route, id);
          expect(response.statusCode, `${role} ${keyOf(route)} with the owner's ${id}: ${response.body}`).toBe(404);
          expect(response.json().code).toBe("NOT_FOUND");
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it("lists none of the owner's things to a role with an 'own' scope, and the member their own", async () => {
    for (const route of authenticated().filter((entry) => entry.method === "GET" && !entry.url.includes(":"))) {
      for (const role of ["admin", "member"] as const) {
        if (scopeFor(route, role) !== "own") continue;
        const response = await call(role, route, "", SAMPLE_QUERIES[route.url] ?? "");
        expect(response.statusCode, `${role} ${route.url}`).toBe(200);
        for (const id of [t.owner.userId, ...idsOf(ofOwner)]) expect(response.body, `${role} ${route.url} leaks ${id}`).not.toContain(id);
        expect(response.body, `${role} ${route.url} leaks the owner's email`).not.toContain(t.owner.email);
      }
    }
    const member = bearer(as.member!);
    const lists = await Promise.all(["/api/v1/links", "/api/v1/bookings", "/api/v1/calendars", "/api/v1/api-keys"].map((url) => t.app.inject({ method: "GET", url, headers: member })));
    expect(lists.map((list) => list.json().items.map((item: { id: string }) => item.id))).toEqual([[ofMember.linkId], [ofMember.bookingId], [ofMember.connectionId], ofMember.keyIds]);
    const analytics = (await t.app.inject({ method: "GET", url: "/api/v1/analytics", headers: member })).json();
    expect(analytics.rows.map((row: { key: string }) => row.key)).toEqual([ofMember.linkId]);
    expect(analytics.totals.bookings).toBe(1);
  });

  it("no longer shows a member every booking in the organisation: only the ones they host (issue 14)", async () => {
    const list = (headers: Record<string, string>) => t.app.inject({ method: "GET", url: "/api/v1/bookings", headers }).then((response) => response.json().items.map((item: { id: string }) => item.id).sort());
    expect(await list(bearer(as.member!))).toEqual([ofMember.bookingId]);
    expect(await list({ cookie: as.member!.cookie })).toEqual([ofMember.bookingId]);
    expect(await list(bearer(t.owner))).toEqual([ofOwner.bookingId, ofMember.bookingId].sort());
    expect(await list(bearer(as.admin!))).toEqual([ofOwner.bookingId, ofMember.bookingId].sort());
    const owners = await t.app.inject({ method: "GET", url: `/api/v1/bookings/${ofOwner.bookingId}`, headers: bearer(as.member!) });
    expect(owners.statusCode).toBe(404);
    const own = await t.app.inject({ method: "GET", url: `/api/v1/bookings/${ofMember.bookingId}`, headers: bearer(as.member!) });
    expect(own.statusCode).toBe(200);
  });

  it("lets a member read a team link they host (and its bookings) but not change it", async () => {
    const team = (
      await t.app.inject({ method: "POST", url: "/api/v1/links", headers: bearer(t.owner), payload: { title: "Team", durationsMin: [30], hostMode: "collective", hostUserIds: [t.owner.userId, as.member!.userId] } })
    ).json();
    expect(team.id).toBeDefined();
    const member = bearer(as.member!);
    const read = await t.app.inject({ method: "GET", url: `/api/v1/links/${team.id}`, headers: member });
    expect(read.statusCode).toBe(200);
    expect((await t.app.inject({ method: "GET", url: "/api/v1/links", headers: member })).json().items.map((link: { id: string }) => link.id)).toContain(team.id);
    expect((await t.app.inject({ method: "GET", url: `/api/v1/links/${team.id}/one-time`, headers: member })).statusCode).toBe(200);
    expect((await t.app.inject({ method: "PATCH", url: `/api/v1/links/${team.id}`, headers: member, payload: { title: "Mine now" } })).statusCode).toBe(404);
    expect((await t.app.inject({ method: "DELETE", url: `/api/v1/links/${team.id}`, headers: member })).statusCode).toBe(404);
    const booking = (
      await t.app.inject({ method: "POST", url: `${new URL(team.apiUrl).pathname}/bookings`, payload: { start: "2026-12-02T14:00:00Z", timeZone: "UTC", name: "Team lead", email: "team@example.com", answers: {} } })
    ).json();
    expect(booking.id).toBeDefined();
    expect((await t.app.inject({ method: "GET", url: `/api/v1/bookings/${booking.id}`, headers: member })).statusCode).toBe(200);
    const cancelled = await t.app.inject({ method: "POST", url: `/api/v1/bookings/${booking.id}/cancel`, headers: member, payload: {} });
    expect(cancelled.json().status).toBe("cancelled");
  });

  it("shows owners and admins everyone's calendar connections, named by user, and lets each change only their own", async () => {
    const listed = (await t.app.inject({ method: "GET", url: "/api/v1/calendars", headers: bearer(as.admin!) })).json();
    expect(listed.items.map((connection: { id: string; user: { name: string } }) => [connection.id, connection.user.name]).sort()).toEqual(
      [
        [ofOwner.connectionId, "Owner roles"],
        [ofMember.connectionId, "The member"],
      ].sort(),
    );
    expect((await t.app.inject({ method: "GET", url: `/api/v1/calendars/${ofMember.connectionId}`, headers: bearer(t.owner) })).statusCode).toBe(200);
    const sync = await t.app.inject({ method: "POST", url: `/api/v1/calendars/${ofMember.connectionId}/sync`, headers: bearer(t.owner) });
    expect(sync.statusCode).toBe(404);
    expect((await t.app.inject({ method: "POST", url: `/api/v1/calendars/${ofOwner.connectionId}/sync`, headers: bearer(t.owner) })).statusCode).toBe(200);
  });

  // Last: it changes the owner's things (cancels, deletes), as an admin may.
  it("lets a role with an 'all' scope reach the owner's ids and see what the owner sees in lists", async () => {
    for (const route of authenticated().filter((entry) => entry.method === "GET" && !entry.url.includes(":"))) {
      if (scopeFor(route, "admin") !== "all") continue;
      const query = SAMPLE_QUERIES[route.url] ?? "";
      const [owners, admins] = [await call("owner", route, "", query), await call("admin", route, "", query)];
      expect(admins.statusCode, route.url).toBe(200);
      expect(admins.json(), `the admin sees what the owner sees at ${route.url}`).toEqual(owners.json());
    }
    // Writes that remove things go last, so every route finds the owner's things still there.
    const routes = authenticated()
      .filter((entry) => entry.url.includes(":") && scopeFor(entry, "admin") === "all")
      .sort((a, b) => Number(a.method === "DELETE") - Number(b.method === "DELETE"));
    expect(routes.length).toBeGreaterThan(0);
    for (const route of routes) {
      const statuses = [];
      for (const id of idsOf(ofOwner)) statuses.push((await call("admin", route, id)).statusCode);
      const reached = statuses.filter((status) => status !== 404);
      expect(reached.length, `admin ${keyOf(route)} reached none of the owner's ids: ${statuses.join(",")}`).toBeGreaterThan(0);
      expect(reached, `admin ${keyOf(route)}`).not.toContain(403);
      if (route.method === "GET") expect(reached, `admin ${keyOf(route)}`).toContain(200);
    }
  });
});
