// Opens Convene's database: embedded PGlite in the data directory by default, or
// a PostgreSQL server when a URL is given. Both speak the same dialect, run the
// same migrations (applied here, in code, under an advisory lock) and hand out
// the same Drizzle type.
import { PGlite } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";

import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import { migrate as migrateNodePg } from "drizzle-orm/node-postgres/migrator";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { ConveneError } from "../../core/errors.js";
import { installQueryErrorScrubbing } from "./query-errors.js";
import * as schema from "./schema.js";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type Database = {
  db: Db;
  engine: "pglite" | "postgres";
  /** Throws when the database cannot answer. */
  ping(): Promise<void>;
  migrate(): Promise<void>;
  /** Raw SQL for libraries that bring their own (pg-boss); several statements are allowed without values. */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  /** LISTEN on a channel (PGlite: in the process; PostgreSQL: one dedicated connection, reopened if it drops); answers how to stop. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
};

export type DatabaseTarget =
  | { engine: "pglite"; dataDir: string | undefined } // undefined: in memory (tests)
  | { engine: "postgres"; url: string; maxConnections?: number | undefined; connectionWaitMs?: number | undefined };

const migrationsFolder = fileURLToPath(new URL("./migrations", import.meta.url));
/** Any fixed number: all nodes agree on it, so only one migrates at a time. */
const MIGRATION_LOCK_KEY = 7_246_153_011;

/**
 * Connections per node. Bookings of one host queue on its advisory lock, so
 * more connections mostly mean more waiting inside PostgreSQL; 20 keeps a
 * 1,000-request burst moving on a small server (max_connections is 100).
 */
export const DEFAULT_POOL_SIZE = 20;
/**
 * How long a request may wait for a free connection before it is answered 503
 * DATABASE_BUSY. Long enough for a burst of 1,000 bookings on one host to
 * drain (each holds a connection a few milliseconds), short of client timeouts.
 */
export const DEFAULT_CONNECTION_WAIT_MS = 20_000;
/** What a client told "busy" should wait before retrying. */
const BUSY_RETRY_AFTER_SECONDS = 2;

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  // No query's values (password hashes, token hashes, sealed tokens) in any error it throws.
  installQueryErrorScrubbing();
  return target.engine === "pglite"
    ? openPglite(target.dataDir)
    : openPostgres(target.url, target.maxConnections ?? DEFAULT_POOL_SIZE, target.connectionWaitMs ?? DEFAULT_CONNECTION_WAIT_MS);
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  const client = await PGlite.create({ ...(dataDir ? { dataDir } : {}), extensions: { btree_gist } });
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  return {
    db,
    engine: "pglite",
    ping: async () => {
      await client.query("select 1");
    },
    // PGlite is a single connection in a single process (the data-directory lock
    // guarantees that), so no advisory lock is needed.
    migrate: () => migratePglite(drizzlePglite({ client, schema }), { migrationsFolder }),
    executeSql: async (text, values) => {
      if (values && values.length > 0) return client.query(text, values);
      const results = await client.exec(text);
      return { rows: results.at(-1)?.rows ?? [] };
    },
    listen: async (channel, onPayload) => {
      const stop = await client.listen(channel, onPayload);
      return async () => {
        if (!client.closed) await stop();
      };
    },
    close: () => client.close(),
  };
}

/** pg-pool's two ways of saying it waited connectionTimeoutMillis for a connection (queued, or opening one). */
const POOL_TIMEOUT_MESSAGES = ["timeout exceeded when trying to connect", "Connection terminated due to connection timeout"];

/** The pool's "no connection in time" as DATABASE_BUSY with a Retry-After, never a 500. Other errors pass unchanged. */
export function busyOrSame(error: unknown): unknown {
  if (!(error instanceof Error) || !POOL_TIMEOUT_MESSAGES.includes(error.message)) return error;
  return new ConveneError("DATABASE_BUSY", "Every database connection is in use; retry shortly.", {
    cause: error,
    details: { retryAfterSeconds: BUSY_RETRY_AFTER_SECONDS },
  });
}

type ConnectCallback = (error: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void;

/** A pg Pool whose checkout timeouts are DATABASE_BUSY, for pool.query, transactions and pg-boss alike. */
class BusyAwarePool extends pg.Pool {
  override connect(): Promise<pg.PoolClient>;
  override connect(callback: ConnectCallback): void;
  override connect(callback?: ConnectCallback): Promise<pg.PoolClient> | void {
    if (callback) return super.connect((error, client, done) => callback(error ? (busyOrSame(error) as Error) : undefined, client, done));
    return super.connect().catch((error: unknown) => Promise.reject(busyOrSame(error)));
  }
}

async function openPostgres(url: string, maxConnections: number, connectionWaitMs: number): Promise<Database> {
  const pool = new BusyAwarePool({ connectionString: url, max: maxConnections, connectionTimeoutMillis: connectionWaitMs });
  // An idle client that errors (server restart) must not crash the process; the pool replaces it.
  pool.on("error", () => undefined);
  const db = drizzleNodePg({ client: pool, schema }) as unknown as Db;
  return {
    db,
    engine: "postgres",
    ping: async () => {
      await pool.query("select 1");
    },
    migrate: async () => {
      const client = await pool.connect();
      try {
        await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
        await migrateNodePg(drizzleNodePg({ client, schema }), { migrationsFolder });
      } finally {
        await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => undefined);
        client.release();
      }
    },
    executeSql: (text, values) => pool.query(text, values),
    listen: (channel, onPayload) => listenOnPostgres(url, channel, onPayload),
    close: () => pool.end(),
  };
}

/** How long a dropped LISTEN connection waits before it reconnects (a restarting server). */
const LISTEN_RECONNECT_MS = 1_000;

/**
 * A LISTEN needs a connection of its own for as long as it listens: pooled
 * connections are handed to other queries. Notifications sent while it is
 * reconnecting are lost, which suits what it carries (hints to re-read).
 */
async function listenOnPostgres(url: string, channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>> {
  let client: pg.Client | null = null;
  let isStopped = false;
  let retry: NodeJS.Timeout | undefined;
  const open = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: url });
    next.on("notification", (message) => {
      if (message.channel === channel && message.payload !== undefined) onPayload(message.payload);
    });
    next.on("error", () => {
      void next.end().catch(() => undefined);
      if (client === next) client = null;
      if (!isStopped) retry = setTimeout(() => void open().catch(() => undefined), LISTEN_RECONNECT_MS);
    });
    await next.connect();
    await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    if (isStopped) await next.end();
    else client = next;
  };
  await open();
  return async () => {
    isStopped = true;
    clearTimeout(retry);
    await client?.end().catch(() => undefined);
  };
}

/** SQLSTATE and constraint of a database error, looking through Drizzle's wrapping. */
export function databaseError(error: unknown): { sqlState: string | undefined; constraint: string | undefined } {
  for (let current = error; current && typeof current === "object"; current = (current as { cause?: unknown }).cause) {
    const { code, constraint } = current as { code?: unknown; constraint?: unknown };
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) {
      return { sqlState: code, constraint: typeof constraint === "string" ? constraint : undefined };
    }
  }
  return { sqlState: undefined, constraint: undefined };
}
