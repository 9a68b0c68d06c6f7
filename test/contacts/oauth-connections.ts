// Google and Microsoft connections for the contacts suites, stored as the
// connect flow would store them (sealed grant, tokens from the fakes), without
// the browser dance the connect suites already cover.
import { afterAll, beforeAll } from "vitest";
import { OAUTH_SCOPES } from "../../src/core/calendars/oauth-scopes.js";
import type { ConnectionRecord, ProviderConfig } from "../../src/use-cases/ports/calendars.js";
import { startGoogleFake, type GoogleFake } from "../fakes/google/google-fake.js";
import { startMicrosoftFake, type MicrosoftFake } from "../fakes/microsoft/microsoft-fake.js";
import { mintTenantIdForTest } from "../support/tenant.js";
import type { CalendarServices, Owner, TestApp } from "../support/test-app.js";

const GOOGLE_CLIENT = { clientId: "convene.apps.googleusercontent.com", clientSecret: "g-secret", redirectUris: ["http://convene.test/api/v1/calendars/callback/google"] };
const MICROSOFT_CLIENT = { clientId: "11111111-2222-3333-4444-555555555555", clientSecret: "m-secret", redirectUris: ["http://convene.test/api/v1/calendars/callback/microsoft"] };

export const GOOGLE_CONNECT_SCOPES = [...OAUTH_SCOPES.google.connect];
export const GOOGLE_CONTACTS_SCOPES = [...OAUTH_SCOPES.google.connect, ...OAUTH_SCOPES.google.createContacts];
export const MICROSOFT_CONNECT_SCOPES = [...OAUTH_SCOPES.microsoft.connect];
export const MICROSOFT_CONTACTS_SCOPES = [...OAUTH_SCOPES.microsoft.connect, ...OAUTH_SCOPES.microsoft.createContacts];

export type Fakes = { google: GoogleFake; microsoft: MicrosoftFake; services(): CalendarServices };

/** Both fakes for the suite: started before the app (give `services` to useTestApp), stopped after it. */
export function useProviderFakes(): Fakes {
  const fakes = {} as Fakes;
  beforeAll(async () => {
    fakes.google = await startGoogleFake({ client: GOOGLE_CLIENT });
    fakes.microsoft = await startMicrosoftFake({ clients: [MICROSOFT_CLIENT] });
  });
  afterAll(async () => {
    await fakes.google?.stop();
    await fakes.microsoft?.stop();
  });
  fakes.services = () => ({
    google: { client: GOOGLE_CLIENT, authUrl: fakes.google.authUrl, tokenUrl: fakes.google.tokenUrl, apiUrl: fakes.google.apiUrl, peopleApiUrl: fakes.google.peopleApiUrl },
    microsoft: { client: MICROSOFT_CLIENT, authorityUrl: fakes.microsoft.authorityUrl, graphUrl: fakes.microsoft.graphUrl },
  });
  return fakes;
}

export async function tenantOf(t: TestApp, owner: Owner) {
  const { rows } = await t.database.executeSql("select tenant_id from users where id = $1", [owner.userId]);
  return mintTenantIdForTest((rows[0] as { tenant_id: string }).tenant_id);
}

async function storeConnection(t: TestApp, owner: Owner, config: Extract<ProviderConfig, { kind: "google" | "microsoft" }>): Promise<ConnectionRecord> {
  const tenantId = await tenantOf(t, owner);
  const record = await t.deps.store.calendars.createConnection(
    tenantId,
    { userId: owner.userId, provider: config.kind, label: config.accountEmail, serverUrl: config.kind, username: config.accountEmail, configSealed: t.deps.secrets.seal(JSON.stringify(config)) },
    t.clock.nowMs,
  );
  await t.deps.store.calendars.updateConnectionState(tenantId, record.id, { status: "ok" }, t.clock.nowMs);
  // Connections list oldest first: a second apart, the order they were made in is the order they are searched in.
  t.clock.nowMs += 1000;
  return { ...record, status: "ok" };
}

const tokensOf = (t: TestApp, issued: { accessToken: string; refreshToken: string }, scopes: string[]) => ({ ...issued, accessTokenExpiresAtMs: t.clock.nowMs + 3_000_000, scopes });

/** A Google account (created on the fake) connected by the owner with these scopes. */
export function connectGoogle(t: TestApp, fakes: Fakes, owner: Owner, email: string, scopes = GOOGLE_CONNECT_SCOPES): Promise<ConnectionRecord> {
  fakes.google.addUser(email);
  return storeConnection(t, owner, { kind: "google", accountId: email, accountEmail: email, tokens: tokensOf(t, fakes.google.issueTokens(email, scopes), scopes) });
}

/** A Microsoft account (created on the fake) connected by the owner with these scopes; the user's id comes back for the fake's hooks. */
export async function connectMicrosoft(t: TestApp, fakes: Fakes, owner: Owner, email: string, scopes = MICROSOFT_CONNECT_SCOPES): Promise<{ connection: ConnectionRecord; userId: string }> {
  const userId = fakes.microsoft.addUser({ mail: email }).id;
  const issued = fakes.microsoft.issueTokens(userId, MICROSOFT_CLIENT.clientId, scopes.join(" "));
  const connection = await storeConnection(t, owner, { kind: "microsoft", accountId: userId, accountEmail: email, tokens: tokensOf(t, issued, scopes) });
  return { connection, userId };
}
