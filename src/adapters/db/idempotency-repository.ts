// Stored answers for requests sent with an Idempotency-Key.
import { and, eq, lt } from "drizzle-orm";
import type { IdempotencyRepository } from "../../use-cases/ports/bookings.js";
import type { Db } from "./client.js";
import { idempotencyKeys } from "./schema.js";

export function idempotencyRepository(db: Db): IdempotencyRepository {
  return {
    async find(scope, key) {
      const [row] = await db.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
      return row ? { requestHash: row.requestHash, statusCode: row.statusCode, body: row.responseBody } : null;
    },
    async save(scope, key, response) {
      // ON CONFLICT rather than catching 23505: an error would abort the caller's transaction.
      const inserted = await db
        .insert(idempotencyKeys)
        .values({ scope, key, requestHash: response.requestHash, statusCode: response.statusCode, responseBody: response.body })
        .onConflictDoNothing()
        .returning({ key: idempotencyKeys.key });
      return inserted.length === 1;
    },
    async deleteStoredBefore(beforeMs) {
      const deleted = await db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, new Date(beforeMs))).returning({ key: idempotencyKeys.key });
      return deleted.length;
    },
  };
}
