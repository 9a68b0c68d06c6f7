// Every table of Convene's schema, and which of them still hold a row that
// mentions any of some values (an id, an address, a name): the "nothing of
// theirs remains" check, table by table, that stays complete as tables are added.
import { getTableName, is } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import type { Database } from "../../src/adapters/db/client.js";
import * as schema from "../../src/adapters/db/schema.js";

export function schemaTableNames(): string[] {
  const tables: PgTable[] = [];
  for (const value of Object.values(schema) as unknown[]) if (is(value, PgTable)) tables.push(value);
  return tables.map((table) => getTableName(table)).sort();
}

/** Table name → how many of its rows mention any needle anywhere (any column, case-insensitive); only tables with such rows. */
export async function rowsMentioning(database: Database, needles: string[]): Promise<Record<string, number>> {
  const found: Record<string, number> = {};
  const patterns = needles.map((needle) => `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  for (const table of schemaTableNames()) {
    const { rows } = await database.executeSql(`select count(*)::int as n from "${table}" t where row_to_json(t)::text ilike any($1::text[])`, [patterns]);
    const count = (rows[0] as { n: number }).n;
    if (count > 0) found[table] = count;
  }
  return found;
}
