// The data directory's lock: a holder that was SIGKILLed and is still a
// zombie (not reaped by its parent), or a pid now used by another process,
// holds nothing; a live holder still keeps others out.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DataDirLockedError, lockDataDir } from "./data-dir.js";

const isLinux = process.platform === "linux";
const dirs: string[] = [];
const cleanups: (() => void)[] = [];

afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function newDataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "convene-lock-"));
  dirs.push(dir);
  return dir;
}

function stateOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[0] ?? null;
  } catch {
    return null;
  }
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 600 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  if (!condition()) throw new Error(`timed out waiting for ${what}`);
}

describe.runIf(isLinux)("lockDataDir", () => {
  it("takes over a lock whose holder was SIGKILLed and is a zombie nobody reaped", async () => {
    const dataDir = newDataDir();
    const moduleUrl = new URL("./data-dir.ts", import.meta.url).href;
    const holderScript = `import(${JSON.stringify(moduleUrl)}).then((m) => { m.lockDataDir(${JSON.stringify(dataDir)}); console.log("locked"); setInterval(() => {}, 1e6); });`;
    // sh starts the holder in the background and becomes `sleep`, which never waits for its children:
    // once killed, the holder stays a zombie, as under a supervisor that has not reaped it yet.
    const parent = spawn("sh", ["-c", `"$0" --import tsx -e '${holderScript}' & exec sleep 120`, process.execPath], {
      cwd: path.resolve(import.meta.dirname, "../.."),
      stdio: ["ignore", "pipe", "inherit"],
    });
    cleanups.push(() => parent.kill("SIGKILL"));
    let output = "";
    parent.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    await until(() => output.includes("locked"), "the holder to lock");
    const holderPid = JSON.parse(readFileSync(path.join(dataDir, "convene.lock"), "utf8")).pid as number;
    expect(holderPid).not.toBe(parent.pid);
    expect(() => lockDataDir(dataDir)).toThrow(DataDirLockedError);

    process.kill(holderPid, "SIGKILL");
    await until(() => stateOf(holderPid) === "Z", "the holder to become a zombie");
    expect(() => process.kill(holderPid, 0)).not.toThrow(); // why kill(pid, 0) alone cannot tell

    const lock = lockDataDir(dataDir);
    expect(JSON.parse(readFileSync(path.join(dataDir, "convene.lock"), "utf8")).pid).toBe(process.pid);
    lock.release();
  });

  it("takes over a lock whose pid now belongs to a process that started at another time", () => {
    const dataDir = newDataDir();
    // A live pid (this test's parent) with a start time that is not its own: the pid was reused.
    writeFileSync(path.join(dataDir, "convene.lock"), JSON.stringify({ pid: process.ppid, pidStartTicks: "1", host: hostname() }));
    const lock = lockDataDir(dataDir);
    expect(JSON.parse(readFileSync(path.join(dataDir, "convene.lock"), "utf8")).pid).toBe(process.pid);
    lock.release();
  });

  it("keeps out a second locker while the holder lives", () => {
    const dataDir = newDataDir();
    const lock = lockDataDir(dataDir);
    expect(() => lockDataDir(dataDir)).toThrow(DataDirLockedError);
    lock.release();
    lockDataDir(dataDir).release();
  });
});
