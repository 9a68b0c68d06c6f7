// A fresh, uniquely named database on a PostgreSQL server, for tests,
// benchmarks and the fuzzer: each run gets its own, and drop() removes it
// (with force: a server process that was killed may still hold connections).
import { randomBytes } from "node:crypto";
import pg from "pg";

export type ScratchDatabase = { url: string; drop(): Promise<void> };

async function runOn(adminUrl: string, statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

/** Creates `<prefix>_<random>` on the server adminUrl points at; returns its URL and a dropper. */
export async function createScratchDatabase(adminUrl: string, prefix = "convene_test"): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  await runOn(adminUrl, `create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => runOn(adminUrl, `drop database if exists ${name} with (force)`) };
}
