// HTTP benchmark (`npm run bench -- http`): starts `convene serve` as its own
// process on loopback (embedded PGlite, and PostgreSQL when a URL is given),
// then drives it with autocannon: slots for a 30-day window, and bookings of
// distinct free slots. Reports req/s, p50 and p99 per engine.
//   --connections N (50)  --seconds N (10)  --database-url postgres://… (or CONVENE_BENCH_DATABASE_URL)
import autocannon from "autocannon";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { call, startServer } from "./server.js";

type Options = { connections: number; seconds: number; postgresUrl: string | undefined };

type Figures = { requestsPerSecond: number; p50Ms: number; p99Ms: number; ok: number; other: number };

function figuresOf(result: autocannon.Result): Figures {
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    ok: result["2xx"],
    other: result.non2xx + result.errors + result.timeouts,
  };
}

async function benchEngine(engine: "pglite" | "postgres", { connections, seconds, postgresUrl }: Options): Promise<{ slots: Figures; bookings: Figures }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "convene-bench-"));
  let dropDatabase = async () => undefined as void;
  const env: Record<string, string> = { CONVENE_DATA_DIR: dataDir };
  if (engine === "postgres") {
    const name = `convene_bench_${Date.now()}`;
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(postgresUrl!);
    url.pathname = `/${name}`;
    Object.assign(env, { DATABASE_URL: url.toString(), CONVENE_SECRET_KEY: Buffer.alloc(32, 1).toString("base64") });
    dropDatabase = async () => {
      const client = new pg.Client({ connectionString: postgresUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    };
  }
  const { child, baseUrl } = await startServer(env);
  try {
    const signup = await call(baseUrl, "POST", "/api/v1/auth/signup", {
      email: "bench@example.com", password: "benchmark password", name: "Bench Owner", organization: "Bench", timeZone: "America/New_York",
    });
    void signup;
    const login = await fetch(`${baseUrl}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "bench@example.com", password: "benchmark password" }) });
    const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const owner = { cookie, "x-csrf-token": csrfToken };
    const slotsLink = await call(baseUrl, "POST", "/api/v1/links", { title: "Slots", durationsMin: [30], slotIntervalMin: 30, timeZone: "America/New_York", maxDaysAhead: 60, bufferAfterMin: 10 }, owner);
    const slotsPath = new URL(slotsLink.apiUrl).pathname;
    const fromMs = Math.ceil(Date.now() / 86_400_000) * 86_400_000 + 86_400_000;
    // A realistic calendar: book every third free slot of the window first.
    const initial = await call(baseUrl, "GET", `${slotsPath}/slots?from=${new Date(fromMs).toISOString()}&to=${new Date(fromMs + 30 * 86_400_000).toISOString()}`);
    const starts: string[] = initial.days.flatMap((day: { slots: { start: string }[] }) => day.slots.map((slot) => slot.start)).filter((_: string, i: number) => i % 3 === 0);
    for (const [i, start] of starts.entries()) {
      await call(baseUrl, "POST", `${slotsPath}/bookings`, { start, durationMin: 30, timeZone: "Europe/London", name: "Warm Up", email: `warm${i}@example.com` });
    }
    const slotsUrl = `${baseUrl}${slotsPath}/slots?from=${new Date(fromMs).toISOString()}&to=${new Date(fromMs + 30 * 86_400_000).toISOString()}&timeZone=Europe/London`;
    await autocannon({ url: slotsUrl, connections: 5, duration: 2 }); // warm-up
    const slots = figuresOf(await autocannon({ url: slotsUrl, connections, duration: seconds }));

    // Bookings: around the clock in 5-minute slots, each request a distinct start.
    const bookingLink = await call(
      baseUrl,
      "POST",
      "/api/v1/links",
      { title: "Bookings", durationsMin: [5], slotIntervalMin: 5, timeZone: "UTC", maxDaysAhead: 366, weeklyHours: [{ days: [0, 1, 2, 3, 4, 5, 6], start: "00:00", end: "24:00" }] },
      owner,
    );
    const bookingPath = `${new URL(bookingLink.apiUrl).pathname}/bookings`;
    let next = 0;
    const refusals = new Map<string, number>();
    const bookings = figuresOf(
      await autocannon({
        url: baseUrl,
        connections,
        duration: seconds,
        requests: [
          {
            method: "POST",
            path: bookingPath,
            headers: { "content-type": "application/json" },
            setupRequest: (request) => {
              // After the slots window, whose warm-up bookings hold the same host.
              const start = new Date(fromMs + 31 * 86_400_000 + next++ * 5 * 60_000).toISOString();
              return { ...request, body: JSON.stringify({ start, durationMin: 5, timeZone: "UTC", name: "Load", email: `load${next}@example.com` }) };
            },
            onResponse: (status: number, body: string) => {
              if (status >= 300) {
                const code = `${status} ${(JSON.parse(body) as { code?: string }).code ?? ""}`;
                refusals.set(code, (refusals.get(code) ?? 0) + 1);
              }
            },
          },
        ],
      }),
    );
    if (refusals.size > 0) console.log(`${engine}: booking refusals ${JSON.stringify(Object.fromEntries(refusals))}`);
    return { slots, bookings };
  } finally {
    child.kill("SIGTERM");
    await new Promise((resolve) => child.on("exit", resolve));
    await dropDatabase();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function main(argv: readonly string[]): Promise<number> {
  const { values: args } = parseArgs({
    args: [...argv],
    options: { connections: { type: "string", default: "50" }, seconds: { type: "string", default: "10" }, "database-url": { type: "string" } },
  });
  const options: Options = {
    connections: Number(args.connections),
    seconds: Number(args.seconds),
    postgresUrl: args["database-url"] ?? process.env["CONVENE_BENCH_DATABASE_URL"],
  };
  const { connections, seconds, postgresUrl } = options;
  const engines: ("pglite" | "postgres")[] = postgresUrl ? ["pglite", "postgres"] : ["pglite"];
  if (!postgresUrl) console.log("PostgreSQL: skipped (pass --database-url or set CONVENE_BENCH_DATABASE_URL)");
  console.log(`${connections} connections, ${seconds} s per run\n`);
  console.log("engine    route      req/s    p50 ms  p99 ms   2xx      other");
  for (const engine of engines) {
    const figures = await benchEngine(engine, options);
    for (const [route, f] of Object.entries(figures)) {
      console.log(`${engine.padEnd(9)} ${route.padEnd(9)} ${String(f.requestsPerSecond).padStart(6)}  ${String(f.p50Ms).padStart(7)} ${String(f.p99Ms).padStart(7)}  ${String(f.ok).padStart(6)}  ${String(f.other).padStart(6)}`);
    }
  }
  console.log("\nTargets: slots p99 ≤ 50 ms at 50 connections; bookings ≥ 200/s on PostgreSQL.");
  return 0;
}

if (process.argv[1] === import.meta.filename) process.exitCode = await main(process.argv.slice(2));
