// Booking race benchmark (`npm run bench -- booking-race`): starts `convene
// serve` on loopback against PostgreSQL, then fires N concurrent booking
// attempts at one host, mixed 30/60-minute meetings on a 15-minute grid with a
// 10-minute buffer after (the shape that used to deadlock). Prints the count of
// each answer, the bookings made and the most that could fit among the times
// asked for, and checks in the database that no two active holds of the host
// overlap. Exits 1 on any 5xx or overlap.
//   --attempts N (1000)  --hours N (48: the window the starts are drawn from; 4 crowds them)
//   --database-url postgres://… (or CONVENE_TEST_DATABASE_URL)
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { createScratchDatabase } from "../test/support/postgres-database.js";
import { call, startServer } from "./server.js";

const DURATIONS_MIN = [30, 60];
const GRID_MIN = 15;
const BUFFER_AFTER_MIN = 10;
const MS_PER_MIN = 60_000;

type Attempt = { startMs: number; durationMin: number };

/** Deterministic pseudo-random attempts, so runs are comparable. */
function attemptsOver(count: number, fromMs: number, hours: number): Attempt[] {
  let seed = 20_261_120;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  const gridStarts = (hours * 60) / GRID_MIN;
  return Array.from({ length: count }, () => ({
    startMs: fromMs + Math.floor(next() * gridStarts) * GRID_MIN * MS_PER_MIN,
    durationMin: DURATIONS_MIN[Math.floor(next() * DURATIONS_MIN.length)]!,
  }));
}

/** The most non-overlapping held ranges among the attempts (earliest end first is optimal for interval scheduling). */
function mostThatFit(attempts: Attempt[]): number {
  const held = [...new Map(attempts.map((a) => [`${a.startMs}/${a.durationMin}`, [a.startMs, a.startMs + (a.durationMin + BUFFER_AFTER_MIN) * MS_PER_MIN] as const])).values()];
  held.sort((a, b) => a[1] - b[1]);
  let count = 0;
  let freeFromMs = -Infinity;
  for (const [startMs, endMs] of held) {
    if (startMs >= freeFromMs) {
      count += 1;
      freeFromMs = endMs;
    }
  }
  return count;
}

async function withDatabase<T>(postgresUrl: string, run: (url: string) => Promise<T>): Promise<T> {
  const database = await createScratchDatabase(postgresUrl, "convene_race");
  try {
    return await run(database.url);
  } finally {
    await database.drop();
  }
}

async function overlappingHolds(url: string): Promise<{ overlaps: number; activeBookings: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const overlaps = await client.query<{ n: string }>(`
      select count(*) as n from booking_hosts a join booking_hosts b
        on a.host_user_id = b.host_user_id and a.booking_id < b.booking_id
       and tstzrange(a.busy_start_at, a.busy_end_at) && tstzrange(b.busy_start_at, b.busy_end_at)
     where a.is_active and b.is_active`);
    const active = await client.query<{ n: string }>(`select count(*) as n from bookings where status in ('scheduled', 'rescheduled')`);
    return { overlaps: Number(overlaps.rows[0]!.n), activeBookings: Number(active.rows[0]!.n) };
  } finally {
    await client.end();
  }
}

export async function main(argv: readonly string[]): Promise<number> {
  const { values: args } = parseArgs({
    args: [...argv],
    options: { attempts: { type: "string", default: "1000" }, hours: { type: "string", default: "48" }, "database-url": { type: "string" } },
  });
  const postgresUrl = args["database-url"] ?? process.env["CONVENE_TEST_DATABASE_URL"] ?? process.env["CONVENE_BENCH_DATABASE_URL"];
  if (!postgresUrl) {
    console.error("booking-race needs PostgreSQL: --database-url postgres://… or CONVENE_TEST_DATABASE_URL");
    return 2;
  }
  const count = Number(args.attempts);
  const hours = Number(args.hours);

  return withDatabase(postgresUrl, async (url) => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "convene-race-"));
    const { child, baseUrl } = await startServer({ CONVENE_DATA_DIR: dataDir, DATABASE_URL: url, CONVENE_SECRET_KEY: Buffer.alloc(32, 1).toString("base64"), CONVENE_WORKERS: "false" });
    try {
      await call(baseUrl, "POST", "/api/v1/auth/signup", { email: "race@example.com", password: "benchmark password", name: "Race Owner", organization: "Race", timeZone: "UTC" });
      const login = await fetch(`${baseUrl}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "race@example.com", password: "benchmark password" }) });
      const owner = { cookie: login.headers.get("set-cookie")!.split(";")[0]!, "x-csrf-token": ((await login.json()) as { csrfToken: string }).csrfToken };
      const link = await call(
        baseUrl,
        "POST",
        "/api/v1/links",
        {
          title: "Race",
          durationsMin: DURATIONS_MIN,
          slotIntervalMin: GRID_MIN,
          bufferAfterMin: BUFFER_AFTER_MIN,
          timeZone: "UTC",
          maxDaysAhead: 60,
          weeklyHours: [{ days: [0, 1, 2, 3, 4, 5, 6], start: "00:00", end: "24:00" }],
        },
        owner,
      );
      const bookingsUrl = `${baseUrl}${new URL(link.apiUrl).pathname}/bookings`;
      const fromMs = Math.ceil(Date.now() / 86_400_000) * 86_400_000 + 2 * 86_400_000;
      const attempts = attemptsOver(count, fromMs, hours);

      const startedMs = performance.now();
      const answers = await Promise.all(
        attempts.map(async (attempt, i) => {
          try {
            const response = await fetch(bookingsUrl, {
              method: "POST",
              headers: { "content-type": "application/json" },
              body: JSON.stringify({ start: new Date(attempt.startMs).toISOString(), durationMin: attempt.durationMin, timeZone: "UTC", name: "Racer", email: `racer${i}@example.com` }),
            });
            const body = (await response.json()) as { code?: string };
            return `${response.status}${response.status >= 300 ? ` ${body.code ?? ""}` : ""}`;
          } catch (error) {
            return `network error ${(error as Error).message}`;
          }
        }),
      );
      const elapsedMs = Math.round(performance.now() - startedMs);

      const counts = new Map<string, number>();
      for (const answer of answers) counts.set(answer, (counts.get(answer) ?? 0) + 1);
      const made = counts.get("201") ?? 0;
      const { overlaps, activeBookings } = await overlappingHolds(url);
      const failures = answers.filter((answer) => !answer.startsWith("201") && !answer.startsWith("409")).length;
      console.log(`booking-race: ${count} concurrent attempts (${DURATIONS_MIN.join("/")} min, ${GRID_MIN}-min grid, ${BUFFER_AFTER_MIN}-min buffer) over ${hours} h on one host, ${elapsedMs} ms`);
      for (const [answer, n] of [...counts].sort((a, b) => b[1] - a[1])) console.log(`  ${answer.padEnd(24)} ${n}`);
      console.log(`  bookings made ${made} (in the database: ${activeBookings}); most that fit among the times asked: ${mostThatFit(attempts)}`);
      console.log(`  overlapping holds: ${overlaps}; answers other than 201/409: ${failures}`);
      return overlaps === 0 && failures === 0 && activeBookings === made ? 0 : 1;
    } finally {
      child.kill("SIGTERM");
      await new Promise((resolve) => child.on("exit", resolve));
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
}
