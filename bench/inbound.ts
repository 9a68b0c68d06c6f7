// Inbound and leads benchmark (`npm run bench -- inbound`): starts `convene
// serve` on loopback against PostgreSQL (or the embedded PGlite without a URL)
// and measures what issue 15 asks for:
//   1. Cal.com webhook deliveries at 50 concurrent connections, each sent twice
//      (providers retry): p50/p99 of the answers, and in the database every
//      delivery processed exactly once (one booking each, duplicates counted);
//   2. a 100,000-row CSV lead import: seconds, and the server's peak RSS;
//   3. the funnel on 100,000 leads and 20,000 matched bookings: p50/p99 ms.
//   --deliveries N (2000)  --connections N (50)  --leads N (100000)  --bookings N (20000)
//   --database-url postgres://… (or CONVENE_TEST_DATABASE_URL; without one, PGlite and no database checks)
import { readFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { calcomDelivery, signedCalcom } from "../test/fakes/calcom/calcom-deliveries.js";
import { createScratchDatabase } from "../test/support/postgres-database.js";
import { call, startServer } from "./server.js";

const percentile = (sortedMs: number[], p: number) => sortedMs[Math.min(sortedMs.length - 1, Math.floor((p / 100) * sortedMs.length))]!;
const round = (ms: number) => Math.round(ms * 10) / 10;

/** Peak resident memory of a process so far (Linux: VmHWM), in MB. */
function peakRssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((entry) => entry.startsWith("VmHWM:"))!;
  return Math.round(Number(line.replace(/\D+/g, "")) / 1024);
}

/** Runs `tasks` with at most `concurrency` in flight; returns each one's latency in ms. */
async function timedPool(tasks: (() => Promise<void>)[], concurrency: number): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < tasks.length) {
        const task = tasks[next++]!;
        const startedMs = performance.now();
        await task();
        latencies.push(performance.now() - startedMs);
      }
    }),
  );
  return latencies.sort((a, b) => a - b);
}

async function signIn(baseUrl: string) {
  await call(baseUrl, "POST", "/api/v1/auth/signup", { email: "inbound@example.com", password: "benchmark password", name: "Inbound Owner", organization: "Inbound", timeZone: "UTC" });
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "inbound@example.com", password: "benchmark password" }) });
  return { cookie: login.headers.get("set-cookie")!.split(";")[0]!, "x-csrf-token": ((await login.json()) as { csrfToken: string }).csrfToken };
}

async function webhooks(baseUrl: string, owner: Record<string, string>, count: number, connections: number) {
  const made = await call(baseUrl, "POST", "/api/v1/inbound-sources", { provider: "calcom", name: "Bench Cal.com" }, owner);
  const webhookUrl = `${baseUrl}${new URL(made.webhookUrl).pathname}`;
  const startMs = Date.UTC(2027, 0, 4, 9);
  const deliveries = Array.from({ length: count }, (_, i) =>
    signedCalcom(
      calcomDelivery.created(
        { uid: `bench-${i}`, startTime: new Date(startMs + i * 3_600_000).toISOString(), endTime: new Date(startMs + i * 3_600_000 + 1_800_000).toISOString(), attendeeEmail: `invitee${i}@example.com`, attendeeName: `Invitee ${i}` },
        new Date(startMs - 86_400_000).toISOString(),
      ),
      made.signingSecret,
    ),
  );
  const answers = new Map<string, number>();
  // Every delivery twice, the retry right behind the first: the exactly-once path under load.
  const tasks = [...deliveries, ...deliveries].map((delivery) => async () => {
    const response = await fetch(webhookUrl, { method: "POST", headers: delivery.headers, body: delivery.body });
    const status = response.ok ? ((await response.json()) as { status: string }).status : String(response.status);
    answers.set(status, (answers.get(status) ?? 0) + 1);
  });
  const latencies = await timedPool(tasks, connections);
  return { sourceId: made.source.id as string, latencies, answers };
}

async function leadImport(baseUrl: string, owner: Record<string, string>, rows: number, serverPid: number) {
  const lines = ["email,name,company,title,campaign"];
  for (let i = 0; i < rows; i++) lines.push(`lead${i}@company${i % 5000}.example,Lead ${i},Company ${i % 5000},Buyer,Campaign ${i % 10}`);
  const csv = lines.join("\n");
  const startedMs = performance.now();
  const response = await fetch(`${baseUrl}/api/v1/leads/import`, { method: "POST", headers: { ...owner, "content-type": "text/csv" }, body: csv });
  const seconds = (performance.now() - startedMs) / 1000;
  const report = (await response.json()) as { created?: number; code?: string };
  if (!response.ok) throw new Error(`import: ${response.status} ${JSON.stringify(report)}`);
  return { seconds, created: report.created ?? 0, megabytes: Math.round(csv.length / 1e5) / 10, peakRssMb: peakRssMb(serverPid) };
}

/** Outreach events for every lead and bookings matched to `bookings` of them, written in SQL: the funnel reads what the API would have written. */
async function seedFunnel(url: string, bookings: number, sourceId: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`
      insert into lead_events (tenant_id, lead_id, client_id, type, at)
      select l.tenant_id, l.id, 'seed-' || t.type || '-' || l.id, t.type, now() - interval '3 days'
        from (select *, row_number() over (order by id) as n from leads) l
        join (values ('sent', 1), ('delivered', 2), ('replied', 5), ('interested', 10)) as t(type, every) on l.n % t.every = 0`);
    await client.query(`
      with picked as (select id, tenant_id, email, row_number() over (order by id) as n from leads limit ${bookings})
      insert into bookings (id, tenant_id, source, inbound_source_id, start_at, end_at, duration_min, status, invitee_name, invitee_email, invitee_time_zone, answers, guests, manage_token_hash, created_at)
      select gen_random_uuid(), tenant_id, 'calcom', '${sourceId}', now() - interval '2 days' + n * interval '1 minute', now() - interval '2 days' + n * interval '1 minute' + interval '30 minutes', 30,
             (array['completed', 'no_show', 'scheduled', 'cancelled'])[1 + n % 4], 'Seeded', email, 'UTC', '{}', '{}', 'seed-' || id, now() - interval '2 days'
        from picked`);
    await client.query(`
      insert into booking_leads (booking_id, lead_id, tenant_id, attendee_email, matched_by, matched_at)
      select b.id, l.id, b.tenant_id, b.invitee_email, 'email', now() from bookings b join leads l on l.tenant_id = b.tenant_id and l.email = b.invitee_email where b.answers = '{}' and b.invitee_name = 'Seeded'`);
    await client.query(`update leads l set latest_booking_id = bl.booking_id from booking_leads bl where bl.lead_id = l.id`);
    await client.query("analyze");
  } finally {
    await client.end();
  }
}

async function funnelTimes(baseUrl: string, owner: Record<string, string>, runs: number) {
  const from = new Date(Date.now() - 7 * 86_400_000).toISOString();
  const to = new Date(Date.now() + 86_400_000).toISOString();
  let totals: Record<string, unknown> = {};
  const latencies = await timedPool(
    Array.from({ length: runs }, () => async () => {
      totals = (await call(baseUrl, "GET", `/api/v1/funnel?from=${from}&to=${to}`, undefined, owner)).totals;
    }),
    1,
  );
  return { latencies, totals };
}

async function databaseCounts(url: string, sourceId: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const bookings = await client.query<{ n: string }>(`select count(*) as n from bookings where inbound_source_id = $1`, [sourceId]);
    const events = await client.query<{ n: string }>(`select count(*) as n from booking_events e join bookings b on b.id = e.booking_id where b.inbound_source_id = $1`, [sourceId]);
    const deliveries = await client.query<{ outcome: string; n: string; received: string }>(
      `select outcome, count(*) as n, sum(received_count) as received from inbound_deliveries where source_id = $1 group by outcome`,
      [sourceId],
    );
    return { bookings: Number(bookings.rows[0]!.n), events: Number(events.rows[0]!.n), deliveries: deliveries.rows };
  } finally {
    await client.end();
  }
}

export async function main(argv: readonly string[]): Promise<number> {
  const { values: args } = parseArgs({
    args: [...argv],
    options: {
      deliveries: { type: "string", default: "2000" },
      connections: { type: "string", default: "50" },
      leads: { type: "string", default: "100000" },
      bookings: { type: "string", default: "20000" },
      "database-url": { type: "string" },
    },
  });
  const postgresUrl = args["database-url"] ?? process.env["CONVENE_TEST_DATABASE_URL"] ?? process.env["CONVENE_BENCH_DATABASE_URL"];
  const database = postgresUrl ? await createScratchDatabase(postgresUrl, "convene_inbound") : null;
  const dataDir = mkdtempSync(path.join(tmpdir(), "convene-inbound-"));
  const env: Record<string, string> = { CONVENE_DATA_DIR: dataDir, CONVENE_WORKERS: "false", ...(database ? { DATABASE_URL: database.url, CONVENE_SECRET_KEY: Buffer.alloc(32, 1).toString("base64") } : {}) };
  const { child, baseUrl } = await startServer(env);
  try {
    const owner = await signIn(baseUrl);
    const count = Number(args.deliveries);
    const hooks = await webhooks(baseUrl, owner, count, Number(args.connections));
    console.log(`inbound (${database ? "PostgreSQL" : "PGlite"}): ${count} Cal.com deliveries, each sent twice, ${args.connections} connections`);
    console.log(`  webhook answer p50 ${round(percentile(hooks.latencies, 50))} ms, p99 ${round(percentile(hooks.latencies, 99))} ms; answers ${JSON.stringify(Object.fromEntries(hooks.answers))}`);
    let isExactlyOnce = hooks.answers.get("processed") === count && hooks.answers.get("duplicate") === count;
    if (database) {
      const counts = await databaseCounts(database.url, hooks.sourceId);
      console.log(`  in the database: ${counts.bookings} bookings, ${counts.events} booking events, deliveries ${JSON.stringify(counts.deliveries)}`);
      isExactlyOnce &&= counts.bookings === count && counts.events === count;
    }
    const imported = await leadImport(baseUrl, owner, Number(args.leads), child.pid!);
    console.log(`  lead import: ${imported.created} rows (${imported.megabytes} MB CSV) in ${imported.seconds.toFixed(1)} s; server peak RSS ${imported.peakRssMb} MB`);
    if (database) {
      await seedFunnel(database.url, Number(args.bookings), hooks.sourceId);
      const funnel = await funnelTimes(baseUrl, owner, 20);
      console.log(`  funnel on ${imported.created} leads, ${Number(args.bookings) + count} bookings: p50 ${round(percentile(funnel.latencies, 50))} ms, p99 ${round(percentile(funnel.latencies, 99))} ms`);
      console.log(`  funnel totals ${JSON.stringify(funnel.totals)}`);
    } else {
      console.log("  funnel: needs PostgreSQL to seed (--database-url)");
    }
    console.log(`  every delivery processed exactly once: ${isExactlyOnce ? "yes" : "NO"}`);
    return isExactlyOnce && imported.created === Number(args.leads) ? 0 : 1;
  } finally {
    child.kill("SIGTERM");
    await new Promise((resolve) => child.on("exit", resolve));
    rmSync(dataDir, { recursive: true, force: true });
    await database?.drop();
  }
}
