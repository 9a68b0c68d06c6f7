// An in-process Convene app on a fresh database, with a clock the test controls.
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import type { Database } from "../../src/adapters/db/client.js";
import { createStore } from "../../src/adapters/db/store.js";
import { withReadCache } from "../../src/adapters/cache/read-cache.js";
import { argon2PasswordHasher } from "../../src/adapters/crypto/argon2-password-hasher.js";
import { buildApp, type AppOptions } from "../../src/http/app.js";
import { createSecretBox } from "../../src/adapters/crypto/secret-box.js";
import { attendanceLinkKey, meetingRoomKey } from "../../src/adapters/crypto/derived-keys.js";
import { createDevOutboxMailer } from "../../src/adapters/email/dev-outbox-mailer.js";
import { buildCalendarObject, buildInvite } from "../../src/adapters/email/ics.js";
import { createCalendarProviderFactory } from "../../src/adapters/calendars/provider-factory.js";
import { createContactDirectoryFactory } from "../../src/adapters/contacts/contact-directory-factory.js";
import { createOAuthClients } from "../../src/adapters/oauth/oauth-clients.js";
import { createMemoryCalendarServer, type MemoryCalendarServer } from "../../src/adapters/calendars/memory/memory-calendar-server.js";
import { startDeliveryJobs, type DeliveryJobs } from "../../src/adapters/jobs/delivery-jobs.js";
import { channelRuntime, defaultChannels } from "../../src/main.js";
import { createInboundProviders } from "../../src/adapters/inbound/inbound-providers.js";
import type { InboundDeps, InboundProviders } from "../../src/use-cases/inbound/inbound-deps.js";
import type { WebhookDeps } from "../../src/use-cases/webhooks/webhook-deps.js";
import { createWebhookSender } from "../../src/adapters/webhooks/webhook-sender.js";
import type { DeliveryChannel } from "../../src/use-cases/deliveries/channel.js";
import type { CalendarDeps } from "../../src/use-cases/calendars/calendar-deps.js";
import type { Mailer } from "../../src/use-cases/ports/deliveries.js";
import type { Store } from "../../src/use-cases/ports/store.js";
import { pino } from "pino";
import { afterAll, beforeAll } from "vitest";
import { openTestDatabase, type EngineName } from "./engines.js";
import { startLiveFeed } from "../../src/adapters/db/live-feed.js";

export type TestApp = {
  app: FastifyInstance;
  database: Database;
  deps: CalendarDeps & InboundDeps & WebhookDeps;
  clock: { nowMs: number };
  /** The in-memory calendar server `memory` connections reach (see connectMemoryCalendar). */
  calendarServer: MemoryCalendarServer;
  close(): Promise<void>;
};

export const PUBLIC_URL = "http://convene.test";

export const TEST_SECRET_KEY = Buffer.alloc(32, 9).toString("base64");

/** Not Convene's default (meet.jit.si), so a test sees that JITSI_BASE_URL is honoured. */
export const TEST_JITSI_BASE_URL = "https://jitsi.convene.test";

/** Calendar fetches in tests: loopback servers allowed, short limits. */
export const TEST_CALENDAR_FETCH = { allowPrivateUrls: true, timeoutMs: 5_000, maxBodyBytes: 5 * 1024 * 1024 };

/** Where Google and Microsoft are in a test (their fakes), with the client Convene is registered as. */
export type CalendarServices = {
  google?: { client: { clientId: string; clientSecret: string }; authUrl: string; tokenUrl: string; apiUrl: string; peopleApiUrl?: string };
  microsoft?: { client: { clientId: string; clientSecret: string }; authorityUrl: string; graphUrl: string };
};

/**
 * Convene's adapters on a store, as the tests wire them: mail to the dev outbox unless a mailer is given;
 * calendars through the real providers (loopback allowed) and `memory` connections on calendarServer.
 */
export function testDeps(store: Store, mailer?: Mailer, calendarServer: MemoryCalendarServer = createMemoryCalendarServer(), services: CalendarServices = {}): CalendarDeps & InboundDeps & WebhookDeps {
  const google = { client: null, authUrl: "https://google.invalid/auth", tokenUrl: "https://google.invalid/token", apiUrl: "https://google.invalid", ...services.google };
  const microsoft = { client: null, authorityUrl: "https://microsoft.invalid/common", graphUrl: "https://microsoft.invalid", ...services.microsoft };
  return {
    store,
    passwords: argon2PasswordHasher,
    secrets: createSecretBox(TEST_SECRET_KEY),
    meetingRooms: { jitsiBaseUrl: TEST_JITSI_BASE_URL, roomKey: meetingRoomKey(TEST_SECRET_KEY) },
    attendanceLinkKey: attendanceLinkKey(TEST_SECRET_KEY),
    mailer: mailer ?? createDevOutboxMailer(store.mailOutbox, "Convene <no-reply@convene.test>"),
    invites: { build: (facts, method) => buildInvite(facts, method, PUBLIC_URL), calendarObject: (facts) => buildCalendarObject(facts, PUBLIC_URL) },
    publicUrl: PUBLIC_URL,
    calendarProviders: createCalendarProviderFactory({ ...TEST_CALENDAR_FETCH, memoryServer: calendarServer, googleApiUrl: google.apiUrl, microsoftGraphUrl: microsoft.graphUrl }),
    contactDirectories: createContactDirectoryFactory({ ...TEST_CALENDAR_FETCH, googlePeopleApiUrl: services.google?.peopleApiUrl ?? "https://people.google.invalid", microsoftGraphUrl: microsoft.graphUrl }),
    oauthClients: createOAuthClients({ google, microsoft, timeoutMs: TEST_CALENDAR_FETCH.timeoutMs }),
    calendarSyncIntervalMs: 300_000,
    inboundProviders: createInboundProviders({ calcomApiUrl: "https://cal.invalid", calendlyApiUrl: "https://calendly.invalid" }),
    inbound: { backfillDays: 7, backfillIntervalMs: 3_600_000 },
    // Receivers in tests are loopback servers (WEBHOOKS_ALLOW_PRIVATE_URLS=true); a short limit keeps a hung one from stalling a suite.
    webhookSender: createWebhookSender({ allowPrivateUrls: true, timeoutMs: 5_000 }),
  };
}

export async function startTestApp(
  engine: EngineName,
  options: AppOptions & {
    mailer?: Mailer;
    calendarServices?: CalendarServices;
    inboundProviders?: InboundProviders | undefined;
    publicUrl?: string | undefined;
    /** An opened database to run on (a restart: see reopenableTestDatabase); close() closes it. Default: a fresh one. */
    database?: Database | undefined;
  } = {},
): Promise<TestApp> {
  const database = options.database ?? (await openTestDatabase(engine));
  const clock = { nowMs: Date.parse("2026-11-20T12:00:00Z") };
  // The read cache expires entries by the test's clock too, so what a test reads never depends on how fast it ran.
  const calendarServer = createMemoryCalendarServer();
  const { calendarServices, inboundProviders, publicUrl, database: _database, ...appOptions } = options;
  const deps = testDeps(withReadCache(createStore(database.db), { clock: () => clock.nowMs }), options.mailer, calendarServer, calendarServices);
  if (inboundProviders) deps.inboundProviders = inboundProviders;
  // A suite that has a provider call Convene back (a webhook) serves the app on that URL.
  if (publicUrl) deps.publicUrl = publicUrl;
  const liveFeed = await startLiveFeed(database);
  const app = await buildApp(
    { ...deps, clock: () => clock.nowMs, database, liveFeed },
    { rateLimits: { signInPerMinute: 1000, signUpPerMinute: 1000, slotReadsPerMinute: 1000 }, ...appOptions },
  );
  return {
    app,
    database,
    deps,
    clock,
    calendarServer,
    close: async () => {
      await app.close();
      await liveFeed.stop();
      await database.close();
    },
  };
}

/** Owners to sign up for a suite: the handle's field name → the label in the owner's name and email. */
export type OwnerLabels = Record<string, string> & { [K in keyof TestApp]?: never };

/** A suite's app: every field is filled once the suite's beforeAll ran, so read it only inside tests and hooks. */
export type TestAppHandle<O extends OwnerLabels> = TestApp & { readonly [K in keyof O]: Owner };

/**
 * Starts an app on the engine before the suite's tests, signs up the owners asked for, and stops it all
 * after the suite: the beforeAll/afterAll every suite would otherwise write out.
 */
export function useTestApp<const O extends OwnerLabels = Record<never, string>>(
  engine: EngineName,
  // A mailer that needs what another hook starts first (an SMTP listener's URL) is given as a function.
  // Fakes started by an earlier beforeAll are given as a function, like the mailer.
  options: AppOptions & { mailer?: Mailer | (() => Mailer); owners?: O; calendarServices?: CalendarServices | (() => CalendarServices); inboundProviders?: InboundProviders } = {},
): TestAppHandle<O> {
  const { owners, mailer, calendarServices, ...appOptions } = options;
  const handle = {} as TestAppHandle<O>;
  let started: TestApp | undefined;
  beforeAll(async () => {
    started = await startTestApp(engine, {
      ...appOptions,
      mailer: typeof mailer === "function" ? mailer() : mailer,
      calendarServices: typeof calendarServices === "function" ? calendarServices() : calendarServices,
    });
    Object.assign(handle, started);
    for (const [field, label] of Object.entries(owners ?? {})) Object.assign(handle, { [field]: await signUpOwner(started.app, label) });
  });
  afterAll(async () => {
    await started?.close();
  });
  return handle;
}

export type Owner = { email: string; password: string; cookie: string; csrfToken: string; apiKey: string; userId: string };

let ownerCount = 0;

/** Signs up a new organisation and gives back its session cookie, CSRF token and an API key. */
export async function signUpOwner(app: FastifyInstance, label = "owner"): Promise<Owner> {
  ownerCount += 1;
  const email = `${label}-${ownerCount}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  const password = "correct horse battery staple";
  const signup = await app.inject({
    method: "POST",
    url: "/api/v1/auth/signup",
    payload: { email, password, name: `Owner ${label}`, organization: `Org ${label}`, timeZone: "Europe/Berlin" },
  });
  if (signup.statusCode !== 201) throw new Error(`signup failed: ${signup.statusCode} ${signup.body}`);
  const cookie = sessionCookieOf(signup);
  const { csrfToken, user } = signup.json();
  const key = await app.inject({
    method: "POST",
    url: "/api/v1/api-keys",
    headers: { cookie, "x-csrf-token": csrfToken },
    payload: { name: "test key" },
  });
  if (key.statusCode !== 201) throw new Error(`api key failed: ${key.statusCode} ${key.body}`);
  return { email, password, cookie, csrfToken, apiKey: key.json().key, userId: user.id };
}

export function sessionCookieOf(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === "convene_session");
  if (!cookie) throw new Error("no session cookie in response");
  return `convene_session=${cookie.value}`;
}

export function bearer(owner: Owner) {
  return { authorization: `Bearer ${owner.apiKey}` };
}

/** The delivery queue for the suite's app (see startTestJobs): started before its tests, stopped after them. */
export function useTestJobs(t: TestApp, retry?: { limit: number; delaySeconds: number }, channels?: readonly DeliveryChannel[]): DeliveryJobs {
  const handle = {} as DeliveryJobs;
  let started: DeliveryJobs | undefined;
  beforeAll(async () => {
    started = await startTestJobs(t, retry, channels);
    Object.assign(handle, started);
  });
  afterAll(async () => {
    await started?.stop();
  });
  return handle;
}

/** The delivery queue on the test's database and clock, with Convene's channels unless told; the relay runs only when the test calls relayOnce. */
export function startTestJobs(t: TestApp, retry = { limit: 3, delaySeconds: 1 }, channels: readonly DeliveryChannel[] = defaultChannels(t.deps)): Promise<DeliveryJobs> {
  return startDeliveryJobs({
    database: t.database,
    ...channelRuntime(t.deps.store, channels),
    clock: () => t.clock.nowMs,
    logger: pino({ level: "silent" }),
    retry,
    relayIntervalMs: 0,
    pollingIntervalSeconds: 0.5,
  });
}
