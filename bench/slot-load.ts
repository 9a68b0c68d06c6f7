// Slot-load benchmark (`npm run bench -- slot-load`): can the largest slot
// query a client may send pin the server? Starts `convene serve` from the
// sources as its own process on loopback (PGlite, and PostgreSQL when a URL is
// given), creates a 24/7 link with 5-minute slots, and fires N connections of
// the largest allowed slot query (a 366-day window) for a while. Meanwhile a
// separate prober process times /healthz and this process samples the server's
// RSS. Two runs per engine: with the default rate limits (one client IP), and
// with the limits lifted (what many IPs at once would cost).
//   --connections N (50)  --seconds N (10)  --database-url postgres://… (or CONVENE_BENCH_DATABASE_URL)
//   --root DIR (the checkout to run, default this one)  --limits default|lifted|both (both)
import autocannon from "autocannon";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createScratchDatabase } from "../test/support/postgres-database.js";
import { call, startServer } from "./server.js";

const DAY_MS = 86_400_000;

type Figures = {
  requestsPerSecond: number;
  slotP50Ms: number;
  slotP99Ms: number;
  ok: number;
  other: number;
  bytesPerOk: number;
  healthP50Ms: number;
  healthP99Ms: number;
  healthMaxMs: number;
  loadAverage: number;
  healthCount: number;
  rssBeforeMb: number;
  rssPeakMb: number;
};

function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Math.round(Number(match[1]) / 1024) : NaN;
}

/**
 * A separate process (so that autocannon's work does not delay it) that GETs
 * /healthz every 50 ms until killed, printing each latency in ms. It warms up
 * (loads fetch, opens its connection) before it says "ready".
 */
async function startHealthProber(baseUrl: string): Promise<{ stop(): Promise<number[]> }> {
  const script = `
    const url = ${JSON.stringify(`${baseUrl}/healthz`)};
    let stopping = false;
    process.on("SIGTERM", () => { stopping = true; });
    (async () => {
      for (let i = 0; i < 5; i++) await (await fetch(url)).arrayBuffer();
      process.stdout.write("ready\\n");
      while (!stopping) {
        const t0 = performance.now();
        try { const r = await fetch(url); await r.arrayBuffer(); } catch { process.stdout.write("-1\\n"); continue; }
        process.stdout.write((performance.now() - t0).toFixed(1) + "\\n");
        await new Promise((r) => setTimeout(r, 50));
      }
    })();`;
  const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", () => output.includes("ready\n") && resolve());
    child.on("exit", (code) => reject(new Error(`prober exited ${code}`)));
  });
  return {
    stop: async () => {
      child.kill("SIGTERM");
      await new Promise((resolve) => child.on("exit", resolve));
      return output.split("\n").filter((line) => line && line !== "ready").map(Number);
    },
  };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function benchRun(engine: "pglite" | "postgres", limits: "default" | "lifted", options: { root: string; connections: number; seconds: number; postgresUrl?: string | undefined }): Promise<Figures> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "convene-slot-bench-"));
  const env: Record<string, string> = { CONVENE_DATA_DIR: dataDir, RATE_LIMIT_SIGN_IN_PER_MINUTE: "1000" };
  // startServer lifts every read limit; an empty value gives back Convene's own default.
  if (limits === "default") Object.assign(env, { RATE_LIMIT_PUBLIC_READS_PER_MINUTE: "", RATE_LIMIT_SLOT_READS_PER_MINUTE: "" });
  const database = engine === "postgres" ? await createScratchDatabase(options.postgresUrl!, "convene_slot_bench") : null;
  if (database) Object.assign(env, { DATABASE_URL: database.url, CONVENE_SECRET_KEY: Buffer.alloc(32, 1).toString("base64") });
  const { child, baseUrl } = await startServer(env, { root: options.root, fromSources: true });
  try {
    await call(baseUrl, "POST", "/api/v1/auth/signup", { email: "bench@example.com", password: "benchmark password", name: "Bench Owner", organization: "Bench", timeZone: "UTC" });
    const login = await fetch(`${baseUrl}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "bench@example.com", password: "benchmark password" }) });
    const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const link = await call(
      baseUrl,
      "POST",
      "/api/v1/links",
      { title: "Around the clock", durationsMin: [5], slotIntervalMin: 5, timeZone: "UTC", maxDaysAhead: 366, weeklyHours: [{ days: [0, 1, 2, 3, 4, 5, 6], start: "00:00", end: "24:00" }] },
      { cookie, "x-csrf-token": csrfToken },
    );
    const fromMs = Math.ceil(Date.now() / DAY_MS) * DAY_MS;
    const slotsUrl = `${baseUrl}${new URL(link.apiUrl).pathname}/slots?from=${new Date(fromMs).toISOString()}&to=${new Date(fromMs + 366 * DAY_MS).toISOString()}`;
    // Warm-up (fills the read cache and the JIT); three requests leave the default per-IP bucket nearly full.
    for (let i = 0; i < 3; i++) await (await fetch(slotsUrl)).arrayBuffer();
    const prober = await startHealthProber(baseUrl);
    const rssBeforeMb = rssMb(child.pid!);
    let rssPeakMb = rssBeforeMb;
    const sampler = setInterval(() => (rssPeakMb = Math.max(rssPeakMb, rssMb(child.pid!))), 100);
    const result = await autocannon({ url: slotsUrl, connections: options.connections, duration: options.seconds });
    const healthMs = (await prober.stop()).sort((a, b) => a - b);
    clearInterval(sampler);
    rssPeakMb = Math.max(rssPeakMb, rssMb(child.pid!));
    const ok = result["2xx"];
    return {
      requestsPerSecond: Math.round(result.requests.average),
      slotP50Ms: result.latency.p50,
      slotP99Ms: result.latency.p99,
      ok,
      other: result.non2xx + result.errors + result.timeouts,
      bytesPerOk: ok > 0 ? Math.round(result.throughput.total / (ok + result.non2xx)) : 0,
      healthP50Ms: percentile(healthMs, 50),
      healthP99Ms: percentile(healthMs, 99),
      loadAverage: loadavg()[0]!,
      healthMaxMs: healthMs[healthMs.length - 1] ?? NaN,
      healthCount: healthMs.length,
      rssBeforeMb,
      rssPeakMb,
    };
  } finally {
    child.kill("SIGTERM");
    await new Promise((resolve) => child.on("exit", resolve));
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function main(argv: readonly string[]): Promise<number> {
  const { values: args } = parseArgs({
    args: [...argv],
    options: {
      connections: { type: "string", default: "50" },
      seconds: { type: "string", default: "10" },
      "database-url": { type: "string" },
      root: { type: "string", default: path.resolve(import.meta.dirname, "..") },
      limits: { type: "string", default: "both" },
    },
  });
  const postgresUrl = args["database-url"] ?? process.env["CONVENE_BENCH_DATABASE_URL"];
  const options = { root: path.resolve(args.root), connections: Number(args.connections), seconds: Number(args.seconds), postgresUrl };
  const engines: ("pglite" | "postgres")[] = postgresUrl ? ["pglite", "postgres"] : ["pglite"];
  const limitRuns: ("default" | "lifted")[] = args.limits === "both" ? ["default", "lifted"] : [args.limits as "default" | "lifted"];
  if (!postgresUrl) console.log("PostgreSQL: skipped (pass --database-url or set CONVENE_BENCH_DATABASE_URL)");
  console.log(`${options.connections} connections × ${options.seconds} s of a 366-day slot query on a 24/7 5-minute link (${options.root})\n`);
  console.log("engine    limits   req/s  p50 ms  p99 ms    2xx  other  bytes/resp  healthz p50/p99/max ms (n)  RSS before→peak MB  load avg");
  for (const engine of engines) {
    for (const limits of limitRuns) {
      const f = await benchRun(engine, limits, options);
      console.log(
        `${engine.padEnd(9)} ${limits.padEnd(7)} ${String(f.requestsPerSecond).padStart(6)} ${String(f.slotP50Ms).padStart(7)} ${String(f.slotP99Ms).padStart(7)} ${String(f.ok).padStart(6)} ${String(f.other).padStart(6)} ${String(f.bytesPerOk).padStart(11)}  ${`${f.healthP50Ms}/${f.healthP99Ms}/${f.healthMaxMs} (${f.healthCount})`.padStart(26)}  ${`${f.rssBeforeMb}→${f.rssPeakMb}`.padStart(18)}  ${f.loadAverage.toFixed(1)}`,
      );
    }
  }
  console.log("\nTarget: /healthz under 100 ms and RSS under 600 MB.");
  return 0;
}

if (process.argv[1] === import.meta.filename) process.exitCode = await main(process.argv.slice(2));
