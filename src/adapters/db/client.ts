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
import { schema } from "./schema.js";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type Database = {
  db: Db;
  engine: "pglite" | "postgres";
  /** Throws when the database cannot answer. */
  ping(): Promise<void>;
  migrate(): Promise<void>;
  /** Raw SQL for libraries that bring their own (pg-boss); several statements are allowed without values. */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  close(): Promise<void>;
};

export type DatabaseTarget =
  | { engine: "pglite"; dataDir: string | undefined } // undefined: in memory (tests)
  | { engine: "postgres"; url: string; maxConnections?: number };

const migrationsFolder = fileURLToPath(new URL("./migrations", import.meta.url));
/** Any fixed number: all nodes agree on it, so only one migrates at a time. */
const MIGRATION_LOCK_KEY = 7_246_153_011;

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  return target.engine === "pglite" ? openPglite(target.dataDir) : openPostgres(target.url, target.maxConnections ?? 10);
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
    close: () => client.close(),
  };
}

async function openPostgres(url: string, maxConnections: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: maxConnections, connectionTimeoutMillis: 5_000 });
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
    close: () => pool.end(),
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
