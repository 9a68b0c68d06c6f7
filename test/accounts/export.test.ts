// The organisation export: one JSON document (convene-export/1) as a download,
// with links, templates, one-time links, bookings with answers, hosts and
// history, users and the audit log; without password or token hashes,
// one-time tokens, manage tokens or calendar credentials; owners only.
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { users } from "../../src/adapters/db/schema.js";
import { createLinkAndBook } from "../support/booking-fixtures.js";
import { describeOnEngines } from "../support/engines.js";
import { bearer, useTestApp } from "../support/test-app.js";

describeOnEngines("organisation export", (engine) => {
  const t = useTestApp(engine, { owners: { owner: "exporter", other: "stranger" } });

  it("downloads the organisation's data as one versioned JSON document, without secrets", async () => {
    const { owner, other } = t;
    const { link, booking, manageToken } = await createLinkAndBook(t.app, owner, { link: { title: "Exported intro" }, invitee: { name: "Ada Export", email: "ada.export@example.com", notes: "see you" } });
    const oneTime = await t.app.inject({ method: "POST", url: `/api/v1/links/${link.id}/one-time`, headers: bearer(owner), payload: { recipient: { name: "Bo", email: "bo@example.com" } } });
    expect(oneTime.statusCode, oneTime.body).toBe(201);
    const oneTimeToken = new URL(oneTime.json().bookingUrl).pathname.split("/").at(-1)!;
    await createLinkAndBook(t.app, other, { link: { title: "Stranger's link" }, invitee: { email: "not.mine@example.com" } });
    const campaign = await t.app.inject({ method: "POST", url: "/api/v1/campaigns", headers: bearer(owner), payload: { name: "Exported campaign" } });
    expect(campaign.statusCode, campaign.body).toBe(201);
    const events = await t.app.inject({
      method: "POST",
      url: "/api/v1/lead-events",
      headers: bearer(owner),
      payload: { events: [{ id: "exp-1", email: "Lead.Export@example.com", type: "replied", at: "2026-11-19T10:00:00Z", campaign: "Exported campaign" }] },
    });
    expect(events.statusCode, events.body).toBe(200);
    const strangerLead = await t.app.inject({ method: "POST", url: "/api/v1/leads", headers: bearer(other), payload: { email: "stranger.lead@example.com" } });
    expect(strangerLead.statusCode, strangerLead.body).toBe(201);

    const response = await t.app.inject({ method: "GET", url: "/api/v1/organization/export", headers: bearer(owner) });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers["content-type"]).toMatch(/^application\/json/);
    expect(response.headers["content-disposition"]).toMatch(/^attachment; filename="convene-export-2026-11-20\.json"$/);
    const document = JSON.parse(response.body);
    expect(document).toMatchObject({ format: "convene-export/1", exportedAt: "2026-11-20T12:00:00.000Z", organization: { name: "Org exporter" } });
    expect(Object.keys(document)).toEqual(["format", "exportedAt", "organization", "users", "templates", "links", "oneTimeLinks", "bookings", "calendarConnections", "calendars", "campaigns", "leads", "leadEvents", "leadTransitions", "auditLog"]);
    expect(document.users).toEqual([expect.objectContaining({ id: owner.userId, email: owner.email, role: "owner" })]);
    expect(document.links).toEqual([expect.objectContaining({ id: link.id, title: "Exported intro" })]);
    expect(document.oneTimeLinks).toEqual([expect.objectContaining({ id: oneTime.json().id, recipientEmail: "bo@example.com" })]);
    const [exported] = document.bookings;
    expect(document.bookings).toHaveLength(1);
    expect(exported).toMatchObject({ id: booking.id, inviteeEmail: "ada.export@example.com", notes: "see you", answers: {}, hosts: [{ userId: owner.userId, isActive: true }], attendance: null });
    expect(exported.history).toEqual([expect.objectContaining({ action: "created" })]);
    const leadId = events.json().items[0].leadId;
    expect(document.campaigns).toEqual([expect.objectContaining({ id: campaign.json().id, name: "Exported campaign" })]);
    expect(document.leads).toEqual([expect.objectContaining({ id: leadId, email: "Lead.Export@example.com", campaignId: campaign.json().id, status: "replied" })]);
    expect(document.leadEvents).toEqual([expect.objectContaining({ leadId, clientId: "exp-1", type: "replied" })]);
    expect(document.leadTransitions).toEqual([expect.objectContaining({ leadId, fromStatus: "new", toStatus: "replied", cause: "lead_event" })]);
    expect(document.auditLog.map((entry: { action: string }) => entry.action)).toContain("organization.exported");

    const [stored] = await t.database.db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, owner.userId));
    expect(stored?.passwordHash).toMatch(/^\$argon2id\$/);
    for (const secret of [stored!.passwordHash!, oneTimeToken, manageToken, "not.mine@example.com", "Stranger", "stranger.lead@example.com"]) expect(response.body).not.toContain(secret);
    for (const field of ["passwordHash", "tokenHash", "token", "manageTokenHash", "manageTokenSealed", "configSealed", "keyHash"]) expect(response.body).not.toContain(`"${field}"`);
  });

  it("is for owners: a session without the owner role is refused", async () => {
    const member = await t.app.inject({
      method: "POST",
      url: "/api/v1/members",
      headers: bearer(t.owner),
      payload: { email: "member.export@example.com", name: "Member", password: "correct horse battery staple", timeZone: "Europe/Berlin" },
    });
    if (member.statusCode !== 201) return expect.fail(`adding a member: ${member.statusCode} ${member.body}`);
    const login = await t.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email: "member.export@example.com", password: "correct horse battery staple" } });
    const cookie = login.cookies.find((c) => c.name === "convene_session")!;
    const refused = await t.app.inject({ method: "GET", url: "/api/v1/organization/export", headers: { cookie: `convene_session=${cookie.value}` } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: "FORBIDDEN" });
  });
});
