// Calendar benchmark (`npm run bench -- calendars`): a Convene server on
// PostgreSQL (PGlite when no URL is given) connected over CalDAV to a real
// Radicale holding 3 calendars of 2,000 events each, a third of them
// recurring. Measures:
//   1. the initial sync: POST /calendars/caldav until it answers (discovery,
//      3 full syncs, expansion, storing the busy time);
//   2. slot reads at N connections (p50/p99), counting every request that
//      reaches the calendar server meanwhile (a counting proxy sits in front
//      of Radicale; the target is zero);
//   3. freshness: with CALENDAR_SYNC_INTERVAL_SECONDS=5, the time from an
//      event added on the server to the slot it covers disappearing.
//   --database-url postgres://… (or CONVENE_BENCH_DATABASE_URL)  --connections N (50)  --seconds N (10)  --events N (2000)
//   --provider caldav (default) | google | microsoft (calendars-oauth.ts: the same figures against the providers' local fakes)
import autocannon from "autocannon";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, request as httpRequest, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createScratchDatabase } from "../test/support/postgres-database.js";
import { startRadicale, type RadicaleServer } from "../test/support/radicale.js";
import { runOAuthCalendarBench } from "./calendars-oauth.js";
import { seededRandom } from "./seeded-random.js";
import { call, slotStarts, startServer } from "./server.js";

const DAY_MS = 86_400_000;
const USER = "bench";
const PASSWORD = "bench-password";

const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
const local = (ms: number) => stamp(ms).replace("Z", "");

/**
 * The events of one calendar: single meetings over the coming months, and a
 * third recurring (weekly with an end, daily runs, monthly) with exceptions,
 * written with a TZID as calendar apps write them.
 */
function calendarText(calendarIndex: number, count: number, nowMs: number): string {
  const next = seededRandom(1000 + calendarIndex);
  const events: string[] = [];
  for (let i = 0; i < count; i++) {
    const uid = `bench-${calendarIndex}-${i}@example.com`;
    const dayOffset = Math.floor(next() * 240) - 60;
    const startMs = Math.floor((nowMs + dayOffset * DAY_MS) / DAY_MS) * DAY_MS + (13 + Math.floor(next() * 8)) * 3_600_000 + (next() < 0.5 ? 0 : 1_800_000);
    const endMs = startMs + (next() < 0.7 ? 30 : 60) * 60_000;
    const lines = [`UID:${uid}`, `DTSTAMP:${stamp(nowMs)}`, `SUMMARY:Meeting ${i}`];
    if (i % 3 === 0) {
      const kind = i % 9;
      lines.push(`DTSTART;TZID=America/New_York:${local(startMs - 5 * 3_600_000)}`, `DTEND;TZID=America/New_York:${local(endMs - 5 * 3_600_000)}`);
      lines.push(kind < 3 ? `RRULE:FREQ=WEEKLY;COUNT=${4 + (i % 10)}` : kind < 6 ? "RRULE:FREQ=DAILY;COUNT=5" : "RRULE:FREQ=MONTHLY;COUNT=6");
      if (kind % 2 === 0) lines.push(`EXDATE;TZID=America/New_York:${local(startMs - 5 * 3_600_000 + 7 * DAY_MS)}`);
    } else {
      lines.push(`DTSTART:${stamp(startMs)}`, `DTEND:${stamp(endMs)}`);
      if (i % 17 === 0) lines.push("TRANSP:TRANSPARENT");
    }
    events.push(["BEGIN:VEVENT", ...lines, "END:VEVENT"].join("\r\n"));
  }
  return ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Convene bench//EN", `X-WR-CALNAME:Work ${calendarIndex}`, ...events, "END:VCALENDAR", ""].join("\r\n");
}

/** Radicale takes a whole calendar in one PUT on the collection (one object per UID): far faster than 2,000 PUTs. */
async function upload(radicale: RadicaleServer, calendarPath: string, ics: string): Promise<void> {
  const response = await radicale.request(USER, "PUT", calendarPath, { body: ics, headers: { "content-type": "text/calendar" } });
  if (response.status >= 300) throw new Error(`PUT ${calendarPath}: ${response.status} ${await response.text()}`);
}

/** A reverse proxy to Radicale that counts the requests passing through. */
async function countingProxy(targetUrl: string): Promise<{ url: string; count: () => number; reset(): void; close(): Promise<void> }> {
  const target = new URL(targetUrl);
  let count = 0;
  const server: Server = createServer((req, res) => {
    count += 1;
    const forward = httpRequest({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on("error", () => res.writeHead(502).end());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, count: () => count, reset: () => (count = 0), close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function signIn(baseUrl: string, isNew: boolean) {
  if (isNew) await call(baseUrl, "POST", "/api/v1/auth/signup", { email: "bench@example.com", password: "benchmark password", name: "Bench Owner", organization: "Bench", timeZone: "UTC" });
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "bench@example.com", password: "benchmark password" }) });
  const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return { cookie, "x-csrf-token": csrfToken };
}

export async function main(argv: readonly string[]): Promise<number> {
  const { values: args } = parseArgs({
    args: [...argv],
    options: {
      connections: { type: "string", default: "50" },
      seconds: { type: "string", default: "10" },
      events: { type: "string", default: "2000" },
      "database-url": { type: "string" },
      provider: { type: "string", default: "caldav" },
    },
  });
  const postgresUrl = args["database-url"] ?? process.env["CONVENE_BENCH_DATABASE_URL"];
  if (args.provider === "google" || args.provider === "microsoft") {
    return runOAuthCalendarBench({ provider: args.provider, connections: Number(args.connections), seconds: Number(args.seconds), events: Number(args.events), databaseUrl: postgresUrl });
  }
  if (args.provider !== "caldav") throw new Error(`--provider must be caldav, google or microsoft (got ${args.provider})`);
  const eventsPerCalendar = Number(args.events);
  const nowMs = Date.now();
  const dataDir = mkdtempSync(path.join(tmpdir(), "convene-calendar-bench-"));
  const database = postgresUrl ? await createScratchDatabase(postgresUrl, "convene_calendar_bench") : null;
  const radicale = await startRadicale({ users: { [USER]: PASSWORD } });
  const proxy = await countingProxy(radicale.url);
  const env: Record<string, string> = { CONVENE_DATA_DIR: dataDir, RATE_LIMIT_SIGN_IN_PER_MINUTE: "1000", CALENDAR_ALLOW_PRIVATE_URLS: "true", CALENDAR_SYNC_INTERVAL_SECONDS: "3600" };
  if (database) Object.assign(env, { DATABASE_URL: database.url, CONVENE_SECRET_KEY: Buffer.alloc(32, 1).toString("base64") });
  console.log(`Engine: ${database ? "PostgreSQL" : "PGlite (pass --database-url for PostgreSQL)"}; Radicale at ${radicale.url}`);
  let server = await startServer(env, { fromSources: true });
  try {
    const uploadStartMs = performance.now();
    for (let c = 0; c < 3; c++) {
      await upload(radicale, `/${USER}/work-${c}/`, calendarText(c, eventsPerCalendar, nowMs));
    }
    console.log(`Uploaded 3 × ${eventsPerCalendar} events (a third recurring) to Radicale in ${((performance.now() - uploadStartMs) / 1000).toFixed(1)} s`);

    const headers = await signIn(server.baseUrl, true);
    const link = await call(
      server.baseUrl,
      "POST",
      "/api/v1/links",
      { title: "Bench", durationsMin: [30], slotIntervalMin: 30, timeZone: "UTC", maxDaysAhead: 60, weeklyHours: [{ days: [1, 2, 3, 4, 5], start: "13:00", end: "22:00" }] },
      headers,
    );
    const fromMs = Math.ceil(nowMs / DAY_MS) * DAY_MS + DAY_MS;
    const slotsUrl = `${server.baseUrl}${new URL(link.apiUrl).pathname}/slots?from=${new Date(fromMs).toISOString()}&to=${new Date(fromMs + 30 * DAY_MS).toISOString()}`;
    const freeBefore = (await slotStarts(slotsUrl)).length;

    const connectStartMs = performance.now();
    const connection = await call(server.baseUrl, "POST", "/api/v1/calendars/caldav", { serverUrl: proxy.url, username: USER, password: PASSWORD }, headers);
    const initialSyncMs = performance.now() - connectStartMs;
    const freeAfter = (await slotStarts(slotsUrl)).length;
    console.log(`\n1. Initial sync (connect + discovery + 3 full syncs + expansion): ${(initialSyncMs / 1000).toFixed(2)} s; status ${connection.status}, ${connection.calendars.length} calendars`);
    console.log(`   30-day window: ${freeBefore} free slots before, ${freeAfter} after`);

    for (let i = 0; i < 3; i++) await (await fetch(slotsUrl)).arrayBuffer();
    console.log(`\n2. Slot reads, ${args.connections} connections × ${args.seconds} s each (30-day window; p99 target ≤ 25 ms, zero calendar server requests):`);
    // As fast as the connections can go: the load generator shares this machine's cores with the server.
    proxy.reset();
    const result = await autocannon({ url: slotsUrl, connections: Number(args.connections), duration: Number(args.seconds) });
    console.log(
      `   ${Math.round(result.requests.average)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${result["2xx"]} ok, ${result.non2xx + result.errors + result.timeouts} other; calendar server requests meanwhile: ${proxy.count()}`,
    );

    // Freshness: the same database, a node syncing every 5 seconds.
    server.child.kill("SIGTERM");
    await new Promise((resolve) => server.child.on("exit", resolve));
    server = await startServer({ ...env, CALENDAR_SYNC_INTERVAL_SECONDS: "5" }, { fromSources: true });
    const freshSlotsUrl = slotsUrl.replace(/^http:\/\/127\.0\.0\.1:\d+/, server.baseUrl);
    const freshnessMs: number[] = [];
    for (let round = 0; round < 3; round++) {
      const free = await slotStarts(freshSlotsUrl);
      const target = free[Math.floor(free.length / 2) + round]!;
      const startMs = Date.parse(target);
      const uid = `fresh-${round}@example.com`;
      const ics = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Convene bench//EN", "BEGIN:VEVENT", `UID:${uid}`, `DTSTAMP:${stamp(Date.now())}`, `DTSTART:${stamp(startMs)}`, `DTEND:${stamp(startMs + 30 * 60_000)}`, "END:VEVENT", "END:VCALENDAR", ""].join("\r\n");
      const changedAtMs = performance.now();
      const put = await radicale.request(USER, "PUT", `/${USER}/work-0/${uid}.ics`, { body: ics, headers: { "content-type": "text/calendar" } });
      if (put.status >= 300) throw new Error(`PUT ${uid}: ${put.status}`);
      for (;;) {
        if (!(await slotStarts(freshSlotsUrl)).includes(target)) break;
        if (performance.now() - changedAtMs > 60_000) throw new Error("the change did not reach the slots within a minute");
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      freshnessMs.push(performance.now() - changedAtMs);
    }
    console.log(`\n3. Change on the server → changed slots, sync interval 5 s: ${freshnessMs.map((ms) => `${(ms / 1000).toFixed(1)} s`).join(", ")} (target ≤ 10 s)`);
    return 0;
  } finally {
    server.child.kill("SIGTERM");
    await new Promise((resolve) => server.child.on("exit", resolve));
    await proxy.close();
    await radicale.close();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] === import.meta.filename) process.exitCode = await main(process.argv.slice(2));
