// Calendar benchmark for Google and Microsoft (`npm run bench -- calendars
// --provider google|microsoft`): a Convene server connected through OAuth to
// the local fake of the provider (test/fakes/), holding 3 calendars of N
// events each. Measures, like the CalDAV run in calendars.ts:
//   1. connect: consent → callback → calendar list → 3 full syncs, until the
//      callback's redirect answers;
//   2. slot reads at N connections (p50/p99), counting every request that
//      reaches the provider meanwhile (the fake's request log; target zero);
//   3. freshness: an event added at the provider → the slot it covers gone,
//      by push (Google channel / Graph subscription to Convene's push route).
import autocannon from "autocannon";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startGoogleFake } from "../test/fakes/google/google-fake.js";
import { startMicrosoftFake } from "../test/fakes/microsoft/microsoft-fake.js";
import { createScratchDatabase } from "../test/support/postgres-database.js";
import { seededRandom } from "./seeded-random.js";
import { call, freePort, slotStarts, startServer } from "./server.js";

const DAY_MS = 86_400_000;
const EMAIL = "bench@example.com";
const CLIENT = { clientId: "convene-bench", clientSecret: "bench-secret" };

/** What the benchmark needs of a provider's fake. */
type ProviderFake = {
  env: Record<string, string>;
  /** Adds a busy event [startMs, endMs) to calendar `index`, notifying push subscribers as the provider does. */
  addEvent(index: number, startMs: number, endMs: number, summary: string): void;
  requestCount(): number;
  stop(): Promise<void>;
};

async function googleFake(redirectUri: string): Promise<ProviderFake> {
  const fake = await startGoogleFake({ client: { ...CLIENT, redirectUris: [redirectUri] }, allowHttpWebhooks: true });
  fake.addUser(EMAIL, { timeZone: "UTC" });
  fake.addCalendar(EMAIL, { id: "work-1@group.calendar.google.com", summary: "Work 1", timeZone: "UTC" });
  fake.addCalendar(EMAIL, { id: "work-2@group.calendar.google.com", summary: "Work 2", timeZone: "UTC" });
  fake.setConsentingUser(EMAIL);
  const ids = [EMAIL, "work-1@group.calendar.google.com", "work-2@group.calendar.google.com"];
  return {
    env: { GOOGLE_CLIENT_ID: CLIENT.clientId, GOOGLE_CLIENT_SECRET: CLIENT.clientSecret, GOOGLE_AUTH_URL: fake.authUrl, GOOGLE_TOKEN_URL: fake.tokenUrl, GOOGLE_API_URL: new URL(fake.apiUrl).origin, GOOGLE_PEOPLE_API_URL: new URL(fake.apiUrl).origin },
    addEvent: (index, startMs, endMs, summary) => {
      fake.putEvent(ids[index]!, { summary, start: { dateTime: new Date(startMs).toISOString() }, end: { dateTime: new Date(endMs).toISOString() } });
    },
    requestCount: () => fake.requests().length,
    stop: () => fake.stop(),
  };
}

async function microsoftFake(redirectUri: string): Promise<ProviderFake> {
  const fake = await startMicrosoftFake({ clients: [{ ...CLIENT, redirectUris: [redirectUri] }] });
  const user = fake.addUser({ mail: EMAIL, displayName: "Bench Owner" });
  fake.signInAs(user.id);
  const calendars = [fake.addCalendar(user.id, { name: "Calendar", isDefaultCalendar: true }), fake.addCalendar(user.id, { name: "Work 1" }), fake.addCalendar(user.id, { name: "Work 2" })];
  return {
    env: { MICROSOFT_CLIENT_ID: CLIENT.clientId, MICROSOFT_CLIENT_SECRET: CLIENT.clientSecret, MICROSOFT_AUTHORITY_URL: fake.authorityUrl, MICROSOFT_GRAPH_URL: fake.graphUrl },
    addEvent: (index, startMs, endMs, summary) => {
      const calendarId = calendars[index]!.id;
      const eventId = fake.addEvent(calendarId, { subject: summary, start: new Date(startMs).toISOString(), end: new Date(endMs).toISOString() });
      // Graph notifies each subscription on the calendar's events (the fake sends what a test asks it to).
      for (const subscription of fake.subscriptions().filter((candidate) => String(candidate.resource).includes(calendarId))) {
        void fake.sendChangeNotification(String(subscription.id), "created", eventId);
      }
    },
    requestCount: () => fake.requests.length,
    stop: () => fake.stop(),
  };
}

/** Single meetings over the coming months in working hours (the providers expand recurrences themselves: singleEvents, calendarView). */
function seed(fake: ProviderFake, eventsPerCalendar: number, nowMs: number): void {
  for (let c = 0; c < 3; c++) {
    const next = seededRandom(2000 + c);
    for (let i = 0; i < eventsPerCalendar; i++) {
      const dayOffset = Math.floor(next() * 240) - 30;
      const startMs = Math.floor((nowMs + dayOffset * DAY_MS) / DAY_MS) * DAY_MS + (13 + Math.floor(next() * 8)) * 3_600_000 + (next() < 0.5 ? 0 : 1_800_000);
      fake.addEvent(c, startMs, startMs + (next() < 0.7 ? 30 : 60) * 60_000, `Meeting ${i}`);
    }
  }
}

/** Follows the OAuth redirects as a browser would, carrying the Convene session cookie to Convene only. */
async function connect(baseUrl: string, provider: string, cookie: string): Promise<string> {
  let url = `${baseUrl}/api/v1/calendars/connect/${provider}`;
  for (let hops = 0; hops < 5; hops++) {
    const response = await fetch(url, { redirect: "manual", headers: url.startsWith(baseUrl) ? { cookie } : {} });
    const location = response.headers.get("location");
    if (!location) throw new Error(`${url} answered ${response.status} without a redirect: ${await response.text()}`);
    const target = new URL(location, url);
    if (target.pathname === "/dashboard/calendars") {
      const connected = target.searchParams.get("connected");
      if (!connected) throw new Error(`connecting failed: ${target.search}`);
      return connected;
    }
    url = target.toString();
  }
  throw new Error("too many redirects while connecting");
}

export async function runOAuthCalendarBench(args: { provider: "google" | "microsoft"; connections: number; seconds: number; events: number; databaseUrl: string | undefined }): Promise<number> {
  const nowMs = Date.now();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const fake = args.provider === "google" ? await googleFake(`${baseUrl}/api/v1/calendars/callback/google`) : await microsoftFake(`${baseUrl}/api/v1/calendars/callback/microsoft`);
  const dataDir = mkdtempSync(path.join(tmpdir(), "convene-oauth-bench-"));
  const database = args.databaseUrl ? await createScratchDatabase(args.databaseUrl, "convene_oauth_bench") : null;
  const env: Record<string, string> = { ...fake.env, PORT: String(port), CONVENE_DATA_DIR: dataDir, RATE_LIMIT_SIGN_IN_PER_MINUTE: "1000", CALENDAR_SYNC_INTERVAL_SECONDS: "3600" };
  if (database) Object.assign(env, { DATABASE_URL: database.url, CONVENE_SECRET_KEY: Buffer.alloc(32, 1).toString("base64") });
  console.log(`Engine: ${database ? "PostgreSQL" : "PGlite (pass --database-url for PostgreSQL)"}; ${args.provider} fake, 3 × ${args.events} events`);
  seed(fake, args.events, nowMs);
  const server = await startServer(env, { fromSources: true });
  try {
    await call(baseUrl, "POST", "/api/v1/auth/signup", { email: EMAIL, password: "benchmark password", name: "Bench Owner", organization: "Bench", timeZone: "UTC" });
    const login = await fetch(`${baseUrl}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: EMAIL, password: "benchmark password" }) });
    const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const headers = { cookie, "x-csrf-token": csrfToken };
    const link = await call(
      baseUrl,
      "POST",
      "/api/v1/links",
      { title: "Bench", durationsMin: [30], slotIntervalMin: 30, timeZone: "UTC", maxDaysAhead: 60, weeklyHours: [{ days: [1, 2, 3, 4, 5], start: "13:00", end: "22:00" }] },
      headers,
    );
    const fromMs = Math.ceil(nowMs / DAY_MS) * DAY_MS + DAY_MS;
    const slotsUrl = `${baseUrl}${new URL(link.apiUrl).pathname}/slots?from=${new Date(fromMs).toISOString()}&to=${new Date(fromMs + 30 * DAY_MS).toISOString()}`;
    const freeBefore = (await slotStarts(slotsUrl)).length;

    const connectStartMs = performance.now();
    const connectionId = await connect(baseUrl, args.provider, cookie);
    const initialSyncMs = performance.now() - connectStartMs;
    const connection = await call(baseUrl, "GET", `/api/v1/calendars/${connectionId}`, undefined, headers);
    const freeAfter = (await slotStarts(slotsUrl)).length;
    console.log(`\n1. Connect (consent + code exchange + calendar list + 3 full syncs): ${(initialSyncMs / 1000).toFixed(2)} s; status ${connection.status}, ${connection.calendars.length} calendars`);
    console.log(`   30-day window: ${freeBefore} free slots before, ${freeAfter} after`);

    for (let i = 0; i < 3; i++) await (await fetch(slotsUrl)).arrayBuffer();
    console.log(`\n2. Slot reads, ${args.connections} connections × ${args.seconds} s (30-day window; p99 target ≤ 25 ms, zero provider requests):`);
    const requestsBefore = fake.requestCount();
    const result = await autocannon({ url: slotsUrl, connections: args.connections, duration: args.seconds });
    console.log(
      `   ${Math.round(result.requests.average)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${result["2xx"]} ok, ${result.non2xx + result.errors + result.timeouts} other; provider requests meanwhile: ${fake.requestCount() - requestsBefore}`,
    );

    const freshnessMs: number[] = [];
    for (let round = 0; round < 3; round++) {
      const free = await slotStarts(slotsUrl);
      const target = free[Math.floor(free.length / 2) + round]!;
      const changedAtMs = performance.now();
      fake.addEvent(0, Date.parse(target), Date.parse(target) + 30 * 60_000, `Fresh ${round}`);
      for (;;) {
        if (!(await slotStarts(slotsUrl)).includes(target)) break;
        if (performance.now() - changedAtMs > 60_000) throw new Error("the change did not reach the slots within a minute (is push working?)");
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      freshnessMs.push(performance.now() - changedAtMs);
    }
    console.log(`\n3. Change at the provider → changed slots, by push (sync interval 1 h): ${freshnessMs.map((ms) => `${(ms / 1000).toFixed(2)} s`).join(", ")} (target: seconds)`);
    return 0;
  } finally {
    server.child.kill("SIGTERM");
    await new Promise((resolve) => server.child.on("exit", resolve));
    await fake.stop();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
