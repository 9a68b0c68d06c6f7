// An in-process Convene app on a fresh database, with a clock the test controls.
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import type { Database } from "../../src/adapters/db/client.js";
import { createStore } from "../../src/adapters/db/store.js";
import { withReadCache } from "../../src/adapters/cache/read-cache.js";
import { argon2PasswordHasher } from "../../src/adapters/crypto/argon2-password-hasher.js";
import { buildApp, type AppOptions } from "../../src/http/app.js";
import { createSecretBox } from "../../src/adapters/crypto/secret-box.js";
import { createDevOutboxMailer } from "../../src/adapters/email/dev-outbox-mailer.js";
import { buildInvite } from "../../src/adapters/email/ics.js";
import { startDeliveryJobs, type DeliveryJobs } from "../../src/adapters/jobs/delivery-jobs.js";
import { defaultChannels } from "../../src/main.js";
import type { DeliveryChannel } from "../../src/use-cases/deliveries/channel.js";
import { deliverQueued } from "../../src/use-cases/deliveries/deliver.js";
import type { DeliveryDeps } from "../../src/use-cases/deliveries/email-channel.js";
import { fanOutEvents } from "../../src/use-cases/deliveries/fan-out.js";
import type { Mailer } from "../../src/use-cases/ports.js";
import { pino } from "pino";
import { openTestDatabase, type EngineName } from "./engines.js";

export type TestApp = {
  app: FastifyInstance;
  database: Database;
  deps: DeliveryDeps;
  clock: { nowMs: number };
  close(): Promise<void>;
};

export const PUBLIC_URL = "http://convene.test";

export const TEST_SECRET_KEY = Buffer.alloc(32, 9).toString("base64");

export async function startTestApp(engine: EngineName, options: AppOptions & { mailer?: Mailer } = {}): Promise<TestApp> {
  const database = await openTestDatabase(engine);
  const store = withReadCache(createStore(database.db), { clock: Date.now });
  const deps: DeliveryDeps = {
    store,
    passwords: argon2PasswordHasher,
    secrets: createSecretBox(TEST_SECRET_KEY),
    mailer: options.mailer ?? createDevOutboxMailer(store.mailOutbox, "Convene <no-reply@convene.test>"),
    invites: { build: (facts, method) => buildInvite(facts, method, PUBLIC_URL) },
    publicUrl: PUBLIC_URL,
  };
  const clock = { nowMs: Date.parse("2026-11-20T12:00:00Z") };
  const app = await buildApp(
    { ...deps, clock: () => clock.nowMs, database },
    { rateLimits: { signInPerMinute: 1000, signUpPerMinute: 1000, slotReadsPerMinute: 1000 }, ...options },
  );
  return {
    app,
    database,
    deps,
    clock,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
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

/** The delivery queue on the test's database and clock, with Convene's channels unless told; the relay runs only when the test calls relayOnce. */
export function startTestJobs(t: TestApp, retry = { limit: 3, delaySeconds: 1 }, channels: readonly DeliveryChannel[] = defaultChannels(t.deps)): Promise<DeliveryJobs> {
  return startDeliveryJobs({
    database: t.database,
    fanOut: (nowMs) => fanOutEvents(t.deps.store, channels, nowMs),
    deliveries: t.deps.store.deliveries,
    deliver: (deliveryId, nowMs, attempt) => deliverQueued(t.deps.store, channels, deliveryId, nowMs, attempt),
    clock: () => t.clock.nowMs,
    logger: pino({ level: "silent" }),
    retry,
    relayIntervalMs: 0,
    pollingIntervalSeconds: 0.5,
  });
}
