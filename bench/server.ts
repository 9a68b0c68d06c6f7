// A Convene server for benchmarks: `convene serve` as its own process on a
// free loopback port (built first when stale), and a JSON call helper.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts `convene serve` with the benchmark's rate limits lifted (env may set them back).
 * fromSources runs src/ through tsx instead of the built bin/ (no rebuild of a checkout
 * others are editing); CONVENE_BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"
 * profiles the server under load.
 */
export async function startServer(
  env: Record<string, string>,
  options: { root?: string; fromSources?: boolean } = {},
): Promise<{ child: ChildProcess; baseUrl: string }> {
  const port = await freePort();
  const nodeArgs = process.env["CONVENE_BENCH_SERVER_NODE_ARGS"]?.split(" ").filter(Boolean) ?? [];
  const entry = options.fromSources ? ["--import", "tsx", "src/cli/convene.ts"] : ["bin/convene.mjs"];
  const child = spawn(process.execPath, [...nodeArgs, ...entry, "serve"], {
    cwd: options.root ?? root,
    env: {
      PATH: process.env["PATH"] ?? "",
      HOME: process.env["HOME"] ?? "/tmp",
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      RATE_LIMIT_PUBLIC_READS_PER_MINUTE: "100000000",
      RATE_LIMIT_PUBLIC_BOOKINGS_PER_MINUTE: "100000000",
      RATE_LIMIT_SLOT_READS_PER_MINUTE: "100000000",
      RATE_LIMIT_INBOUND_DELIVERIES_PER_MINUTE: "100000000",
      RATE_LIMIT_MCP_REQUESTS_PER_MINUTE: "100000000",
      ...env,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("Convene is running") && resolve());
    child.on("exit", (code) => reject(new Error(`server exited ${code}`)));
  });
  return { child, baseUrl: `http://127.0.0.1:${port}` };
}

export async function call(baseUrl: string, method: string, urlPath: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${baseUrl}${urlPath}`, {
    method,
    headers: { ...(body ? { "content-type": "application/json" } : {}), ...headers },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${urlPath}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** The slot start times a slots URL answers. */
export async function slotStarts(url: string): Promise<string[]> {
  const answer = (await (await fetch(url)).json()) as { days: { slots: { start: string }[] }[] };
  return answer.days.flatMap((day) => day.slots.map((slot) => slot.start));
}
