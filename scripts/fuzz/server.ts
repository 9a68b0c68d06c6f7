// A fresh Convene for one fuzz run, started the way a user starts it
// (`convene serve` as its own process, on a free loopback port, with a new
// data directory or a new PostgreSQL database), rate limits raised so 429s do
// not hide everything. Its error log lines are kept by request id, so a
// failure in the report shows what the server logged for it.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { createScratchDatabase } from "../../test/support/postgres-database.js";

const ownRoot = path.resolve(import.meta.dirname, "../..");

export type Engine = "pglite" | "postgres";

export type FuzzServer = {
  baseUrl: string;
  engine: Engine;
  /** What the server logged at error level for a request id (the first line). */
  loggedErrorOf(requestId: string): string | undefined;
  exitCode(): number | null;
  /** The server's output, for a start-up failure or a crash. */
  output(): string;
  stop(): Promise<void>;
};

/** Raised so the fuzzer's own volume is not what answers; 429s are still counted. */
const HIGH_LIMITS = {
  RATE_LIMIT_PUBLIC_READS_PER_MINUTE: "100000000",
  RATE_LIMIT_PUBLIC_BOOKINGS_PER_MINUTE: "100000000",
  RATE_LIMIT_SLOT_READS_PER_MINUTE: "100000000",
  RATE_LIMIT_SIGN_IN_PER_MINUTE: "100000000",
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export async function startServer(engine: Engine, options: { databaseUrl?: string; env?: Record<string, string>; root?: string }): Promise<FuzzServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "convene-fuzz-"));
  const database = engine === "postgres" ? await createScratchDatabase(options.databaseUrl!, "convene_fuzz") : null;
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "src/cli/convene.ts", "serve"], {
    cwd: options.root ?? ownRoot,
    env: {
      PATH: process.env["PATH"] ?? "",
      HOME: process.env["HOME"] ?? os.tmpdir(),
      PORT: String(port),
      HOST: "127.0.0.1",
      CONVENE_DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
      ...HIGH_LIMITS,
      ...(database ? { DATABASE_URL: database.url, CONVENE_SECRET_KEY: randomBytes(32).toString("base64") } : {}),
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const errors = new Map<string, string>();
  let pending = "";
  const onData = (chunk: Buffer) => {
    const text = chunk.toString("utf8");
    if (output.length < 200_000) output += text;
    pending += text;
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) {
      if (!line.startsWith("{")) continue;
      try {
        const entry = JSON.parse(line) as { level?: number; reqId?: string; msg?: string; err?: { type?: string; message?: string; code?: string } };
        if (entry.reqId && (entry.level ?? 0) >= 50 && !errors.has(entry.reqId)) {
          const err = entry.err ? `${entry.err.type ?? "Error"}${entry.err.code ? ` ${entry.err.code}` : ""}: ${(entry.err.message ?? "").replace(/\s+/g, " ").slice(0, 240)}` : "";
          errors.set(entry.reqId, `${entry.msg ?? ""}${err ? ` — ${err}` : ""}`);
        }
      } catch {
        // Not a log line.
      }
    }
  };
  child.stdout!.on("data", onData);
  child.stderr!.on("data", onData);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const cleanUp = async () => {
    rmSync(dataDir, { recursive: true, force: true });
    await database?.drop().catch(() => undefined);
  };
  const startedMs = Date.now();
  while (!output.includes("Convene is running")) {
    if (child.exitCode !== null || Date.now() - startedMs > 300_000) {
      child.kill("SIGKILL");
      await cleanUp();
      throw new Error(`convene serve did not start (${child.exitCode === null ? "timeout" : `exit ${child.exitCode}`}):\n${output.slice(-4000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    engine,
    loggedErrorOf: (requestId) => errors.get(requestId),
    exitCode: () => child.exitCode,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
        await exited;
        clearTimeout(timer);
      }
      await cleanUp();
    },
  };
}
