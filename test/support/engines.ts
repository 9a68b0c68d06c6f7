// The database engines every integration suite runs on: PGlite always, and
// PostgreSQL when CONVENE_TEST_DATABASE_URL points at a server (each call gets
// a fresh database there, dropped on close). DIALECTS-style narrowing:
// CONVENE_TEST_ENGINES=pglite runs only PGlite.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe } from "vitest";
import { openDatabase, type Database } from "../../src/adapters/db/client.js";
import { createScratchDatabase, type ScratchDatabase } from "./postgres-database.js";

export type EngineName = "pglite" | "postgres";

const postgresUrl = process.env["CONVENE_TEST_DATABASE_URL"];
const only = process.env["CONVENE_TEST_ENGINES"]?.split(",");

export type Engine = { name: EngineName; isAvailable: boolean; skipReason: string };

export const ENGINES: Engine[] = [
  { name: "pglite", isAvailable: !only || only.includes("pglite"), skipReason: "not in CONVENE_TEST_ENGINES" },
  {
    name: "postgres",
    isAvailable: Boolean(postgresUrl) && (!only || only.includes("postgres")),
    skipReason: postgresUrl ? "not in CONVENE_TEST_ENGINES" : "CONVENE_TEST_DATABASE_URL is not set",
  },
];

/** A fresh PostgreSQL database on the test server; returns its URL and a dropper. */
export async function createPostgresDatabase(): Promise<ScratchDatabase> {
  // Read now, not at import: a benchmark may set it after importing this module.
  const adminUrl = process.env["CONVENE_TEST_DATABASE_URL"];
  if (!adminUrl) throw new Error("CONVENE_TEST_DATABASE_URL is not set");
  return createScratchDatabase(adminUrl);
}

/** A migrated, empty database on the engine; close() also removes it. */
export async function openTestDatabase(engine: EngineName): Promise<Database> {
  if (engine === "pglite") {
    const database = await openDatabase({ engine: "pglite", dataDir: undefined });
    await database.migrate();
    return database;
  }
  const created = await createPostgresDatabase();
  const database = await openDatabase({ engine: "postgres", url: created.url, maxConnections: 20 });
  await database.migrate();
  return {
    ...database,
    close: async () => {
      await database.close();
      await created.drop();
    },
  };
}

/**
 * One database a test opens, closes and opens again, as a restarted Convene
 * does: PGlite in a data directory of its own, or a scratch PostgreSQL
 * database. open() migrates (a no-op the second time); remove() deletes it.
 */
export async function reopenableTestDatabase(engine: EngineName): Promise<{ open(): Promise<Database>; remove(): Promise<void> }> {
  if (engine === "pglite") {
    const dataDir = await mkdtemp(join(tmpdir(), "convene-reopen-"));
    return {
      open: async () => {
        const database = await openDatabase({ engine: "pglite", dataDir });
        await database.migrate();
        return database;
      },
      remove: () => rm(dataDir, { recursive: true, force: true }),
    };
  }
  const created = await createPostgresDatabase();
  return {
    open: async () => {
      const database = await openDatabase({ engine: "postgres", url: created.url, maxConnections: 20 });
      await database.migrate();
      return database;
    },
    remove: () => created.drop(),
  };
}

/** A database for the suite (see openTestDatabase): opened before its tests, closed after them; read it only inside tests and hooks. */
export function useTestDatabase(engine: EngineName): Database {
  const handle = {} as Database;
  let opened: Database | undefined;
  beforeAll(async () => {
    opened = await openTestDatabase(engine);
    Object.assign(handle, opened);
  });
  afterAll(async () => {
    await opened?.close();
  });
  return handle;
}

/** describe() once per engine, skipped with its reason where the engine is not available. */
export function engineNames(): { name: EngineName; skip: boolean; title: string }[] {
  return ENGINES.map((engine) => ({
    name: engine.name,
    skip: !engine.isAvailable,
    title: engine.isAvailable ? engine.name : `${engine.name} (skipped: ${engine.skipReason})`,
  }));
}

/**
 * One describe per engine, titled "<title> on <engine>"; an engine that is not available is skipped with its
 * reason, hooks included, so the body needs no skip checks of its own.
 */
export function describeOnEngines(title: string, body: (engine: EngineName) => void): void {
  for (const engine of engineNames()) describe.skipIf(engine.skip)(`${title} on ${engine.title}`, () => body(engine.name));
}
