// Password reset by email: the same answer whether or not the address has an
// account, a single-use link valid an hour and stored hashed, every session
// ended after the reset, API keys kept, and an audit trail; on every engine.
import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { PASSWORD_RESET_TTL_MS } from "../../src/core/account/account-tokens.js";
import { hashToken } from "../../src/use-cases/auth/secret-token.js";
import { describeOnEngines } from "../support/engines.js";
import { bearer, PUBLIC_URL, sessionCookieOf, signUpOwner, useTestApp } from "../support/test-app.js";
import { mailTo, nthMailTo, tokenIn } from "./mail-support.js";

describeOnEngines("password reset", (engine) => {
  const t = useTestApp(engine, { owners: { ada: "reset-ada", bob: "reset-bob" } });
  const requestReset = (email: string) => t.app.inject({ method: "POST", url: "/api/v1/auth/password-reset", payload: { email } });
  const confirm = (token: string, password: string) => t.app.inject({ method: "POST", url: "/api/v1/auth/password-reset/confirm", payload: { token, password } });
  const login = (email: string, password: string) => t.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email, password } });

  it("answers an unknown address exactly like a known one, and mails only the known one", async () => {
    const known = await requestReset(t.ada.email.toUpperCase());
    const unknown = await requestReset("nobody-here@example.com");
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(unknown.body).toBe(known.body);
    expect(unknown.headers["content-type"]).toBe(known.headers["content-type"]);

    const mail = await nthMailTo(t, t.ada.email, 1);
    expect(mail.subject).toBe("Reset your Convene password");
    expect(mail.text).toContain(`${PUBLIC_URL}/reset-password?token=`);
    expect(await mailTo(t, "nobody-here@example.com")).toEqual([]);

    // Stored as its hash only.
    const token = tokenIn(mail, "/reset-password");
    const rows = await t.database.db.execute(sql`select token_hash, purpose, expires_at from account_tokens where purpose = 'password_reset'`);
    const stored = (rows as unknown as { rows?: Record<string, unknown>[] }).rows ?? (rows as unknown as Record<string, unknown>[]);
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(stored.map((row) => row["token_hash"])).toContain(hashToken(token));
  });

  it("sets the new password once, ends every session, keeps API keys, and refuses the link a second time", async () => {
    const extra = await login(t.bob.email, t.bob.password);
    const otherCookie = sessionCookieOf(extra);
    await requestReset(t.bob.email);
    const token = tokenIn(await nthMailTo(t, t.bob.email, 1), "/reset-password");

    const tooShort = await confirm(token, "short");
    expect(tooShort.statusCode).toBe(400);
    const done = await confirm(token, "a brand new passphrase");
    expect(done.statusCode).toBe(200);
    expect(done.json()).toEqual({ email: t.bob.email });

    for (const cookie of [t.bob.cookie, otherCookie]) {
      expect((await t.app.inject({ method: "GET", url: "/api/v1/me", headers: { cookie } })).statusCode).toBe(401);
    }
    expect((await t.app.inject({ method: "GET", url: "/api/v1/me", headers: bearer(t.bob) })).statusCode).toBe(200);
    expect((await login(t.bob.email, t.bob.password)).statusCode).toBe(401);
    expect((await login(t.bob.email, "a brand new passphrase")).statusCode).toBe(200);

    const again = await confirm(token, "yet another passphrase");
    expect(again.statusCode).toBe(410);
    expect(again.json()).toMatchObject({ code: "RESET_TOKEN_INVALID", reason: "used" });
    expect((await login(t.bob.email, "a brand new passphrase")).statusCode).toBe(200);

    const audit = (await t.app.inject({ method: "GET", url: "/api/v1/audit-log", headers: bearer(t.bob) })).json();
    const actions = audit.items.map((entry: { action: string }) => entry.action);
    expect(actions).toContain("auth.password_reset");
    expect(actions).toContain("auth.password_reset_requested");
  });

  it("refuses an expired link and an unknown one with a reason, and a newer reset closes the older link", async () => {
    const cy = await signUpOwner(t.app, "reset-cy");
    await requestReset(cy.email);
    const first = tokenIn(await nthMailTo(t, cy.email, 1), "/reset-password");
    t.clock.nowMs += PASSWORD_RESET_TTL_MS;
    const expired = await confirm(first, "too late for this");
    expect(expired.statusCode).toBe(410);
    expect(expired.json()).toMatchObject({ code: "RESET_TOKEN_INVALID", reason: "expired" });

    const unknown = await confirm("x".repeat(43), "whatever it may be");
    expect(unknown.json()).toMatchObject({ code: "RESET_TOKEN_INVALID", reason: "unknown" });

    await requestReset(cy.email);
    await requestReset(cy.email);
    const second = tokenIn(await nthMailTo(t, cy.email, 2), "/reset-password");
    const third = tokenIn(await nthMailTo(t, cy.email, 3), "/reset-password");
    expect((await confirm(third, "the third time pays")).statusCode).toBe(200);
    expect((await confirm(second, "the second is closed")).json()).toMatchObject({ reason: "used" });
  });

  it("stops mailing an address after a few requests an hour, with the same answer", async () => {
    const email = t.ada.email;
    // Out of the window of the earlier tests' requests.
    t.clock.nowMs += 2 * 60 * 60_000;
    const before = (await mailTo(t, email)).length;
    const answers = [];
    for (let i = 0; i < 8; i++) answers.push(await requestReset(email));
    expect(new Set(answers.map((answer) => `${answer.statusCode} ${answer.body}`)).size).toBe(1);
    const mails = await nthMailTo(t, email, before + 5).then(() => mailTo(t, email));
    expect(mails.length - before).toBe(5);
  });
});
