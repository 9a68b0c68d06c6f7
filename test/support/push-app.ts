// A Convene app listening on loopback next to the Google and Microsoft fakes,
// all on one clock the test drives, for push channels: Graph checks the
// notification address answers before it creates a subscription, so the app
// must really listen, and Convene's public URL is where it does.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll } from "vitest";
import { withReadCache } from "../../src/adapters/cache/read-cache.js";
import { createCalendarProviderFactory } from "../../src/adapters/calendars/provider-factory.js";
import type { Database } from "../../src/adapters/db/client.js";
import { createStore } from "../../src/adapters/db/store.js";
import { buildApp, type AppDeps } from "../../src/http/app.js";
import { connectCalendar } from "../../src/use-cases/calendars/connections.js";
import type { CalendarProviderFactory, ConnectionRecord, OAuthProviderConfig } from "../../src/use-cases/ports/calendars.js";
import type { RequestContext } from "../../src/use-cases/request-context.js";
import { startGoogleFake, type GoogleFake } from "../fakes/google/google-fake.js";
import { startMicrosoftFake, type MicrosoftFake } from "../fakes/microsoft/microsoft-fake.js";
import { openTestDatabase, type EngineName } from "./engines.js";
import { mintTenantIdForTest } from "./tenant.js";
import { signUpOwner, TEST_CALENDAR_FETCH, testDeps, type Owner } from "./test-app.js";

export const GOOGLE_CLIENT = { clientId: "convene-test.apps.googleusercontent.com", clientSecret: "google-secret", redirectUris: ["http://127.0.0.1:9/api/v1/calendars/callback/google"] };
export const MICROSOFT_CLIENT = { clientId: "11111111-2222-3333-4444-555555555555", clientSecret: "microsoft-secret", redirectUris: ["http://127.0.0.1:9/api/v1/calendars/callback/microsoft"] };
export const GOOGLE_CALENDAR_SCOPE = "https://www.googleapis.com/auth/calendar";
const GRAPH_SCOPE = "offline_access Calendars.ReadWrite";

export type PushApp = {
  app: FastifyInstance;
  database: Database;
  deps: AppDeps;
  clock: { nowMs: number };
  google: GoogleFake;
  /** A second Google that refuses http addresses, as the real one does. */
  strictGoogle: GoogleFake;
  microsoft: MicrosoftFake;
};

export function usePushApp(engine: EngineName): PushApp {
  const handle = {} as PushApp;
  let close: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const clock = { nowMs: Date.parse("2026-11-20T12:00:00Z") };
    const nowMs = () => clock.nowMs;
    const google = await startGoogleFake({ client: GOOGLE_CLIENT, allowHttpWebhooks: true, nowMs });
    const strictGoogle = await startGoogleFake({ client: GOOGLE_CLIENT, nowMs });
    const microsoft = await startMicrosoftFake({ clients: [MICROSOFT_CLIENT], nowMs });
    const googleOf = (config: OAuthProviderConfig) => (config.accountId.startsWith("strict:") ? strictGoogle : google);
    const providersOf = (googleApiUrl: string) => createCalendarProviderFactory({ ...TEST_CALENDAR_FETCH, googleApiUrl, microsoftGraphUrl: microsoft.graphUrl, clock: nowMs });
    const [lenient, strict] = [providersOf(new URL(google.apiUrl).origin), providersOf(new URL(strictGoogle.apiUrl).origin)];
    // The strict Google answers its own accounts' calls; tokens are refreshed at the lenient one (the strict account's test never needs a refresh).
    const calendarProviders: CalendarProviderFactory = (config, access) => (config.kind === "google" && googleOf(config) === strictGoogle ? strict : lenient)(config, access);
    const database = await openTestDatabase(engine);
    const store = withReadCache(createStore(database.db), { clock: nowMs });
    const services = {
      google: { client: GOOGLE_CLIENT, authUrl: google.authUrl, tokenUrl: google.tokenUrl, apiUrl: new URL(google.apiUrl).origin },
      microsoft: { client: MICROSOFT_CLIENT, authorityUrl: microsoft.authorityUrl, graphUrl: microsoft.graphUrl },
    };
    const deps: AppDeps = { ...testDeps(store, undefined, undefined, services), calendarProviders, clock: nowMs, database };
    const app = await buildApp(deps, { rateLimits: { signInPerMinute: 1000, signUpPerMinute: 1000, slotReadsPerMinute: 1000 } });
    const address = await app.listen({ port: 0, host: "127.0.0.1" });
    // The address is known only once listening; the routes and use cases read deps.publicUrl when they run.
    deps.publicUrl = address;
    Object.assign(handle, { app, database, deps, clock, google, strictGoogle, microsoft });
    close = async () => {
      await app.close();
      await database.close();
      await Promise.all([google.stop(), strictGoogle.stop(), microsoft.stop()]);
    };
  });
  afterAll(async () => {
    await close?.();
  });
  return handle;
}

export async function ownerContext(t: PushApp, owner: Owner): Promise<RequestContext> {
  const { rows } = await t.database.executeSql("select tenant_id from users where id = $1", [owner.userId]);
  const tenantId = mintTenantIdForTest((rows[0] as { tenant_id: string }).tenant_id);
  return { auth: { tenantId, userId: owner.userId, role: "owner", actor: { type: "user", id: owner.userId }, sessionId: null, csrfToken: null }, ip: null, nowMs: t.clock.nowMs };
}

/** Connects a Google account of a fake the way the OAuth callback will: tokens in the sealed config, calendars listed, first sync. */
export async function connectGoogle(t: PushApp, owner: Owner, email: string, fake: GoogleFake = t.google, setUp?: (fake: GoogleFake) => void): Promise<ConnectionRecord> {
  fake.addUser(email);
  setUp?.(fake);
  const tokens = fake.issueTokens(email, [GOOGLE_CALENDAR_SCOPE]);
  const accountId = fake === t.strictGoogle ? `strict:${email}` : email;
  const config: OAuthProviderConfig = { kind: "google", accountId, accountEmail: email, tokens: { ...tokens, accessTokenExpiresAtMs: t.clock.nowMs + 3_600_000, scopes: [GOOGLE_CALENDAR_SCOPE] } };
  return connectCalendar(t.deps, await ownerContext(t, owner), config, { provider: "google", label: email, serverUrl: "https://www.googleapis.com", username: email });
}

/** Connects a Microsoft account of the fake (one calendar) the same way. */
export async function connectMicrosoft(t: PushApp, owner: Owner, mail: string): Promise<{ connection: ConnectionRecord; graphCalendarId: string }> {
  const user = t.microsoft.addUser({ mail });
  const graphCalendarId = t.microsoft.addCalendar(user.id, { name: "Calendar", isDefaultCalendar: true }).id;
  const tokens = t.microsoft.issueTokens(user.id, MICROSOFT_CLIENT.clientId, GRAPH_SCOPE);
  const config: OAuthProviderConfig = { kind: "microsoft", accountId: user.id, accountEmail: mail, tokens: { ...tokens, accessTokenExpiresAtMs: t.clock.nowMs + 3_600_000, scopes: GRAPH_SCOPE.split(" ") } };
  const connection = await connectCalendar(t.deps, await ownerContext(t, owner), config, { provider: "microsoft", label: mail, serverUrl: "https://graph.microsoft.com", username: mail });
  return { connection, graphCalendarId };
}

export { signUpOwner };
