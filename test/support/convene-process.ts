// Runs the real `convene` command as a child process, for tests about the
// process itself: start-up, locks, signals, crashes.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { createPostgresDatabase, type EngineName } from "./engines.js";

const root = path.resolve(import.meta.dirname, "../..");

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export type Run = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

/** entry: another start-up script to run instead of the CLI (a test's own wiring on top of src/main.ts). */
export function runConvene(args: string[], env: Record<string, string>, entry = "src/cli/convene.ts"): Run {
  const child = spawn(process.execPath, ["--import", "tsx", entry, ...args], {
    cwd: root,
    env: { PATH: process.env["PATH"] ?? "", HOME: process.env["HOME"] ?? "/tmp", LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

export async function waitFor(run: Run, text: string, timeoutMs = 60_000): Promise<void> {
  const startMs = Date.now();
  while (!run.output().includes(text)) {
    if (run.child.exitCode !== null) throw new Error(`exited ${run.child.exitCode} before "${text}":\n${run.output()}`);
    if (Date.now() - startMs > timeoutMs) throw new Error(`no "${text}" within ${timeoutMs} ms:\n${run.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A suite's `convene` processes on one engine; everything they leave behind goes after the suite. */
export type ConveneProcesses = {
  /** The variables a process on the suite's engine needs, with vars on top: its own data directory, and on postgres a fresh database and a secret key. */
  env(vars: Record<string, string>): Promise<Record<string, string>>;
  /** runConvene, and the process is SIGKILLed after the suite if it is still running. */
  run(args: string[], env: Record<string, string>, entry?: string): Run;
  /** Runs after the suite, before what was deferred earlier. */
  defer(cleanup: () => Promise<unknown>): void;
};

export function useConveneProcesses(engine: EngineName): ConveneProcesses {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });
  const defer = (cleanup: () => Promise<unknown>) => void cleanups.push(cleanup);
  return {
    defer,
    async env(vars) {
      // Made on first use, not when the suite is declared: a suite skipped on its engine leaves no directory behind.
      const dataDir = mkdtempSync(path.join(tmpdir(), "convene-process-"));
      defer(async () => rmSync(dataDir, { recursive: true, force: true }));
      const env: Record<string, string> = { CONVENE_DATA_DIR: dataDir };
      if (engine === "postgres") {
        const database = await createPostgresDatabase();
        defer(database.drop);
        Object.assign(env, { DATABASE_URL: database.url, CONVENE_SECRET_KEY: Buffer.alloc(32, 3).toString("base64") });
      }
      return { ...env, ...vars };
    },
    run(args, env, entry) {
      const run = runConvene(args, env, entry);
      defer(async () => {
        if (run.child.exitCode === null) run.child.kill("SIGKILL");
      });
      return run;
    },
  };
}

/** A `convene serve` process started by startConvene: its base URL and how to stop it. */
export type ConveneServer = Run & { url: string; stop(): Promise<number | null> };

/** The URL a `convene serve` process printed on start-up, or null before it has. */
export function printedUrl(run: Run): string | null {
  return /Convene is running at (http:\/\/\S+)/.exec(run.output())?.[1] ?? null;
}

/**
 * Starts `convene serve` on a free loopback port with env on top and resolves
 * with the URL it printed. stop() asks it to shut down (SIGTERM) and kills it
 * when it has not exited within graceMs; it is safe to call more than once.
 */
export async function startConvene(env: Record<string, string>, options: { timeoutMs?: number; graceMs?: number } = {}): Promise<ConveneServer> {
  const port = await freePort();
  const run = runConvene(["serve"], { HOST: "127.0.0.1", PORT: String(port), ...env });
  const stop = async () => {
    if (run.child.exitCode !== null || run.child.signalCode !== null) return run.child.exitCode;
    run.child.kill("SIGTERM");
    const timer = setTimeout(() => run.child.kill("SIGKILL"), options.graceMs ?? 10_000);
    try {
      return await run.exited;
    } finally {
      clearTimeout(timer);
    }
  };
  try {
    await waitFor(run, "Convene is running at", options.timeoutMs);
  } catch (error) {
    await stop();
    throw error;
  }
  return { ...run, url: printedUrl(run)!, stop };
}
