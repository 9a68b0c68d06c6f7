// Organisation events: appended in the change's transaction, claimed by the
// relay under the same transaction-scoped advisory lock as booking events, so
// one node fans out at a time and a subject's events go out in their order.
import { and, asc, eq, max, sql } from "drizzle-orm";
import type { OrgEventRecord, OrgEventRepository } from "../../use-cases/ports/org-events.js";
import { FAN_OUT_LOCK_KEY } from "./booking-event-repository.js";
import type { Db } from "./client.js";
import { orgEvents } from "./schema.js";

type OrgEventRow = typeof orgEvents.$inferSelect;

function toRecord(row: OrgEventRow): OrgEventRecord {
  return {
    id: row.id,
    tenantId: row.tenantId,
    subject: row.subject,
    seq: row.seq,
    type: row.type,
    facts: row.facts as OrgEventRecord["facts"],
    occurredAtMs: row.occurredAt.getTime(),
    fannedOutAtMs: row.fannedOutAt?.getTime() ?? null,
  };
}

export function orgEventRepository(db: Db): OrgEventRepository {
  return {
    async append(tenantId, event) {
      const [last] = await db
        .select({ seq: max(orgEvents.seq) })
        .from(orgEvents)
        .where(and(eq(orgEvents.tenantId, tenantId), eq(orgEvents.subject, event.subject)));
      const [row] = await db
        .insert(orgEvents)
        .values({ tenantId, subject: event.subject, seq: (last?.seq ?? 0) + 1, type: event.type, facts: event.facts as Record<string, unknown>, occurredAt: new Date(event.occurredAtMs) })
        .returning();
      return toRecord(row!) as OrgEventRecord<typeof event.type>;
    },
    async getForDelivery(eventId) {
      const [row] = await db.select().from(orgEvents).where(eq(orgEvents.id, eventId));
      return row ? toRecord(row) : null;
    },
    async claimUnfanned(limit) {
      // Re-entrant within the transaction: the relay may already hold it for booking events.
      const lock = (await db.execute(sql`select pg_try_advisory_xact_lock(${FAN_OUT_LOCK_KEY}) as "isLocked"`)) as unknown as { rows: { isLocked: boolean }[] };
      if (!lock.rows[0]?.isLocked) return [];
      const rows = await db
        .select()
        .from(orgEvents)
        .where(sql`${orgEvents.fannedOutAt} is null`)
        .orderBy(asc(orgEvents.occurredAt), asc(orgEvents.seq))
        .limit(limit);
      return rows.map(toRecord);
    },
    async markFannedOut(eventId, nowMs) {
      await db.update(orgEvents).set({ fannedOutAt: new Date(nowMs) }).where(eq(orgEvents.id, eventId));
    },
  };
}
