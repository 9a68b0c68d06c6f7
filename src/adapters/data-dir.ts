// The embedded data directory: a lock so that only one process opens the PGlite
// database in it (PGlite takes no lock of its own and two writers corrupt it),
// and the generated secret key for secrets at rest.
import { randomBytes } from "node:crypto";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";

export class DataDirLockedError extends Error {
  override name = "DataDirLockedError";
}

export type DataDirLock = { release(): void };

/** State and start time (clock ticks after boot) of a process from /proc/<pid>/stat, or null where there is no procfs or no such process. */
function procStat(pid: number): { state: string; startTicks: string } | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return null;
  }
  // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // fields[0] is field 3 (state); field 22 (starttime) is fields[19].
  const state = fields[0];
  const startTicks = fields[19];
  return state && startTicks ? { state, startTicks } : null;
}

/** This process's start time, recorded in the lock so that a later process reusing the pid is not taken for the holder. */
const ownStartTicks = procStat(process.pid)?.startTicks ?? null;

/**
 * Whether the lock's holder still runs. A zombie (state Z: killed, not yet
 * reaped by its parent — the usual state right after a SIGKILL under a
 * supervisor) or a dead process (X) holds nothing, although kill(pid, 0)
 * succeeds on it; a process whose start time differs from the one recorded
 * is another program that got the same pid.
 */
function isHolderAlive(pid: number, recordedStartTicks: unknown): boolean {
  const stat = procStat(pid);
  if (stat) {
    if (stat.state === "Z" || stat.state === "X" || stat.state === "x") return false;
    if (typeof recordedStartTicks === "string" && recordedStartTicks !== stat.startTicks) return false;
    return true;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes the directory's lock or throws DataDirLockedError naming the holder. A lock left by a dead, zombie or pid-reused process is taken over. */
export function lockDataDir(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, "convene.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, "wx", 0o600);
      writeFileSync(fd, JSON.stringify({ pid: process.pid, pidStartTicks: ownStartTicks, host: hostname(), startedAt: new Date().toISOString() }));
      closeSync(fd);
      return {
        release: () => {
          try {
            if (JSON.parse(readFileSync(lockPath, "utf8")).pid === process.pid) unlinkSync(lockPath);
          } catch {
            // already gone: nothing to release
          }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      let holder: { pid?: number; pidStartTicks?: unknown; host?: string } = {};
      try {
        holder = JSON.parse(readFileSync(lockPath, "utf8"));
      } catch {
        // unreadable or half-written lock: treat as stale
      }
      const isSameHost = holder.host === undefined || holder.host === hostname();
      if (typeof holder.pid === "number" && (!isSameHost || isHolderAlive(holder.pid, holder.pidStartTicks))) {
        throw new DataDirLockedError(
          `Another Convene process (pid ${holder.pid}${isSameHost ? "" : ` on ${holder.host}`}) is using the data directory ${dataDir}. ` +
            "Stop it first, or point CONVENE_DATA_DIR at another directory.",
        );
      }
      unlinkSync(lockPath);
    }
  }
  throw new DataDirLockedError(`Could not lock the data directory ${dataDir}.`);
}

/** Reads the directory's secret key, generating it on first run; says whether it was generated. */
export function ensureSecretKey(dataDir: string): { keyBase64: string; wasGenerated: boolean; keyPath: string } {
  const keyPath = path.join(dataDir, "secret.key");
  if (existsSync(keyPath)) return { keyBase64: readFileSync(keyPath, "utf8").trim(), wasGenerated: false, keyPath };
  mkdirSync(dataDir, { recursive: true });
  const keyBase64 = randomBytes(32).toString("base64");
  writeFileSync(keyPath, `${keyBase64}\n`, { mode: 0o600, flag: "wx" });
  return { keyBase64, wasGenerated: true, keyPath };
}
