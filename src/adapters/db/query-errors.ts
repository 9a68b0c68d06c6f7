// Database errors without the values that were in the query. Drizzle's
// DrizzleQueryError says "Failed query: …\nparams: …", and the driver's error
// under it carries `params` (PGlite), `detail` ("Key (email)=(…) already
// exists") and `where` (a parameter's value): any log of a failed query used
// to print password hashes, token hashes and sealed tokens. Every query error
// is replaced at the source by one with the SQL and none of the values; the
// cause keeps SQLSTATE and constraint, which databaseError() reads.
import { DrizzleQueryError } from "drizzle-orm/errors";
import { PgPreparedQuery } from "drizzle-orm/pg-core";
import { isConveneError } from "../../core/errors.js";

/** The driver error's fields that say what went wrong without quoting a value. */
const SAFE_CAUSE_FIELDS = ["code", "severity", "constraint", "table", "column", "schema", "dataType", "routine"] as const;

/** A failed query: the SQL with its $n placeholders, and the driver's error stripped of values. */
export class DatabaseQueryError extends Error {
  override name = "DatabaseQueryError";
  constructor(
    readonly query: string,
    cause: Error & Record<string, unknown>,
  ) {
    super(`Failed query: ${query}`, { cause });
  }
}

/** The driver's error as a new Error with its message, SQLSTATE and constraint, and none of its parameters, detail or context. */
export function withoutQueryValues(error: unknown): Error & Record<string, unknown> {
  if (!(error instanceof Error)) return new Error("database error") as Error & Record<string, unknown>;
  const safe = new Error(error.message) as Error & Record<string, unknown>;
  safe.name = error.name;
  for (const field of SAFE_CAUSE_FIELDS) {
    const value = (error as unknown as Record<string, unknown>)[field];
    if (value !== undefined) safe[field] = value;
  }
  return safe;
}

export function scrubbedQueryError(error: unknown): unknown {
  if (!(error instanceof DrizzleQueryError)) return error;
  // Raised below the query by Convene itself (the pool's DATABASE_BUSY): no values in it, and callers need its code.
  if (isConveneError(error.cause)) return error.cause;
  return new DatabaseQueryError(error.query, withoutQueryValues(error.cause));
}

let isInstalled = false;

/**
 * Makes every Drizzle query on the pg-core dialect (node-postgres and PGlite)
 * throw DatabaseQueryError instead of DrizzleQueryError. Drizzle offers no
 * error hook; all its pg drivers run queries through queryWithCache, which is
 * where it builds the message with the values.
 */
export function installQueryErrorScrubbing(): void {
  if (isInstalled) return;
  isInstalled = true;
  const prototype = PgPreparedQuery.prototype as unknown as { queryWithCache: (...args: unknown[]) => Promise<unknown> };
  const queryWithCache = prototype.queryWithCache;
  if (typeof queryWithCache !== "function") throw new Error("drizzle-orm changed: PgPreparedQuery.queryWithCache is gone; see src/adapters/db/query-errors.ts");
  prototype.queryWithCache = async function (this: unknown, ...args: unknown[]) {
    try {
      return await queryWithCache.apply(this, args);
    } catch (error) {
      throw scrubbedQueryError(error);
    }
  };
}
