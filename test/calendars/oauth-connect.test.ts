// Connecting Google and Microsoft by consent, through the routes a browser
// follows, against the local fakes: the consent request (state, PKCE, scopes,
// the exact redirect URI), the callback's outcomes as redirects to the
// Calendars page, a state that works once for its own session within ten
// minutes, a declined consent, and a reconnect that renews the connection it
// was started for instead of adding another.
import { afterAll, beforeAll, expect, it } from "vitest";
import { OAUTH_SCOPES } from "../../src/core/calendars/oauth-scopes.js";
import { pruneStaleRecords } from "../../src/use-cases/housekeeping/prune-stale-records.js";
import type { ProviderConfig } from "../../src/use-cases/ports/calendars.js";
import { syncConnection } from "../../src/use-cases/calendars/sync-calendars.js";
import { startGoogleFake, type GoogleFake } from "../fakes/google/google-fake.js";
import { startMicrosoftFake, type MicrosoftFake } from "../fakes/microsoft/microsoft-fake.js";
import { describeOnEngines } from "../support/engines.js";
import { mintTenantIdForTest } from "../support/tenant.js";
import { bearer, PUBLIC_URL, sessionCookieOf, useTestApp, type Owner, type TestApp } from "../support/test-app.js";

const CLIENT = { clientId: "convene-test-client", clientSecret: "convene-test-secret" };
const callbackUrl = (provider: string) => `${PUBLIC_URL}/api/v1/calendars/callback/${provider}`;

type Fakes = { google: GoogleFake; microsoft: MicrosoftFake };

/** Both fakes on the test's clock, with Convene registered at its callback URLs. */
function useFakes(clock: () => number): Fakes {
  const fakes = {} as Fakes;
  beforeAll(async () => {
    fakes.google = await startGoogleFake({ client: { ...CLIENT, redirectUris: [callbackUrl("google")] }, nowMs: clock });
    fakes.microsoft = await startMicrosoftFake({ clients: [{ ...CLIENT, redirectUris: [callbackUrl("microsoft")] }], nowMs: clock });
  });
  afterAll(async () => {
    await fakes.google?.stop();
    await fakes.microsoft?.stop();
  });
  return fakes;
}

/** What test-app's calendarServices wants: the Google API's origin (the fake's apiUrl ends in /calendar/v3). */
function servicesOf(fakes: Fakes) {
  return {
    google: { client: CLIENT, authUrl: fakes.google.authUrl, tokenUrl: fakes.google.tokenUrl, apiUrl: new URL(fakes.google.apiUrl).origin },
    microsoft: { client: CLIENT, authorityUrl: fakes.microsoft.authorityUrl, graphUrl: fakes.microsoft.graphUrl },
  };
}

/** GET /connect/<provider> with the owner's session: the consent URL it redirects to. */
async function startConsent(t: TestApp, cookie: string, provider: string, query = ""): Promise<URL> {
  const response = await t.app.inject({ method: "GET", url: `/api/v1/calendars/connect/${provider}${query}`, headers: { cookie } });
  expect(response.statusCode, response.body).toBe(302);
  expect(response.headers["cache-control"]).toBe("no-store");
  return new URL(String(response.headers.location));
}

/** The provider's answer to the consent page (the fakes consent at once): the callback URL it sends the browser to. */
async function consentAt(consentUrl: URL): Promise<URL> {
  const response = await fetch(consentUrl, { redirect: "manual" });
  expect(response.status, await response.clone().text()).toBe(302);
  return new URL(response.headers.get("location")!);
}

/** The browser arriving at the callback: where Convene sends it next. */
async function arrive(t: TestApp, cookie: string, callback: URL): Promise<URL> {
  expect(`${callback.origin}${callback.pathname}`).toMatch(new RegExp(`^${PUBLIC_URL}/api/v1/calendars/callback/`));
  const response = await t.app.inject({ method: "GET", url: `${callback.pathname}${callback.search}`, headers: { cookie } });
  expect(response.statusCode, response.body).toBe(302);
  return new URL(String(response.headers.location), PUBLIC_URL);
}

async function connections(t: TestApp, owner: Owner) {
  const response = await t.app.inject({ method: "GET", url: "/api/v1/calendars", headers: bearer(owner) });
  expect(response.statusCode).toBe(200);
  return (response.json() as { items: { id: string; provider: string; label: string; username: string | null; status: string; calendars: { name: string }[] }[] }).items;
}

async function storedConfig(t: TestApp, owner: Owner, connectionId: string): Promise<ProviderConfig> {
  const { rows } = await t.database.executeSql("select tenant_id from users where id = $1", [owner.userId]);
  const connection = await t.deps.store.calendars.getConnection(mintTenantIdForTest((rows[0] as { tenant_id: string }).tenant_id), connectionId);
  return JSON.parse(t.deps.secrets.open(connection!.configSealed)) as ProviderConfig;
}

async function pendingStates(t: TestApp): Promise<number> {
  const { rows } = await t.database.executeSql("select count(*)::int as n from oauth_states");
  return (rows[0] as { n: number }).n;
}

async function signInAgain(t: TestApp, owner: Owner): Promise<string> {
  const response = await t.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email: owner.email, password: owner.password } });
  expect(response.statusCode, response.body).toBe(200);
  return sessionCookieOf(response);
}

describeOnEngines("connecting Google and Microsoft by consent", (engine) => {
  // The fakes start first (hooks run in order) and read the app's clock once it exists.
  const clock = { nowMs: () => Date.now() };
  const fakes = useFakes(() => clock.nowMs());
  const t = useTestApp(engine, {
    owners: { ada: "ada", bo: "bo", cy: "cy", di: "di", ed: "ed", flo: "flo" },
    calendarServices: () => servicesOf(fakes),
  });
  clock.nowMs = () => t.clock?.nowMs ?? Date.now();

  it("offers the configured providers", async () => {
    const response = await t.app.inject({ method: "GET", url: "/api/v1/calendars/providers", headers: bearer(t.ada) });
    expect(response.json()).toEqual({ oauth: ["google", "microsoft"] });
  });

  it("connects Google: state and PKCE S256 on the consent request, the exact redirect URI, and the calendars listed", async () => {
    fakes.google.addUser(t.ada.email);
    fakes.google.addCalendar(t.ada.email, { id: "team@group.calendar.google.com", summary: "Team" });
    fakes.google.setConsentingUser(t.ada.email);
    const consent = await startConsent(t, t.ada.cookie, "google");
    expect(`${consent.origin}${consent.pathname}`).toBe(fakes.google.authUrl);
    const query = Object.fromEntries(consent.searchParams);
    expect(query).toMatchObject({ client_id: CLIENT.clientId, response_type: "code", redirect_uri: callbackUrl("google"), code_challenge_method: "S256", access_type: "offline" });
    expect(query.scope!.split(" ")).toEqual([...OAUTH_SCOPES.google.connect]);
    expect(query.state).toMatch(/^[\w-]{43}$/);
    expect(query.code_challenge).toMatch(/^[\w-]{43}$/);
    expect(await pendingStates(t)).toBe(1);

    const landed = await arrive(t, t.ada.cookie, await consentAt(consent));
    expect(landed.pathname).toBe("/dashboard/calendars");
    const connectionId = landed.searchParams.get("connected");
    expect(landed.searchParams.get("error")).toBeNull();
    const [connection] = await connections(t, t.ada);
    expect(connection).toMatchObject({ id: connectionId, provider: "google", label: `Google Calendar: ${t.ada.email}`, username: t.ada.email });
    expect(connection!.calendars.map((calendar) => calendar.name).sort()).toEqual([t.ada.email, "Team"].sort());
    expect(await pendingStates(t)).toBe(0);

    const config = await storedConfig(t, t.ada, connectionId!);
    expect(config).toMatchObject({ kind: "google", accountId: t.ada.email, accountEmail: t.ada.email, tokens: { accessToken: expect.stringMatching(/^ya29\./), refreshToken: expect.stringMatching(/./) } });
    // Sealed at rest: the token is nowhere in the row as text.
    const { rows } = await t.database.executeSql("select config_sealed from calendar_connections where id = $1", [connectionId]);
    expect(JSON.stringify(rows)).not.toContain(config.kind === "google" ? config.tokens.refreshToken : "");
    const { rows: audit } = await t.database.executeSql("select action from audit_log where target_id = $1", [connectionId]);
    expect(audit).toEqual([{ action: "calendar.connected" }]);
  });

  it("refuses a replayed state, and a state from another session (which its own session can still use)", async () => {
    fakes.google.addUser(t.bo.email);
    fakes.google.setConsentingUser(t.bo.email);
    const callback = await consentAt(await startConsent(t, t.bo.cookie, "google"));

    const otherSession = await signInAgain(t, t.bo);
    expect((await arrive(t, otherSession, callback)).search).toBe("?error=OAUTH_STATE_INVALID");
    expect((await arrive(t, t.cy.cookie, callback)).search).toBe("?error=OAUTH_STATE_INVALID");

    const first = await arrive(t, t.bo.cookie, callback);
    expect(first.searchParams.get("connected")).toMatch(/^[0-9a-f-]{36}$/);
    expect((await arrive(t, t.bo.cookie, callback)).search).toBe("?error=OAUTH_STATE_INVALID");
    expect(await connections(t, t.bo)).toHaveLength(1);
    expect(await connections(t, t.cy)).toHaveLength(0);
  });

  it("refuses a state older than ten minutes, and housekeeping removes unfinished ones", async () => {
    fakes.google.addUser(t.cy.email);
    fakes.google.setConsentingUser(t.cy.email);
    const callback = await consentAt(await startConsent(t, t.cy.cookie, "google"));
    await startConsent(t, t.cy.cookie, "google");
    t.clock.nowMs += 10 * 60_000 + 1_000;
    expect((await arrive(t, t.cy.cookie, callback)).search).toBe("?error=OAUTH_STATE_INVALID");
    expect(await pendingStates(t)).toBeGreaterThan(0);
    expect((await pruneStaleRecords(t.deps.store, t.clock.nowMs)).oauthStates).toBeGreaterThan(0);
    expect(await pendingStates(t)).toBe(0);
    expect(await connections(t, t.cy)).toHaveLength(0);
  });

  it("says so when the owner declines, and the state is spent", async () => {
    fakes.google.setConsentingUser(undefined);
    const callback = await consentAt(await startConsent(t, t.di.cookie, "google"));
    expect(callback.searchParams.get("error")).toBe("access_denied");
    expect((await arrive(t, t.di.cookie, callback)).search).toBe("?error=OAUTH_CONSENT_DENIED");
    expect(await pendingStates(t)).toBe(0);
    expect(await connections(t, t.di)).toHaveLength(0);
  });

  it("connects Microsoft, and a reconnect of the same account renews that connection instead of adding one", async () => {
    const user = fakes.microsoft.addUser({ mail: t.ed.email, displayName: "Ed" });
    fakes.microsoft.addCalendar(user.id, { name: "Calendar", isDefaultCalendar: true });
    fakes.microsoft.signInAs(user.id);
    const consent = await startConsent(t, t.ed.cookie, "microsoft");
    expect(`${consent.origin}${consent.pathname}`).toBe(`${fakes.microsoft.authorityUrl}/oauth2/v2.0/authorize`);
    expect(consent.searchParams.get("scope")!.split(" ")).toEqual([...OAUTH_SCOPES.microsoft.connect]);
    const connectionId = (await arrive(t, t.ed.cookie, await consentAt(consent))).searchParams.get("connected")!;
    const before = await storedConfig(t, t.ed, connectionId);
    expect(before).toMatchObject({ kind: "microsoft", accountId: user.id, accountEmail: t.ed.email });
    expect((await connections(t, t.ed))[0]).toMatchObject({ label: `Microsoft Outlook: ${t.ed.email}`, calendars: [{ name: "Calendar" }] });

    // The grant dies (revoked at Microsoft): the next sync finds out and the connection waits for its owner.
    if (before.kind !== "microsoft") throw new Error("not a Microsoft config");
    fakes.microsoft.revokeRefreshToken(before.tokens.refreshToken);
    fakes.microsoft.expireAccessTokens();
    t.clock.nowMs += 2 * 3600_000;
    const { rows } = await t.database.executeSql("select tenant_id from users where id = $1", [t.ed.userId]);
    await syncConnection(t.deps, mintTenantIdForTest((rows[0] as { tenant_id: string }).tenant_id), connectionId, t.clock.nowMs);
    expect((await connections(t, t.ed))[0]!.status).toBe("needs_reconnect");

    const reconsent = await startConsent(t, t.ed.cookie, "microsoft", `?reconnect=${connectionId}`);
    expect(reconsent.searchParams.get("login_hint")).toBe(t.ed.email);
    const landed = await arrive(t, t.ed.cookie, await consentAt(reconsent));
    expect(landed.searchParams.get("connected")).toBe(connectionId);
    const after = await connections(t, t.ed);
    expect(after).toHaveLength(1);
    expect(after[0]!.status).not.toBe("needs_reconnect");
    const renewed = await storedConfig(t, t.ed, connectionId);
    expect(renewed.kind === "microsoft" && renewed.tokens.refreshToken).not.toBe(before.tokens.refreshToken);
    const { rows: audit } = await t.database.executeSql("select action from audit_log where target_id = $1 order by id", [connectionId]);
    expect(audit).toEqual([{ action: "calendar.connected" }, { action: "calendar.reconnected" }]);
  });

  it("asks for the contacts scope when the consent is for creating contacts, and turns the setting on", async () => {
    fakes.google.addUser(t.flo.email);
    fakes.google.setConsentingUser(t.flo.email);
    const consent = await startConsent(t, t.flo.cookie, "google", "?createContacts=true");
    expect(consent.searchParams.get("scope")!.split(" ")).toEqual([...OAUTH_SCOPES.google.connect, ...OAUTH_SCOPES.google.createContacts]);
    const connectionId = (await arrive(t, t.flo.cookie, await consentAt(consent))).searchParams.get("connected")!;
    const { rows } = await t.database.executeSql("select create_contacts from calendar_connections where id = $1", [connectionId]);
    expect(rows).toEqual([{ create_contacts: true }]);
  });

  it("refuses a reconnect of someone else's connection, an API key, and a browser that is not signed in", async () => {
    const [adas] = await connections(t, t.ada);
    const foreign = await t.app.inject({ method: "GET", url: `/api/v1/calendars/connect/google?reconnect=${adas!.id}`, headers: { cookie: t.bo.cookie } });
    expect(foreign.headers.location).toBe("/dashboard/calendars?error=NOT_FOUND");
    const wrongProvider = await t.app.inject({ method: "GET", url: `/api/v1/calendars/connect/microsoft?reconnect=${adas!.id}`, headers: { cookie: t.ada.cookie } });
    expect(wrongProvider.headers.location).toBe("/dashboard/calendars?error=NOT_FOUND");

    const withKey = await t.app.inject({ method: "GET", url: "/api/v1/calendars/connect/google", headers: bearer(t.ada) });
    expect(withKey.statusCode).toBe(403);
    expect(withKey.json().code).toBe("OAUTH_SESSION_REQUIRED");

    const anonymous = await t.app.inject({ method: "GET", url: "/api/v1/calendars/connect/google" });
    expect(anonymous.headers.location).toBe("/dashboard/calendars?error=UNAUTHENTICATED");
    const anonymousCallback = await t.app.inject({ method: "GET", url: "/api/v1/calendars/callback/google?code=x&state=y" });
    expect(anonymousCallback.headers.location).toBe("/dashboard/calendars?error=UNAUTHENTICATED");
    const noState = await t.app.inject({ method: "GET", url: "/api/v1/calendars/callback/google?code=x", headers: { cookie: t.ada.cookie } });
    expect(noState.headers.location).toBe("/dashboard/calendars?error=OAUTH_STATE_INVALID");
  });
});

describeOnEngines("consent with no OAuth provider configured", (engine) => {
  const t = useTestApp(engine, { owners: { gus: "gus" } });

  it("offers none and sends a browser back with OAUTH_PROVIDER_NOT_CONFIGURED", async () => {
    const providers = await t.app.inject({ method: "GET", url: "/api/v1/calendars/providers", headers: bearer(t.gus) });
    expect(providers.json()).toEqual({ oauth: [] });
    for (const provider of ["google", "microsoft"]) {
      const response = await t.app.inject({ method: "GET", url: `/api/v1/calendars/connect/${provider}`, headers: { cookie: t.gus.cookie } });
      expect(response.statusCode).toBe(302);
      expect(response.headers.location).toBe("/dashboard/calendars?error=OAUTH_PROVIDER_NOT_CONFIGURED");
    }
    const unknown = await t.app.inject({ method: "GET", url: "/api/v1/calendars/connect/yahoo", headers: { cookie: t.gus.cookie } });
    expect(unknown.statusCode).toBe(404);
  });
});
