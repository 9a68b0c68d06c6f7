// Invitations: an owner invites by email, the person sets their own password
// through the mailed link and is signed in; resend replaces the link, revoke
// withdraws it; only owners manage them. On every engine.
import { expect, it } from "vitest";
import { describeOnEngines } from "../support/engines.js";
import { bearer, sessionCookieOf, useTestApp, type Owner } from "../support/test-app.js";

type Mail = { to: { email: string }; subject: string; text: string; html: string };

describeOnEngines("invitations", (engine) => {
  const t = useTestApp(engine, { owners: { owner: "inviter", other: "other-org" } });

  const invite = (owner: Owner, email: string, role = "member") =>
    t.app.inject({ method: "POST", url: "/api/v1/invitations", headers: bearer(owner), payload: { email, name: "Grace Hopper", role, timeZone: "America/New_York" } });
  const outbox = async (owner: Owner): Promise<Mail[]> => (await t.app.inject({ method: "GET", url: "/api/v1/dev/outbox", headers: bearer(owner) })).json().items;
  /** The token in the newest mail to this address. */
  const tokenMailedTo = async (owner: Owner, email: string) => {
    const mail = (await outbox(owner)).find((item) => item.to.email === email);
    const match = /accept-invite\?token=([A-Za-z0-9_-]+)/.exec(mail?.text ?? "");
    if (!match) throw new Error(`no invitation mail to ${email}`);
    return { mail: mail!, token: match[1]! };
  };
  const accept = (token: string, password = "a password of my own") =>
    t.app.inject({ method: "POST", url: "/api/v1/invitations/accept", payload: { token, password, timeZone: "Europe/Paris" } });

  it("mails a link with who invited and the organisation; accepting creates the member with their own password and signs them in", async () => {
    const created = await invite(t.owner, "Grace@Example.com");
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ email: "grace@example.com", role: "member", status: "pending", expiresAt: "2026-11-27T12:00:00.000Z" });

    const { mail, token } = await tokenMailedTo(t.owner, "grace@example.com");
    expect(mail.subject).toBe("Owner inviter invited you to Org inviter on Convene");
    expect(mail.text).toContain("http://convene.test/accept-invite?token=");
    // At rest only the hash: the token itself is in no column of the invitation.
    const stored = await t.database.db.execute(`select * from invitations where email = 'grace@example.com'`);
    expect(JSON.stringify(stored)).not.toContain(token);

    const shown = await t.app.inject({ method: "GET", url: `/api/v1/invitations/accept/${token}` });
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toEqual({
      organization: "Org inviter",
      inviterName: "Owner inviter",
      email: "grace@example.com",
      name: "Grace Hopper",
      role: "member",
      timeZone: "America/New_York",
      expiresAt: "2026-11-27T12:00:00.000Z",
    });
    expect(shown.body).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);

    const accepted = await accept(token);
    expect(accepted.statusCode).toBe(201);
    expect(accepted.json().user).toMatchObject({ email: "grace@example.com", role: "member", timeZone: "Europe/Paris" });
    const me = await t.app.inject({ method: "GET", url: "/api/v1/me", headers: { cookie: sessionCookieOf(accepted) } });
    expect(me.json()).toMatchObject({ organization: { name: "Org inviter" }, user: { email: "grace@example.com", role: "member" } });

    const login = await t.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email: "grace@example.com", password: "a password of my own" } });
    expect(login.statusCode).toBe(200);

    // Used: the link says so, the list no longer has it, the member list does.
    expect((await accept(token)).json()).toMatchObject({ code: "INVITATION_USED", status: 410 });
    expect((await t.app.inject({ method: "GET", url: `/api/v1/invitations/accept/${token}` })).json().code).toBe("INVITATION_USED");
    const open = (await t.app.inject({ method: "GET", url: "/api/v1/invitations", headers: bearer(t.owner) })).json().items;
    expect(open.map((item: { email: string }) => item.email)).not.toContain("grace@example.com");
    const members = (await t.app.inject({ method: "GET", url: "/api/v1/members", headers: bearer(t.owner) })).json().items;
    expect(members).toEqual(expect.arrayContaining([expect.objectContaining({ email: "grace@example.com", role: "member" })]));
  });

  it("invites an admin, who joins as one", async () => {
    await invite(t.owner, "admin-to-be@example.com", "admin");
    const { token } = await tokenMailedTo(t.owner, "admin-to-be@example.com");
    expect((await accept(token)).json().user.role).toBe("admin");
  });

  it("resend sends a new link and the old one stops working; revoke makes the link say it was withdrawn", async () => {
    const created = (await invite(t.owner, "linus@example.com")).json();
    const first = await tokenMailedTo(t.owner, "linus@example.com");
    t.clock.nowMs += 60_000;
    const resent = await t.app.inject({ method: "POST", url: `/api/v1/invitations/${created.id}/resend`, headers: bearer(t.owner) });
    expect(resent.statusCode).toBe(200);
    expect(resent.json().expiresAt).toBe(new Date(t.clock.nowMs + 7 * 86_400_000).toISOString());
    const second = await tokenMailedTo(t.owner, "linus@example.com");
    expect(second.token).not.toBe(first.token);
    expect((await t.app.inject({ method: "GET", url: `/api/v1/invitations/accept/${first.token}` })).json()).toMatchObject({ status: 404, code: "INVITATION_NOT_FOUND" });
    expect((await t.app.inject({ method: "GET", url: `/api/v1/invitations/accept/${second.token}` })).statusCode).toBe(200);

    const revoked = await t.app.inject({ method: "DELETE", url: `/api/v1/invitations/${created.id}`, headers: bearer(t.owner) });
    expect(revoked.statusCode).toBe(204);
    expect((await accept(second.token)).json()).toMatchObject({ status: 410, code: "INVITATION_REVOKED" });
    expect((await t.app.inject({ method: "DELETE", url: `/api/v1/invitations/${created.id}`, headers: bearer(t.owner) })).json().code).toBe("NOT_FOUND");
  });

  it("lists an invitation past its week as expired, and its link refuses; resend revives it", async () => {
    const created = (await invite(t.owner, "expiring@example.com")).json();
    const { token } = await tokenMailedTo(t.owner, "expiring@example.com");
    t.clock.nowMs += 7 * 86_400_000 + 1;
    const listed = (await t.app.inject({ method: "GET", url: "/api/v1/invitations", headers: bearer(t.owner) })).json().items;
    expect(listed.find((item: { id: string }) => item.id === created.id)).toMatchObject({ status: "expired" });
    expect((await accept(token)).json()).toMatchObject({ status: 410, code: "INVITATION_EXPIRED" });
    await t.app.inject({ method: "POST", url: `/api/v1/invitations/${created.id}/resend`, headers: bearer(t.owner) });
    const renewed = await tokenMailedTo(t.owner, "expiring@example.com");
    expect((await accept(renewed.token)).statusCode).toBe(201);
  });

  it("refuses addresses that already have an account, and an accept once the address signed up meanwhile", async () => {
    expect((await invite(t.owner, t.owner.email)).json()).toMatchObject({ status: 409, code: "EMAIL_TAKEN" });
    // An account in another organisation gets the same answer as any address that cannot be added.
    expect((await invite(t.owner, t.other.email)).json()).toMatchObject({ status: 422, code: "EMAIL_NOT_ADDABLE" });

    await invite(t.owner, "quick@example.com");
    const { token } = await tokenMailedTo(t.owner, "quick@example.com");
    const signup = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/signup",
      payload: { email: "quick@example.com", password: "their own company", name: "Quick", organization: "Elsewhere", timeZone: "Europe/Berlin" },
    });
    expect(signup.statusCode).toBe(201);
    expect((await accept(token)).json()).toMatchObject({ status: 409, code: "EMAIL_TAKEN" });
  });

  it("inviting an open address again renews that invitation rather than adding a second", async () => {
    await invite(t.owner, "twice@example.com");
    const again = await invite(t.owner, "twice@example.com", "admin");
    expect(again.statusCode).toBe(201);
    const listed = (await t.app.inject({ method: "GET", url: "/api/v1/invitations", headers: bearer(t.owner) })).json().items;
    expect(listed.filter((item: { email: string }) => item.email === "twice@example.com")).toEqual([expect.objectContaining({ role: "admin" })]);
  });

  it("lets only owners manage invitations, and each organisation only its own", async () => {
    await invite(t.owner, "member-invitee@example.com");
    const { token } = await tokenMailedTo(t.owner, "member-invitee@example.com");
    const member = sessionCookieOf(await accept(token));
    const asMember = await t.app.inject({ method: "GET", url: "/api/v1/invitations", headers: { cookie: member } });
    expect(asMember.json()).toMatchObject({ status: 403, code: "FORBIDDEN" });

    const mine = (await invite(t.owner, "private@example.com")).json();
    const others = await t.app.inject({ method: "DELETE", url: `/api/v1/invitations/${mine.id}`, headers: bearer(t.other) });
    expect(others.json()).toMatchObject({ status: 404, code: "NOT_FOUND" });
    const otherList = (await t.app.inject({ method: "GET", url: "/api/v1/invitations", headers: bearer(t.other) })).json().items;
    expect(otherList).toEqual([]);
  });

  it("answers bad tokens and bad input with problems, never a 500", async () => {
    expect((await t.app.inject({ method: "GET", url: `/api/v1/invitations/accept/${"x".repeat(43)}` })).json().code).toBe("INVITATION_NOT_FOUND");
    expect((await accept("x".repeat(43), "short")).json()).toMatchObject({ status: 400, code: "VALIDATION_FAILED" });
    const owner = await invite(t.owner, "new-owner@example.com", "owner");
    expect(owner.json()).toMatchObject({ status: 400, code: "VALIDATION_FAILED" });
  });
});
