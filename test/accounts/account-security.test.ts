// A signed-in user's own security: change password (other sessions end, this
// one stays, wrong guesses slow down), change email through a link to the new
// address (with a notice to the old one), and their sessions; on every engine.
import type { FastifyInstance } from "fastify";
import { expect, it } from "vitest";
import { EMAIL_CHANGE_TTL_MS } from "../../src/core/account/account-tokens.js";
import { describeOnEngines } from "../support/engines.js";
import { bearer, PUBLIC_URL, sessionCookieOf, signUpOwner, useTestApp, type Owner } from "../support/test-app.js";
import { nthMailTo, tokenIn } from "./mail-support.js";

/** A second browser for the owner: its cookie and CSRF token. */
async function signInAgain(app: FastifyInstance, owner: Pick<Owner, "email" | "password">, userAgent = "Second Browser/1.0") {
  const login = await app.inject({ method: "POST", url: "/api/v1/auth/login", headers: { "user-agent": userAgent }, payload: { email: owner.email, password: owner.password } });
  if (login.statusCode !== 200) throw new Error(`login failed: ${login.body}`);
  return { cookie: sessionCookieOf(login), csrfToken: login.json().csrfToken as string };
}

const asBrowser = (session: { cookie: string; csrfToken: string }) => ({ cookie: session.cookie, "x-csrf-token": session.csrfToken });

describeOnEngines("account security", (engine) => {
  const t = useTestApp(engine, { owners: { ada: "sec-ada", bob: "sec-bob" } });

  it("changes the password with the current one: other sessions end, this one and API keys stay", async () => {
    const other = await signInAgain(t.app, t.ada);
    const wrong = await t.app.inject({ method: "POST", url: "/api/v1/me/password", headers: asBrowser(t.ada), payload: { currentPassword: "not it at all", newPassword: "a fresh passphrase" } });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json()).toMatchObject({ code: "CURRENT_PASSWORD_WRONG" });

    const changed = await t.app.inject({ method: "POST", url: "/api/v1/me/password", headers: asBrowser(t.ada), payload: { currentPassword: t.ada.password, newPassword: "a fresh passphrase" } });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toEqual({ sessionsEnded: 1 });
    expect((await t.app.inject({ method: "GET", url: "/api/v1/me", headers: { cookie: t.ada.cookie } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: "GET", url: "/api/v1/me", headers: { cookie: other.cookie } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: "GET", url: "/api/v1/me", headers: bearer(t.ada) })).statusCode).toBe(200);
    const login = (password: string) => t.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email: t.ada.email, password } });
    expect((await login(t.ada.password)).statusCode).toBe(401);
    expect((await login("a fresh passphrase")).statusCode).toBe(200);
  });

  it("slows down repeated wrong current passwords like sign-in, and says when to retry", async () => {
    const dee = await signUpOwner(t.app, "sec-dee");
    const attempt = (currentPassword: string) =>
      t.app.inject({ method: "POST", url: "/api/v1/me/password", headers: bearer(dee), payload: { currentPassword, newPassword: "never applied here" } });
    for (let i = 0; i < 10; i++) expect((await attempt(`wrong guess ${i}`)).json().code).toBe("CURRENT_PASSWORD_WRONG");
    const held = await attempt(dee.password);
    expect(held.statusCode).toBe(429);
    expect(held.json()).toMatchObject({ code: "ACCOUNT_LOCKED", retryAfterSeconds: 30 });
    t.clock.nowMs += 30_000;
    expect((await attempt(dee.password)).statusCode).toBe(200);
  });

  it("changes the email only once the link mailed to the new address is opened, and tells the old one", async () => {
    const newEmail = `bob-new-${engine}@example.com`;
    const refused = await t.app.inject({ method: "POST", url: "/api/v1/me/email", headers: bearer(t.bob), payload: { newEmail, currentPassword: "wrong password!" } });
    expect(refused.json().code).toBe("CURRENT_PASSWORD_WRONG");
    const taken = await t.app.inject({ method: "POST", url: "/api/v1/me/email", headers: bearer(t.bob), payload: { newEmail: t.ada.email, currentPassword: t.bob.password } });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe("EMAIL_TAKEN");

    const asked = await t.app.inject({ method: "POST", url: "/api/v1/me/email", headers: bearer(t.bob), payload: { newEmail: newEmail.toUpperCase(), currentPassword: t.bob.password } });
    expect(asked.statusCode).toBe(202);
    expect(asked.json().pending.newEmail).toBe(newEmail);
    expect((await t.app.inject({ method: "GET", url: "/api/v1/me/email", headers: bearer(t.bob) })).json()).toEqual(asked.json());
    expect((await t.app.inject({ method: "GET", url: "/api/v1/me", headers: bearer(t.bob) })).json().user.email).toBe(t.bob.email);

    const confirmation = await nthMailTo(t, newEmail, 1);
    expect(confirmation.text).toContain(`${PUBLIC_URL}/confirm-email?token=`);
    const notice = await nthMailTo(t, t.bob.email, 1);
    expect(notice.subject).toBe("Your Convene email is about to change");
    expect(notice.text).toContain(newEmail);
    expect(notice.text).not.toContain("/confirm-email");

    const token = tokenIn(confirmation, "/confirm-email");
    const confirmed = await t.app.inject({ method: "POST", url: "/api/v1/auth/email-change/confirm", payload: { token } });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toEqual({ email: newEmail });
    expect((await t.app.inject({ method: "GET", url: "/api/v1/me", headers: bearer(t.bob) })).json().user.email).toBe(newEmail);
    expect((await t.app.inject({ method: "GET", url: "/api/v1/me/email", headers: bearer(t.bob) })).json()).toEqual({ pending: null });
    expect((await t.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email: newEmail, password: t.bob.password } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email: t.bob.email, password: t.bob.password } })).statusCode).toBe(401);

    const again = await t.app.inject({ method: "POST", url: "/api/v1/auth/email-change/confirm", payload: { token } });
    expect(again.statusCode).toBe(410);
    expect(again.json()).toMatchObject({ code: "EMAIL_CHANGE_TOKEN_INVALID", reason: "used" });
  });

  it("refuses a confirmation when the address was taken meanwhile, and an expired one", async () => {
    const cy = await signUpOwner(t.app, "sec-cy");
    const wanted = `wanted-${engine}@example.com`;
    const ask = async (newEmail: string) => {
      const asked = await t.app.inject({ method: "POST", url: "/api/v1/me/email", headers: bearer(cy), payload: { newEmail, currentPassword: cy.password } });
      expect(asked.statusCode).toBe(202);
      return tokenIn(await nthMailTo(t, newEmail, 1), "/confirm-email");
    };
    const token = await ask(wanted);
    const squatter = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/signup",
      payload: { email: wanted, password: "first come first served", name: "Squatter", organization: "Elsewhere", timeZone: "UTC" },
    });
    expect(squatter.statusCode).toBe(201);
    const clash = await t.app.inject({ method: "POST", url: "/api/v1/auth/email-change/confirm", payload: { token } });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().code).toBe("EMAIL_TAKEN");
    expect((await t.app.inject({ method: "GET", url: "/api/v1/me", headers: bearer(cy) })).json().user.email).toBe(cy.email);

    const later = await ask(`later-${engine}@example.com`);
    t.clock.nowMs += EMAIL_CHANGE_TTL_MS;
    const expired = await t.app.inject({ method: "POST", url: "/api/v1/auth/email-change/confirm", payload: { token: later } });
    expect(expired.json()).toMatchObject({ code: "EMAIL_CHANGE_TOKEN_INVALID", reason: "expired" });
  });

  it("lists the user's own sessions, ends one, and signs out the others", async () => {
    const owner = await signUpOwner(t.app, "sessions");
    const stranger = await signUpOwner(t.app, "stranger");
    const phone = await signInAgain(t.app, owner, "Phone Browser/2.0");
    const laptop = await signInAgain(t.app, owner, "Laptop Browser/3.0");

    const listed = await t.app.inject({ method: "GET", url: "/api/v1/me/sessions", headers: { cookie: phone.cookie } });
    expect(listed.statusCode).toBe(200);
    const items = listed.json().items as { id: string; current: boolean; userAgent: string | null; ip: string | null; createdAt: string }[];
    expect(items).toHaveLength(3);
    expect(items.filter((item) => item.current).map((item) => item.userAgent)).toEqual(["Phone Browser/2.0"]);
    expect(items.map((item) => item.userAgent)).toContain("Laptop Browser/3.0");
    expect(items.every((item) => item.ip === "127.0.0.1" && !Number.isNaN(Date.parse(item.createdAt)))).toBe(true);
    expect(listed.body).not.toContain(phone.cookie.split("=")[1]);

    // Another user's session id is not yours to end.
    const strangerSessions = (await t.app.inject({ method: "GET", url: "/api/v1/me/sessions", headers: { cookie: stranger.cookie } })).json().items;
    const foreign = await t.app.inject({ method: "DELETE", url: `/api/v1/me/sessions/${strangerSessions[0].id}`, headers: asBrowser(phone) });
    expect(foreign.statusCode).toBe(404);
    expect((await t.app.inject({ method: "GET", url: "/api/v1/me", headers: { cookie: stranger.cookie } })).statusCode).toBe(200);

    const laptopId = items.find((item) => item.userAgent === "Laptop Browser/3.0")!.id;
    expect((await t.app.inject({ method: "DELETE", url: `/api/v1/me/sessions/${laptopId}`, headers: asBrowser(phone) })).statusCode).toBe(204);
    expect((await t.app.inject({ method: "GET", url: "/api/v1/me", headers: { cookie: laptop.cookie } })).statusCode).toBe(401);

    const others = await t.app.inject({ method: "POST", url: "/api/v1/me/sessions/sign-out-others", headers: asBrowser(phone) });
    expect(others.json()).toEqual({ sessionsEnded: 1 });
    expect((await t.app.inject({ method: "GET", url: "/api/v1/me", headers: { cookie: owner.cookie } })).statusCode).toBe(401);
    const left = (await t.app.inject({ method: "GET", url: "/api/v1/me/sessions", headers: { cookie: phone.cookie } })).json().items;
    expect(left).toEqual([expect.objectContaining({ userAgent: "Phone Browser/2.0", current: true })]);
    // API key callers have no current session: all are listed as not current.
    expect((await t.app.inject({ method: "GET", url: "/api/v1/me/sessions", headers: bearer(owner) })).json().items.map((item: { current: boolean }) => item.current)).toEqual([false]);
  });
});
