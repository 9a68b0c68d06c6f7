// PATCH /api/v1/me (name, time zone, handle) with its errors and audit entry,
// booking URLs that follow a new handle at once (past the read cache), and the
// mail mode the dashboard's outbox shows.
import { describe, expect, it } from "vitest";
import { createLink } from "../support/booking-fixtures.js";
import { describeOnEngines } from "../support/engines.js";
import { smtpMailerTo } from "../support/smtp-listener.js";
import { bearer, signUpOwner, useTestApp, type Owner } from "../support/test-app.js";

describeOnEngines("profile", (engine) => {
  const t = useTestApp(engine);

  const patchMe = (owner: Owner, payload: Record<string, unknown>, headers: Record<string, string> = { cookie: owner.cookie, "x-csrf-token": owner.csrfToken }) =>
    t.app.inject({ method: "PATCH", url: "/api/v1/me", headers, payload });

  it("changes name, time zone and handle, answers as GET /me does, and audit-logs old and new values", async () => {
    const owner = await signUpOwner(t.app, "profile");
    const before = (await t.app.inject({ method: "GET", url: "/api/v1/me", headers: bearer(owner) })).json();
    const handle = `grace-${Math.random().toString(36).slice(2, 8)}`;

    const changed = await patchMe(owner, { name: "Grace Hopper", timeZone: "America/New_York", handle });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ user: { name: "Grace Hopper", timeZone: "America/New_York", handle, email: owner.email }, authenticatedWith: "session", csrfToken: owner.csrfToken });
    const me = (await t.app.inject({ method: "GET", url: "/api/v1/me", headers: bearer(owner) })).json();
    expect(me.user).toMatchObject({ name: "Grace Hopper", timeZone: "America/New_York", handle });

    const audit = (await t.app.inject({ method: "GET", url: "/api/v1/audit-log", headers: bearer(owner) })).json();
    expect(audit.items[0]).toMatchObject({
      action: "user.updated",
      actor: { type: "user", id: owner.userId },
      target: { type: "user", id: owner.userId },
      changes: {
        name: { old: before.user.name, new: "Grace Hopper" },
        timeZone: { old: "Europe/Berlin", new: "America/New_York" },
        handle: { old: before.user.handle, new: handle },
      },
    });

    const unchanged = await patchMe(owner, { name: "Grace Hopper" }, bearer(owner));
    expect(unchanged.statusCode).toBe(200);
    expect(unchanged.json().authenticatedWith).toBe("api_key");
    const auditAfter = (await t.app.inject({ method: "GET", url: "/api/v1/audit-log", headers: bearer(owner) })).json();
    expect(auditAfter.items[0].id).toBe(audit.items[0].id);
  });

  it("moves the booking URLs to the new handle at once", async () => {
    const owner = await signUpOwner(t.app, "mover");
    const link = await createLink(t.app, owner);
    expect((await t.app.inject({ method: "GET", url: link.apiPath })).statusCode).toBe(200);
    const handle = `moved-${Math.random().toString(36).slice(2, 8)}`;
    expect((await patchMe(owner, { handle })).statusCode).toBe(200);

    expect((await t.app.inject({ method: "GET", url: link.apiPath })).statusCode).toBe(404);
    const moved = await t.app.inject({ method: "GET", url: `/api/v1/public/links/${handle}/${link.slug}` });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().owner.handle).toBe(handle);
    const read = (await t.app.inject({ method: "GET", url: `/api/v1/links/${link.id}`, headers: bearer(owner) })).json();
    expect(read.bookingUrl).toMatch(new RegExp(`/${handle}/${link.slug}$`));
  });

  it("answers bad input with stable codes and changes nothing", async () => {
    const owner = await signUpOwner(t.app, "strict");
    const other = await signUpOwner(t.app, "other");
    const otherHandle = (await t.app.inject({ method: "GET", url: "/api/v1/me", headers: bearer(other) })).json().user.handle;
    const before = (await t.app.inject({ method: "GET", url: "/api/v1/me", headers: bearer(owner) })).json().user;

    const taken = await patchMe(owner, { handle: otherHandle });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ code: "HANDLE_TAKEN", type: "/docs/errors#HANDLE_TAKEN" });

    const zone = await patchMe(owner, { timeZone: "Mars/Olympus" });
    expect(zone.statusCode).toBe(400);
    expect(zone.json().code).toBe("UNKNOWN_TIME_ZONE");

    for (const handle of ["Upper", "a", "-dash", "dash-", "with space", "x".repeat(41)]) {
      const bad = await patchMe(owner, { handle });
      expect(bad.statusCode, handle).toBe(400);
      expect(bad.json()).toMatchObject({ code: "VALIDATION_FAILED", errors: [{ path: "body.handle" }] });
    }
    const reserved = await patchMe(owner, { handle: "dashboard" });
    expect(reserved.statusCode).toBe(400);
    expect(reserved.json()).toMatchObject({ code: "VALIDATION_FAILED", errors: [{ path: "body.handle" }] });

    const blank = await patchMe(owner, { name: "   " });
    expect(blank.statusCode).toBe(400);
    const unknownField = await patchMe(owner, { email: "new@example.com" });
    expect(unknownField.statusCode).toBe(400);
    const noCsrf = await patchMe(owner, { name: "Sneaky" }, { cookie: owner.cookie });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().code).toBe("CSRF_TOKEN_INVALID");

    expect((await t.app.inject({ method: "GET", url: "/api/v1/me", headers: bearer(owner) })).json().user).toEqual(before);
  });

  describe("with an SMTP mailer", () => {
    // Nothing listens on port 9 (discard): the mode comes from the configuration, no mail is sent.
    const smtp = useTestApp(engine, { mailer: smtpMailerTo("smtp://127.0.0.1:9"), owners: { owner: "smtp" } });

    it("tells the dashboard whether mail is kept in the outbox or sent by SMTP", async () => {
      const owner = await signUpOwner(t.app, "mode");
      expect((await t.app.inject({ method: "GET", url: "/api/v1/dev/outbox", headers: bearer(owner) })).json()).toMatchObject({ mode: "outbox", items: [] });
      expect((await smtp.app.inject({ method: "GET", url: "/api/v1/dev/outbox", headers: bearer(smtp.owner) })).json()).toMatchObject({ mode: "smtp", items: [] });
    });
  });
});
