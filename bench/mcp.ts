// MCP benchmark (`npm run bench -- mcp`): starts `convene serve` on loopback
// (embedded PGlite, or PostgreSQL with --database-url), connects the official
// MCP SDK client over Streamable HTTP with an API key, and measures
// `check_availability` as an agent calls it: one call at a time, a two-week
// window in the prospect's zone, by link and by hosts (the owner's own hours
// and calendars), plus a requested time that is not free (the explain path).
//   --calls N (1000)  --warmup N (50)  --database-url postgres://… (or CONVENE_TEST_DATABASE_URL)
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { createScratchDatabase } from "../test/support/postgres-database.js";
import { call, startServer } from "./server.js";

const DAY_MS = 86_400_000;
const percentile = (sortedMs: number[], p: number) => sortedMs[Math.min(sortedMs.length - 1, Math.floor((p / 100) * sortedMs.length))]!;
const round = (ms: number) => Math.round(ms * 100) / 100;

async function ownerWithKey(baseUrl: string) {
  await call(baseUrl, "POST", "/api/v1/auth/signup", { email: "agent@example.com", password: "benchmark password", name: "Agent Owner", organization: "Agents", timeZone: "Europe/Berlin" });
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "agent@example.com", password: "benchmark password" }) });
  const headers = { cookie: login.headers.get("set-cookie")!.split(";")[0]!, "x-csrf-token": ((await login.json()) as { csrfToken: string }).csrfToken };
  const link = await call(baseUrl, "POST", "/api/v1/links", { title: "Discovery call", durationsMin: [30], slotIntervalMin: 30, timeZone: "Europe/Berlin", maxDaysAhead: 60, weeklyHours: [{ days: [1, 2, 3, 4, 5], start: "09:00", end: "17:00" }] }, headers);
  const key = await call(baseUrl, "POST", "/api/v1/api-keys", { name: "Benchmark agent" }, headers);
  return { linkId: link.id as string, key: key.key as string };
}

async function timedCalls(client: Client, count: number, args: () => Record<string, unknown>): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < count; i++) {
    const startedMs = performance.now();
    const result = await client.callTool({ name: "check_availability", arguments: args() });
    latencies.push(performance.now() - startedMs);
    if (result.isError) throw new Error(`check_availability failed: ${JSON.stringify(result.content)}`);
  }
  return latencies.sort((a, b) => a - b);
}

export async function main(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({ args: [...argv], options: { calls: { type: "string", default: "1000" }, warmup: { type: "string", default: "50" }, "database-url": { type: "string" } } });
  const calls = Number(values.calls);
  const warmup = Number(values.warmup);
  const databaseUrl = values["database-url"] ?? process.env["CONVENE_TEST_DATABASE_URL"];
  const dataDir = mkdtempSync(path.join(tmpdir(), "convene-bench-mcp-"));
  const scratch = databaseUrl ? await createScratchDatabase(databaseUrl) : null;
  const { child, baseUrl } = await startServer({ CONVENE_DATA_DIR: dataDir, ...(scratch ? { DATABASE_URL: scratch.url, CONVENE_SECRET_KEY: Buffer.alloc(32, 1).toString("base64") } : {}) }, { fromSources: true });
  try {
    const { linkId, key } = await ownerWithKey(baseUrl);
    const client = new Client({ name: "convene-bench", version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${baseUrl}/mcp`), { requestInit: { headers: { authorization: `Bearer ${key}` } } }));
    // Two weeks starting next Monday, asked from Tokyo; the requested time (a Sunday) is never free.
    const now = new Date();
    const monday = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + (((8 - now.getUTCDay()) % 7) || 7) * DAY_MS;
    const window = { timeZone: "Asia/Tokyo", from: new Date(monday).toISOString(), to: new Date(monday + 14 * DAY_MS).toISOString(), durationMin: 30 };
    const sunday = new Date(monday - DAY_MS + 14 * 3_600_000).toISOString();
    const byLink = () => ({ ...window, linkId });
    const byHosts = () => ({ ...window });
    const why = () => ({ ...window, linkId, at: sunday });
    await timedCalls(client, warmup, byLink);
    const results = {
      "by link, 14 days": await timedCalls(client, calls, byLink),
      "by hosts (own hours), 14 days": await timedCalls(client, calls, byHosts),
      "by link, with a requested time (why not + nearest)": await timedCalls(client, calls, why),
    };
    await client.close();
    console.log(`check_availability over MCP (Streamable HTTP, one call at a time, ${calls} calls each, ${scratch ? "PostgreSQL" : "PGlite"}):`);
    for (const [name, latencies] of Object.entries(results)) {
      console.log(`  ${name}: p50 ${round(percentile(latencies, 50))} ms, p99 ${round(percentile(latencies, 99))} ms, max ${round(latencies.at(-1)!)} ms`);
    }
    return 0;
  } finally {
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
    rmSync(dataDir, { recursive: true, force: true });
    await scratch?.drop();
  }
}
