// A connected Google or Microsoft grant over time, against the fakes: the
// access token refreshed before it expires, Microsoft's rotated refresh token
// kept every time, a 401 refreshing once, a dead grant (invalid_grant) marking
// the connection needs_reconnect with one email and no more token requests,
// and two refreshes at once keeping one grant. The fakes' request logs are the
// evidence of what was asked of them.
import { afterAll, beforeAll, expect, it } from "vitest";
import { OAUTH_SCOPES } from "../../src/core/calendars/oauth-scopes.js";
import { connectCalendar } from "../../src/use-cases/calendars/connections.js";
import { openProvider } from "../../src/use-cases/calendars/oauth-access.js";
import { syncConnection } from "../../src/use-cases/calendars/sync-calendars.js";
import type { OAuthAccess, OAuthProviderConfig, ProviderConfig } from "../../src/use-cases/ports/calendars.js";
import type { RequestContext } from "../../src/use-cases/request-context.js";
import { startGoogleFake, type GoogleFake } from "../fakes/google/google-fake.js";
import { startMicrosoftFake, type MicrosoftFake } from "../fakes/microsoft/microsoft-fake.js";
import { describeOnEngines } from "../support/engines.js";
import { mintTenantIdForTest } from "../support/tenant.js";
import { PUBLIC_URL, useTestApp, type Owner } from "../support/test-app.js";

const CLIENT = { clientId: "convene-test-client", clientSecret: "convene-test-secret" };
const HOUR_MS = 3600_000;

describeOnEngines("OAuth tokens of a connected calendar", (engine) => {
  const fakes = {} as { google: GoogleFake; microsoft: MicrosoftFake };
  const clock = { nowMs: () => Date.now() };
  beforeAll(async () => {
    fakes.google = await startGoogleFake({ client: { ...CLIENT, redirectUris: [`${PUBLIC_URL}/api/v1/calendars/callback/google`] }, nowMs: () => clock.nowMs() });
    fakes.microsoft = await startMicrosoftFake({ clients: [{ ...CLIENT, redirectUris: [`${PUBLIC_URL}/api/v1/calendars/callback/microsoft`] }], nowMs: () => clock.nowMs() });
  });
  afterAll(async () => {
    await fakes.google?.stop();
    await fakes.microsoft?.stop();
  });
  const t = useTestApp(engine, {
    owners: { ada: "ada", bo: "bo", cy: "cy", di: "di", ed: "ed" },
    calendarServices: () => ({
      google: { client: CLIENT, authUrl: fakes.google.authUrl, tokenUrl: fakes.google.tokenUrl, apiUrl: new URL(fakes.google.apiUrl).origin },
      microsoft: { client: CLIENT, authorityUrl: fakes.microsoft.authorityUrl, graphUrl: fakes.microsoft.graphUrl },
    }),
  });
  clock.nowMs = () => t.clock?.nowMs ?? Date.now();

  async function contextOf(owner: Owner): Promise<RequestContext> {
    const { rows } = await t.database.executeSql("select tenant_id from users where id = $1", [owner.userId]);
    const tenantId = mintTenantIdForTest((rows[0] as { tenant_id: string }).tenant_id);
    return { auth: { tenantId, userId: owner.userId, role: "owner", actor: { type: "user", id: owner.userId }, sessionId: null, csrfToken: null }, ip: null, nowMs: t.clock.nowMs };
  }

  /** A Google account with a grant issued by the fake (no browser), connected as the consent flow would. */
  async function connectGoogle(owner: Owner) {
    fakes.google.addUser(owner.email);
    const issued = fakes.google.issueTokens(owner.email, [...OAUTH_SCOPES.google.connect]);
    const config: ProviderConfig = {
      kind: "google",
      accountId: owner.email,
      accountEmail: owner.email,
      tokens: { ...issued, accessTokenExpiresAtMs: t.clock.nowMs + HOUR_MS, scopes: [...OAUTH_SCOPES.google.connect] },
    };
    const connection = await connectCalendar(t.deps, await contextOf(owner), config, { provider: "google", label: `Google Calendar: ${owner.email}`, serverUrl: "Google Calendar", username: owner.email });
    return { connection, issued };
  }

  async function connectMicrosoft(owner: Owner) {
    const user = fakes.microsoft.addUser({ mail: owner.email });
    fakes.microsoft.addCalendar(user.id, { name: "Calendar", isDefaultCalendar: true });
    const scopes = [...OAUTH_SCOPES.microsoft.connect];
    const issued = fakes.microsoft.issueTokens(user.id, CLIENT.clientId, scopes.join(" "));
    const config: ProviderConfig = { kind: "microsoft", accountId: user.id, accountEmail: owner.email, tokens: { ...issued, accessTokenExpiresAtMs: t.clock.nowMs + HOUR_MS, scopes } };
    const connection = await connectCalendar(t.deps, await contextOf(owner), config, { provider: "microsoft", label: `Microsoft Outlook: ${owner.email}`, serverUrl: "Microsoft Outlook", username: owner.email });
    return { connection, issued };
  }

  async function sync(owner: Owner, connectionId: string) {
    const outcome = await syncConnection(t.deps, (await contextOf(owner)).auth.tenantId, connectionId, t.clock.nowMs);
    return outcome!.connection;
  }

  async function tokensOf(owner: Owner, connectionId: string) {
    const connection = await t.deps.store.calendars.getConnection((await contextOf(owner)).auth.tenantId, connectionId);
    return (JSON.parse(t.deps.secrets.open(connection!.configSealed)) as OAuthProviderConfig).tokens;
  }

  const googleTokenRequests = () => fakes.google.requests().filter((request) => request.method === "POST" && request.path === "/token").length;
  const microsoftTokenRequests = () => fakes.microsoft.requests.filter((request) => request.method === "POST" && request.path.endsWith("/oauth2/v2.0/token")).length;

  async function reconnectMails(owner: Owner) {
    const { rows } = await t.database.executeSql("select subject, text_body from mail_outbox where to_email = $1 and subject like 'Reconnect %' order by id", [owner.email]);
    return rows as { subject: string; text_body: string }[];
  }

  it("refreshes a Google token a minute before it expires, keeping the refresh token Google does not replace", async () => {
    const { connection, issued } = await connectGoogle(t.ada);
    const requestsBefore = googleTokenRequests();
    t.clock.nowMs += HOUR_MS - 30_000;
    await sync(t.ada, connection.id);
    const tokens = await tokensOf(t.ada, connection.id);
    expect(googleTokenRequests() - requestsBefore).toBe(1);
    expect(tokens.accessToken).not.toBe(issued.accessToken);
    expect(tokens.refreshToken).toBe(issued.refreshToken);
    expect(tokens.accessTokenExpiresAtMs).toBeGreaterThan(t.clock.nowMs + HOUR_MS - 60_000);
    // Still fresh: the next sync asks for no token.
    await sync(t.ada, connection.id);
    expect(googleTokenRequests() - requestsBefore).toBe(1);
  });

  it("stores the rotated Microsoft refresh token on every refresh", async () => {
    const { connection, issued } = await connectMicrosoft(t.bo);
    const seen = [issued.refreshToken];
    for (let round = 0; round < 2; round++) {
      t.clock.nowMs += HOUR_MS;
      await sync(t.bo, connection.id);
      const tokens = await tokensOf(t.bo, connection.id);
      expect(seen).not.toContain(tokens.refreshToken);
      seen.push(tokens.refreshToken);
    }
  });

  it("refreshes once on a 401, then gives up on a dead grant: needs_reconnect, one email, no more token requests", async () => {
    const { connection, issued } = await connectGoogle(t.cy);
    // The provider stops honouring the access token before its stated expiry: one refresh mends it.
    fakes.google.expireAccessTokens();
    let requestsBefore = googleTokenRequests();
    await sync(t.cy, connection.id);
    expect(googleTokenRequests() - requestsBefore).toBe(1);
    expect((await tokensOf(t.cy, connection.id)).accessToken).not.toBe(issued.accessToken);

    // Revoked at Google: the 401 leads to one refresh, which gets invalid_grant.
    fakes.google.expireAccessTokens();
    fakes.google.revokeRefreshToken(issued.refreshToken);
    requestsBefore = googleTokenRequests();
    const failed = await sync(t.cy, connection.id);
    expect(failed).toMatchObject({ status: "needs_reconnect", lastError: expect.stringContaining("invalid_grant") });
    expect(googleTokenRequests() - requestsBefore).toBe(1);
    for (let round = 0; round < 3; round++) {
      t.clock.nowMs += 2 * HOUR_MS;
      expect((await sync(t.cy, connection.id)).status).toBe("needs_reconnect");
    }
    expect(googleTokenRequests() - requestsBefore).toBe(1);

    const mails = await reconnectMails(t.cy);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe(`Reconnect Google Calendar: Google Calendar: ${t.cy.email}`);
    expect(mails[0]!.text_body).toContain(`${PUBLIC_URL}/api/v1/calendars/connect/google?reconnect=${connection.id}`);
    expect(mails[0]!.text_body).not.toMatch(/app password/i);
  });

  it("marks a revoked Microsoft grant needs_reconnect at the refresh before expiry, emailing once", async () => {
    const { connection, issued } = await connectMicrosoft(t.di);
    fakes.microsoft.revokeRefreshToken(issued.refreshToken);
    const requestsBefore = microsoftTokenRequests();
    for (let round = 0; round < 3; round++) {
      t.clock.nowMs += 2 * HOUR_MS;
      expect((await sync(t.di, connection.id)).status).toBe("needs_reconnect");
    }
    expect(microsoftTokenRequests() - requestsBefore).toBe(1);
    const mails = await reconnectMails(t.di);
    expect(mails.map((mail) => mail.subject)).toEqual([`Reconnect Microsoft Outlook: Microsoft Outlook: ${t.di.email}`]);
    expect(mails[0]!.text_body).toContain(`/api/v1/calendars/connect/microsoft?reconnect=${connection.id}`);
  });

  it("keeps one grant when two refreshes race: the later writer adopts the tokens stored first", async () => {
    const { connection } = await connectGoogle(t.ed);
    t.clock.nowMs += HOUR_MS;
    const record = (await t.deps.store.calendars.getConnection((await contextOf(t.ed)).auth.tenantId, connection.id))!;
    const accesses: OAuthAccess[] = [];
    const capturing = { ...t.deps, calendarProviders: (config: ProviderConfig, access?: OAuthAccess) => (access && accesses.push(access), t.deps.calendarProviders(config, access)) };
    // Two nodes opened the same connection at the same time, each with the same stored grant.
    openProvider(capturing, (await contextOf(t.ed)).auth.tenantId, record, t.clock.nowMs);
    openProvider(capturing, (await contextOf(t.ed)).auth.tenantId, record, t.clock.nowMs);
    const requestsBefore = googleTokenRequests();
    const tokens = await Promise.all(accesses.map((access) => access.accessToken()));
    expect(googleTokenRequests() - requestsBefore).toBe(2);
    const stored = await tokensOf(t.ed, connection.id);
    expect(tokens).toEqual([stored.accessToken, stored.accessToken]);
  });
});
