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

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes the directory's lock or throws DataDirLockedError naming the holder. A lock left by a dead process is taken over. */
export function lockDataDir(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, "convene.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, "wx", 0o600);
      writeFileSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), startedAt: new Date().toISOString() }));
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
      let holder: { pid?: number; host?: string } = {};
      try {
        holder = JSON.parse(readFileSync(lockPath, "utf8"));
      } catch {
        // unreadable or half-written lock: treat as stale
      }
      const isSameHost = holder.host === undefined || holder.host === hostname();
      if (typeof holder.pid === "number" && (!isSameHost || isAlive(holder.pid))) {
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
