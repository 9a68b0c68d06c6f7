// Tenant isolation, swept over every authenticated route the app registers (so
// routes added later are covered without touching this file, except to give a
// sample body): tenant B's key and session get 404 for every id of tenant A,
// lists show B nothing of A, and A's data is unchanged afterwards. Sample
// bodies live in test/support/route-samples.ts (shared with the role sweep).
import type { FastifyInstance } from "fastify";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeOnEngines } from "../support/engines.js";
import { SAMPLE_BODIES, SAMPLE_QUERIES } from "../support/route-samples.js";
import { bearer, useTestApp, type Owner } from "../support/test-app.js";

/** Every id tenant A owns that a route might be asked about. Later issues add their resources here. */
async function seedTenant(app: FastifyInstance, owner: Owner, feedUrl: string): Promise<string[]> {
  const me = (await app.inject({ method: "GET", url: "/api/v1/me", headers: bearer(owner) })).json();
  const keys = (await app.inject({ method: "GET", url: "/api/v1/api-keys", headers: bearer(owner) })).json();
  const template = (await app.inject({ method: "POST", url: "/api/v1/templates", headers: bearer(owner), payload: { name: "A's questions", questions: [] } })).json();
  const link = (await app.inject({ method: "POST", url: "/api/v1/links", headers: bearer(owner), payload: { title: "A's intro", durationsMin: [30], templateId: template.id } })).json();
  const oneTime = (await app.inject({ method: "POST", url: `/api/v1/links/${link.id}/one-time`, headers: bearer(owner), payload: { recipient: { email: "lead@example.com", name: "Lead" } } })).json();
  const booking = (
    await app.inject({
      method: "POST",
      url: `${new URL(link.apiUrl).pathname}/bookings`,
      payload: { start: "2026-12-01T14:00:00Z", timeZone: "UTC", name: "Invitee", email: "invitee@example.com", answers: {} },
    })
  ).json();
  if (!booking.id) throw new Error(`seed booking failed: ${JSON.stringify(booking)}`);
  const feed = (await app.inject({ method: "POST", url: "/api/v1/calendars/ics", headers: bearer(owner), payload: { url: feedUrl } })).json();
  if (!feed.id) throw new Error(`seed calendar feed failed: ${JSON.stringify(feed)}`);
  const invitation = (await app.inject({ method: "POST", url: "/api/v1/invitations", headers: bearer(owner), payload: { email: "invited@example.com", name: "Invited", role: "member", timeZone: "UTC" } })).json();
  if (!invitation.id) throw new Error(`seed invitation failed: ${JSON.stringify(invitation)}`);
  const campaign = (await app.inject({ method: "POST", url: "/api/v1/campaigns", headers: bearer(owner), payload: { name: "A's outreach" } })).json();
  const lead = (await app.inject({ method: "POST", url: "/api/v1/leads", headers: bearer(owner), payload: { email: "a.lead@example.com", campaignId: campaign.id } })).json();
  if (!lead.id) throw new Error(`seed lead failed: ${JSON.stringify(lead)}`);
  // The token stands for an id on token routes: B must get 404 for it there too.
  const inboundSource = (await app.inject({ method: "POST", url: "/api/v1/inbound-sources", headers: bearer(owner), payload: { provider: "calcom", name: "Sales" } })).json().source;
  const hold = (await app.inject({ method: "POST", url: "/api/v1/holds", headers: bearer(owner), payload: { start: "2026-12-02T10:00:00Z", durationMin: 30, ttlMinutes: 15 } })).json();
  if (!hold.id) throw new Error(`seed hold failed: ${JSON.stringify(hold)}`);
  return [me.user.id, hold.id, invitation.id, campaign.id, lead.id, me.organization.id, link.id, template.id, oneTime.id, oneTime.token, booking.id, feed.id, inboundSource.id, ...feed.calendars.map((calendar: { id: string }) => calendar.id), ...keys.items.map((key: { id: string }) => key.id)];
}

describeOnEngines("tenant isolation", (engine) => {
  const t = useTestApp(engine, { owners: { ownerA: "tenant-a", ownerB: "tenant-b" } });
  let idsOfA: string[];

  // Tenant A's ICS feed, served on loopback for as long as the suite runs.
  const feed = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "text/calendar" });
    response.end(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", "X-WR-CALNAME:A's feed", "END:VCALENDAR", ""].join("\r\n"));
  });

  beforeAll(async () => {
    await new Promise<void>((resolve) => feed.listen(0, "127.0.0.1", resolve));
    idsOfA = await seedTenant(t.app, t.ownerA, `http://127.0.0.1:${(feed.address() as AddressInfo).port}/a.ics`);
  });
  afterAll(async () => {
    await new Promise((resolve) => feed.close(resolve));
  });

  it("gives tenant B a 404 for every id of tenant A on every route with an id", async () => {
    const routes = t.app.routeCatalog.filter((route) => route.isAuthenticated && route.url.includes(":"));
    expect(routes.length).toBeGreaterThan(0);
    for (const route of routes) {
      const key = `${route.method} ${route.url}`;
      const hasBody = ["POST", "PUT", "PATCH"].includes(route.method);
      if (hasBody) expect(Object.keys(SAMPLE_BODIES), `add a sample body for ${key}`).toContain(key);
      for (const id of idsOfA) {
        const url = route.url.replace(/:[A-Za-z]+/g, id);
        for (const headers of [bearer(t.ownerB), { cookie: t.ownerB.cookie, "x-csrf-token": t.ownerB.csrfToken }]) {
          const response = await t.app.inject({ method: route.method as "GET", url, headers, ...(hasBody ? { payload: SAMPLE_BODIES[key] as object } : {}) });
          expect(response.statusCode, `${key} with A's id ${id}: ${response.body}`).toBe(404);
          if (route.method !== "HEAD") expect(response.json().code).toBe("NOT_FOUND");
        }
      }
    }
  });

  it("shows tenant B none of tenant A's data on any list route", async () => {
    const routes = t.app.routeCatalog.filter((route) => route.isAuthenticated && route.method === "GET" && !route.url.includes(":"));
    expect(routes.length).toBeGreaterThan(0);
    for (const route of routes) {
      const response = await t.app.inject({ method: "GET", url: `${route.url}${SAMPLE_QUERIES[route.url] ?? ""}`, headers: bearer(t.ownerB) });
      expect(response.statusCode, route.url).toBe(200);
      for (const id of idsOfA) expect(response.body, `${route.url} leaks ${id}`).not.toContain(id);
      expect(response.body).not.toContain(t.ownerA.email);
    }
  });

  it("left tenant A's data as it was", async () => {
    const me = await t.app.inject({ method: "GET", url: "/api/v1/me", headers: bearer(t.ownerA) });
    expect(me.statusCode).toBe(200);
    const keys = (await t.app.inject({ method: "GET", url: "/api/v1/api-keys", headers: bearer(t.ownerA) })).json();
    expect(keys.items.every((key: { revokedAt: string | null }) => key.revokedAt === null)).toBe(true);
    const links = (await t.app.inject({ method: "GET", url: "/api/v1/links", headers: bearer(t.ownerA) })).json();
    expect(links.items.map((link: { title: string }) => link.title)).toEqual(["A's intro"]);
    const calendars = (await t.app.inject({ method: "GET", url: "/api/v1/calendars", headers: bearer(t.ownerA) })).json();
    expect(calendars.items.map((connection: { label: string; calendars: { isConflict: boolean }[] }) => [connection.label, connection.calendars[0]?.isConflict])).toEqual([["A's feed", true]]);
    const templates = (await t.app.inject({ method: "GET", url: "/api/v1/templates", headers: bearer(t.ownerA) })).json();
    expect(templates.items.map((template: { name: string }) => template.name)).toEqual(["A's questions"]);
    const oneTime = (await t.app.inject({ method: "GET", url: `/api/v1/links/${links.items[0].id}/one-time`, headers: bearer(t.ownerA) })).json();
    expect(oneTime.items.map((item: { status: string }) => item.status)).toEqual(["pending"]);
  });
});
