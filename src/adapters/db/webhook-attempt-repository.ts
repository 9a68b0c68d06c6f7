// The outbound webhook attempt log over Drizzle: appended once per attempt,
// read newest first per endpoint.
import { and, asc, count, desc, eq, lt, or, sql } from "drizzle-orm";
import type { WebhookAttemptRecord, WebhookAttemptRepository } from "../../use-cases/ports/webhooks.js";
import type { Db } from "./client.js";
import { webhookAttempts } from "./schema.js";

type AttemptRow = typeof webhookAttempts.$inferSelect;

function toRecord(row: AttemptRow): WebhookAttemptRecord {
  const { at, nextAttemptAt, ...rest } = row;
  return { ...rest, atMs: at.getTime(), nextAttemptAtMs: nextAttemptAt?.getTime() ?? null };
}

export function webhookAttemptRepository(db: Db): WebhookAttemptRepository {
  const ofMessage = (tenantId: string, endpointId: string, messageId: string) =>
    and(eq(webhookAttempts.tenantId, tenantId), eq(webhookAttempts.endpointId, endpointId), eq(webhookAttempts.messageId, messageId));
  return {
    async add(tenantId, attempt) {
      const { atMs, nextAttemptAtMs, ...rest } = attempt;
      const [row] = await db
        .insert(webhookAttempts)
        .values({ ...rest, tenantId, at: new Date(atMs), nextAttemptAt: nextAttemptAtMs === null ? null : new Date(nextAttemptAtMs) })
        .returning();
      return toRecord(row!);
    },
    async get(tenantId, id) {
      const [row] = await db.select().from(webhookAttempts).where(and(eq(webhookAttempts.tenantId, tenantId), eq(webhookAttempts.id, id)));
      return row ? toRecord(row) : null;
    },
    async firstOfMessage(tenantId, endpointId, messageId) {
      const [row] = await db.select().from(webhookAttempts).where(ofMessage(tenantId, endpointId, messageId)).orderBy(asc(webhookAttempts.attemptNo)).limit(1);
      return row ? toRecord(row) : null;
    },
    async countOfMessage(tenantId, endpointId, messageId) {
      const [row] = await db.select({ n: count() }).from(webhookAttempts).where(ofMessage(tenantId, endpointId, messageId));
      return row?.n ?? 0;
    },
    async list(tenantId, endpointId, options) {
      const conditions = [eq(webhookAttempts.tenantId, tenantId), eq(webhookAttempts.endpointId, endpointId)];
      // The cursor carries milliseconds and `at` has microseconds: page and order on the truncated value alike.
      const atMs = sql`date_trunc('milliseconds', ${webhookAttempts.at})`;
      if (options.cursor) {
        const at = new Date(options.cursor.atMs).toISOString();
        conditions.push(or(sql`${atMs} < ${at}::timestamptz`, and(sql`${atMs} = ${at}::timestamptz`, lt(webhookAttempts.id, options.cursor.id)))!);
      }
      const rows = await db
        .select()
        .from(webhookAttempts)
        .where(and(...conditions))
        .orderBy(desc(atMs), desc(webhookAttempts.id))
        .limit(options.limit);
      return rows.map(toRecord);
    },
  };
}
