// The composition root: read config → open adapters → build use cases → serve.
// Nothing else wires adapters to use cases.
import type { FastifyInstance } from "fastify";
import path from "node:path";
import { pino, type Logger } from "pino";
import { argon2PasswordHasher } from "./adapters/crypto/argon2-password-hasher.js";
import { ensureSecretKey, lockDataDir, type DataDirLock } from "./adapters/data-dir.js";
import { openDatabase, type Database } from "./adapters/db/client.js";
import { createStore } from "./adapters/db/store.js";
import { withReadCache } from "./adapters/cache/read-cache.js";
import type { Config } from "./config.js";
import { buildApp } from "./http/app.js";
import type { UseCaseDeps } from "./use-cases/ports.js";

export type Runtime = {
  config: Config;
  logger: Logger;
  database: Database;
  deps: UseCaseDeps;
  secretKeyBase64: string;
  close(): Promise<void>;
};

export function createLogger(config: Config): Logger {
  return pino({ level: config.logLevel, base: { service: "convene" } });
}

/** Opens the database (locking the embedded data directory) and migrates it. */
export async function openRuntime(config: Config, logger: Logger): Promise<Runtime> {
  let lock: DataDirLock | undefined;
  let secretKeyBase64 = config.secretKeyBase64;
  if (!config.databaseUrl) {
    lock = lockDataDir(config.dataDir);
    if (!secretKeyBase64) {
      const secret = ensureSecretKey(config.dataDir);
      secretKeyBase64 = secret.keyBase64;
      if (secret.wasGenerated) logger.warn({ keyPath: secret.keyPath }, "generated CONVENE_SECRET_KEY into the data directory; back it up with the data");
    }
  }
  try {
    const database = await openDatabase(
      config.databaseUrl ? { engine: "postgres", url: config.databaseUrl } : { engine: "pglite", dataDir: path.join(config.dataDir, "pgdata") },
    );
    await database.migrate();
    const deps: UseCaseDeps = { store: withReadCache(createStore(database.db), { clock: Date.now }), passwords: argon2PasswordHasher };
    return {
      config,
      logger,
      database,
      deps,
      secretKeyBase64: secretKeyBase64!,
      close: async () => {
        await database.close();
        lock?.release();
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

export type RunningServer = { app: FastifyInstance; url: string; close(): Promise<void> };

export async function serve(config: Config, logger = createLogger(config)): Promise<RunningServer> {
  const runtime = await openRuntime(config, logger);
  try {
    const app = await buildApp(
      { ...runtime.deps, clock: Date.now, database: runtime.database, publicUrl: config.publicUrl },
      { logger, trustProxy: config.trustProxy, bodyLimitBytes: config.bodyLimitBytes, rateLimits: config.rateLimits },
    );
    await app.listen({ port: config.port, host: config.host });
    logger.info({ url: config.publicUrl, database: runtime.database.engine, dataDir: config.dataDir }, "Convene is listening");
    return {
      app,
      url: config.publicUrl,
      // Stop accepting, let in-flight requests finish, then close the database.
      close: async () => {
        await app.close();
        await runtime.close();
      },
    };
  } catch (error) {
    await runtime.close();
    throw error;
  }
}
