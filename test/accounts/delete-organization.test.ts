// Deleting an organisation: it must be asked for by name and password; its
// meetings ahead are cancelled and their notices sent before anything goes
// (a mail server that refuses leaves everything in place); then no row of the
// organisation remains in any table of the schema, its sessions and keys stop
// working, and other organisations keep everything.
import { expect, it } from "vitest";
import { book, createLink, createLinkAndBook } from "../support/booking-fixtures.js";
import { describeOnEngines } from "../support/engines.js";
import { recordingMailer } from "../support/recording-mailer.js";
import { rowsMentioning, schemaTableNames } from "../support/rows-mentioning.js";
import { bearer, signUpOwner, useTestApp, type Owner } from "../support/test-app.js";


function cookieHeaders(owner: Owner) {
  return { cookie: owner.cookie, "x-csrf-token": owner.csrfToken };
}

describeOnEngines("delete organisation", (engine) => {
  const mailer = recordingMailer(() => t.deps.store.mailOutbox);
  const t = useTestApp(engine, { mailer, owners: { closing: "closing", other: "other" } });

  const deleteOrganization = (owner: Owner, payload: Record<string, unknown>) =>
    t.app.inject({ method: "DELETE", url: "/api/v1/organization", headers: cookieHeaders(owner), payload });

  it("refuses a wrong name or password and deletes nothing", async () => {
    const owner = await signUpOwner(t.app, "careful");
    const wrongName = await deleteOrganization(owner, { confirm: "Org something", currentPassword: owner.password });
    expect(wrongName.statusCode).toBe(422);
    expect(wrongName.json()).toMatchObject({ code: "CONFIRMATION_MISMATCH" });
    const wrongPassword = await deleteOrganization(owner, { confirm: "Org careful", currentPassword: "not the password" });
    expect(wrongPassword.statusCode).toBe(422);
    expect(wrongPassword.json()).toMatchObject({ code: "CURRENT_PASSWORD_WRONG" });
    expect((await t.app.inject({ method: "GET", url: "/api/v1/me", headers: bearer(owner) })).statusCode).toBe(200);
  });

  it("cancels meetings ahead with notices sent first, then leaves no row of the organisation in any table", async () => {
    const { closing, other } = t;
    const me = (await t.app.inject({ method: "GET", url: "/api/v1/me", headers: bearer(closing) })).json();
    const { link, booking } = await createLinkAndBook(t.app, closing, { link: { title: "Closing intro" }, invitee: { email: "first.invitee@example.com", name: "First Invitee" } });
    const second = await book(t.app, link.apiPath, "2026-12-02T14:00:00.000Z", { email: "second.invitee@example.com", name: "Second Invitee", notes: "secret notes" });
    expect(second.statusCode, second.body).toBe(201);
    const template = await t.app.inject({ method: "POST", url: "/api/v1/templates", headers: bearer(closing), payload: { name: "Closing template", questions: [] } });
    expect(template.statusCode, template.body).toBe(201);
    const oneTime = await t.app.inject({ method: "POST", url: `/api/v1/links/${link.id}/one-time`, headers: bearer(closing), payload: { recipient: { name: "Third", email: "third.recipient@example.com" } } });
    expect(oneTime.statusCode, oneTime.body).toBe(201);
    const otherLink = await createLink(t.app, other, { title: "Other org link" });
    expect((await book(t.app, otherLink.apiPath, "2026-12-01T14:00:00.000Z", { email: "stays@example.com" })).statusCode).toBe(201);
    const orgName = me.organization.name as string;

    // The mail server refuses: the meetings are cancelled, nothing is deleted, and the owner can ask again.
    mailer.failing = true;
    try {
      const refused = await deleteOrganization(closing, { confirm: orgName, currentPassword: closing.password });
      expect(refused.statusCode, refused.body).toBe(503);
      expect(refused.json()).toMatchObject({ code: "NOTICES_NOT_SENT" });
    } finally {
      mailer.failing = false;
    }
    expect((await t.app.inject({ method: "GET", url: `/api/v1/bookings/${booking.id}`, headers: bearer(closing) })).json()).toMatchObject({ status: "cancelled" });

    const deleted = await deleteOrganization(closing, { confirm: orgName, currentPassword: closing.password });
    expect(deleted.statusCode, deleted.body).toBe(204);
    for (const address of ["first.invitee@example.com", "second.invitee@example.com"]) {
      expect(mailer.sent.filter((mail) => mail.to.email === address).map((mail) => mail.subject).join("\n")).toMatch(/cancel/i);
    }

    // Table by table, any column: the tenant, its user, link, bookings, and every address and name in them.
    const needles = [me.organization.id, me.user.id, closing.email, link.id, booking.id, second.json().id, oneTime.json().id, template.json().id];
    needles.push("first.invitee@example.com", "second.invitee@example.com", "third.recipient@example.com", "secret notes", "Closing intro");
    expect(schemaTableNames().length).toBeGreaterThan(20);
    expect(await rowsMentioning(t.database, needles)).toEqual({});

    expect((await t.app.inject({ method: "GET", url: "/api/v1/me", headers: cookieHeaders(closing) })).statusCode).toBe(401);
    expect((await t.app.inject({ method: "GET", url: "/api/v1/me", headers: bearer(closing) })).statusCode).toBe(401);
    const signIn = await t.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email: closing.email, password: closing.password } });
    expect(signIn.statusCode).toBe(401);
    expect((await t.app.inject({ method: "GET", url: link.apiPath })).statusCode).toBe(404);

    // The other organisation keeps everything.
    expect((await t.app.inject({ method: "GET", url: "/api/v1/bookings", headers: bearer(other) })).json().items).toHaveLength(1);
    expect(await rowsMentioning(t.database, ["stays@example.com"])).toMatchObject({ bookings: 1 });
  });
});
