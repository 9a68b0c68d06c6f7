// Sign-up, sign-in, sessions with CSRF, API keys, lockout and the audit log, on every engine.
import { describe, expect, it } from "vitest";
import { describeOnEngines } from "../support/engines.js";
import { bearer, sessionCookieOf, signUpOwner, useTestApp } from "../support/test-app.js";

describeOnEngines("accounts", (engine) => {
  const t = useTestApp(engine);

  it("never derives a handle that a page of the web app owns, nor a one-letter one", async () => {
    const handleFor = async (name: string, email: string) => {
      const signup = await t.app.inject({
        method: "POST",
        url: "/api/v1/auth/signup",
        payload: { email, password: "analytical engine", name, organization: "Reserved Ltd", timeZone: "Europe/London" },
      });
      expect(signup.statusCode).toBe(201);
      return signup.json().user.handle as string;
    };
    expect(await handleFor("Dashboard", "dash@example.com")).toBe("dashboard-2");
    expect(await handleFor("T", "t@example.com")).toBe("t-2");
  });

  it("signs up, logs in, creates an API key and reads /me with it", async () => {
    const signup = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/signup",
      payload: { email: "Ada@Example.com", password: "analytical engine", name: "Ada Lovelace", organization: "Engines Ltd", timeZone: "Europe/London" },
    });
    expect(signup.statusCode).toBe(201);
    expect(signup.json().user).toMatchObject({ email: "ada@example.com", name: "Ada Lovelace", handle: "ada-lovelace", role: "owner" });
    const setCookie = String(signup.headers["set-cookie"]);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);

    const login = await t.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email: "ada@example.com", password: "analytical engine" } });
    expect(login.statusCode).toBe(200);
    const cookie = sessionCookieOf(login);
    const { csrfToken } = login.json();

    const me = await t.app.inject({ method: "GET", url: "/api/v1/me", headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ organization: { name: "Engines Ltd" }, authenticatedWith: "session", csrfToken });

    const created = await t.app.inject({ method: "POST", url: "/api/v1/api-keys", headers: { cookie, "x-csrf-token": csrfToken }, payload: { name: "CRM sync" } });
    expect(created.statusCode).toBe(201);
    const { key, id, prefix } = created.json();
    expect(key).toMatch(/^cv_[A-Za-z0-9_-]{43}$/);
    expect(key.startsWith(prefix)).toBe(true);

    const viaKey = await t.app.inject({ method: "GET", url: "/api/v1/me", headers: { authorization: `Bearer ${key}` } });
    expect(viaKey.statusCode).toBe(200);
    expect(viaKey.json()).toMatchObject({ user: { email: "ada@example.com" }, authenticatedWith: "api_key", csrfToken: null });

    const list = await t.app.inject({ method: "GET", url: "/api/v1/api-keys", headers: { authorization: `Bearer ${key}` } });
    expect(list.json().items).toEqual([expect.objectContaining({ id, name: "CRM sync", prefix, revokedAt: null })]);
    expect(list.body).not.toContain(key);

    const revoked = await t.app.inject({ method: "DELETE", url: `/api/v1/api-keys/${id}`, headers: { authorization: `Bearer ${key}` } });
    expect(revoked.statusCode).toBe(204);
    const afterRevoke = await t.app.inject({ method: "GET", url: "/api/v1/me", headers: { authorization: `Bearer ${key}` } });
    expect(afterRevoke.statusCode).toBe(401);
    expect(afterRevoke.json().code).toBe("UNAUTHENTICATED");
  });

  it("rejects a duplicate email, a weak password and an unknown time zone with codes", async () => {
    const owner = await signUpOwner(t.app);
    const payload = { email: owner.email.toUpperCase(), password: "long enough pw", name: "X", organization: "Y", timeZone: "Europe/Berlin" };
    const duplicate = await t.app.inject({ method: "POST", url: "/api/v1/auth/signup", payload });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().code).toBe("EMAIL_TAKEN");
    const weak = await t.app.inject({ method: "POST", url: "/api/v1/auth/signup", payload: { ...payload, email: "new@example.com", password: "short" } });
    expect(weak.statusCode).toBe(400);
    expect(weak.json()).toMatchObject({ code: "VALIDATION_FAILED", errors: [{ path: "body.password" }] });
    const zone = await t.app.inject({ method: "POST", url: "/api/v1/auth/signup", payload: { ...payload, email: "new@example.com", timeZone: "Mars/Olympus" } });
    expect(zone.statusCode).toBe(400);
    expect(zone.json().code).toBe("UNKNOWN_TIME_ZONE");
  });

  it("requires the CSRF token for cookie writes but not for API keys", async () => {
    const owner = await signUpOwner(t.app);
    const noToken = await t.app.inject({ method: "POST", url: "/api/v1/api-keys", headers: { cookie: owner.cookie }, payload: { name: "x" } });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().code).toBe("CSRF_TOKEN_INVALID");
    const wrongToken = await t.app.inject({ method: "POST", url: "/api/v1/api-keys", headers: { cookie: owner.cookie, "x-csrf-token": "nope" }, payload: { name: "x" } });
    expect(wrongToken.statusCode).toBe(403);
    const withKey = await t.app.inject({ method: "POST", url: "/api/v1/api-keys", headers: bearer(owner), payload: { name: "x" } });
    expect(withKey.statusCode).toBe(201);
  });

  it("logs out the session only", async () => {
    const owner = await signUpOwner(t.app);
    const logout = await t.app.inject({ method: "POST", url: "/api/v1/auth/logout", headers: { cookie: owner.cookie, "x-csrf-token": owner.csrfToken } });
    expect(logout.statusCode).toBe(204);
    expect((await t.app.inject({ method: "GET", url: "/api/v1/me", headers: { cookie: owner.cookie } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: "GET", url: "/api/v1/me", headers: bearer(owner) })).statusCode).toBe(200);
  });

  it("expires sessions after 30 days", async () => {
    const owner = await signUpOwner(t.app);
    const startMs = t.clock.nowMs;
    try {
      t.clock.nowMs = startMs + 31 * 24 * 3600_000;
      expect((await t.app.inject({ method: "GET", url: "/api/v1/me", headers: { cookie: owner.cookie } })).statusCode).toBe(401);
    } finally {
      t.clock.nowMs = startMs;
    }
  });

  it("locks an account after 10 failed sign-ins and audits every attempt", async () => {
    const owner = await signUpOwner(t.app);
    for (let i = 0; i < 10; i++) {
      const failed = await t.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email: owner.email, password: "wrong password" } });
      expect(failed.statusCode).toBe(401);
      expect(failed.json().code).toBe("INVALID_CREDENTIALS");
    }
    const locked = await t.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email: owner.email, password: owner.password } });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().code).toBe("ACCOUNT_LOCKED");
    expect(Number(locked.headers["retry-after"])).toBeGreaterThan(0);

    const startMs = t.clock.nowMs;
    try {
      t.clock.nowMs = startMs + 16 * 60_000;
      const later = await t.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email: owner.email, password: owner.password } });
      expect(later.statusCode).toBe(200);
    } finally {
      t.clock.nowMs = startMs;
    }

    const audit = await t.app.inject({ method: "GET", url: "/api/v1/audit-log?limit=200", headers: bearer(owner) });
    const actions = audit.json().items.map((item: { action: string }) => item.action);
    expect(actions.filter((a: string) => a === "auth.sign_in_failed")).toHaveLength(10);
    expect(actions).toEqual(expect.arrayContaining(["account.created", "api_key.created", "auth.signed_in"]));
    const failure = audit.json().items.find((item: { action: string }) => item.action === "auth.sign_in_failed");
    expect(failure).toMatchObject({ actor: { type: "anonymous" }, ip: "127.0.0.1", target: { type: "email", id: owner.email } });
  });

  it("answers an unknown email exactly like a wrong password", async () => {
    const response = await t.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email: "nobody@example.com", password: "whatever it is" } });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: "INVALID_CREDENTIALS", title: "Wrong email or password" });
  });
});

describe("sign-in rate limit per IP", () => {
  const t = useTestApp("pglite", { rateLimits: { signInPerMinute: 3 } });

  it("answers 429 with Retry-After past the limit", async () => {
    const attempt = () => t.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email: "a@example.com", password: "x" } });
    for (let i = 0; i < 3; i++) expect((await attempt()).statusCode).toBe(401);
    const limited = await attempt();
    expect(limited.statusCode).toBe(429);
    expect(limited.headers["content-type"]).toMatch(/application\/problem\+json/);
    expect(limited.json().code).toBe("RATE_LIMITED");
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
  });
});
