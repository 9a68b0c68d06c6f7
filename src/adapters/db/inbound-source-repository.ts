// Inbound sources, their delivery log and the provider uids of external
// bookings, over Drizzle. A delivery is claimed by inserting its row under the
// (source, dedupe key) unique index: a twin arriving at the same moment waits
// on that index for the first transaction and then finds the row.
import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import type { InboundSourceRecord, InboundSourceRepository } from "../../use-cases/ports/inbound-sources.js";
import type { Db } from "./client.js";
import { externalBookingKeys, inboundDeliveries, inboundSources } from "./schema.js";

type SourceRow = typeof inboundSources.$inferSelect;

function toRecord(row: SourceRow): InboundSourceRecord {
  const { webhookTokenHash: _hash, backfillLeaseUntil: _lease, ...rest } = row;
  return rest;
}

/** A 64-bit advisory lock key per source and uid, derived in SQL so every node agrees. */
const uidLock = (sourceId: string, uid: string) => sql`pg_advisory_xact_lock(hashtextextended(${"inbound/" + sourceId + "/" + uid}, 0))`;

export function inboundSourceRepository(db: Db): InboundSourceRepository {
  const ofSource = (tenantId: string, sourceId: string) => and(eq(inboundSources.tenantId, tenantId), eq(inboundSources.id, sourceId));

  return {
    async create(tenantId, source) {
      const { createdAtMs, ...fields } = source;
      const [row] = await db.insert(inboundSources).values({ ...fields, tenantId, createdAt: new Date(createdAtMs) }).returning();
      return toRecord(row!);
    },
    async get(tenantId, sourceId) {
      const [row] = await db.select().from(inboundSources).where(ofSource(tenantId, sourceId));
      return row ? toRecord(row) : null;
    },
    async list(tenantId) {
      const rows = await db.select().from(inboundSources).where(eq(inboundSources.tenantId, tenantId)).orderBy(asc(inboundSources.createdAt), asc(inboundSources.id));
      return rows.map(toRecord);
    },
    async findByWebhookTokenHash(tokenHash) {
      const [row] = await db.select().from(inboundSources).where(eq(inboundSources.webhookTokenHash, tokenHash));
      return row ? toRecord(row) : null;
    },
    async update(tenantId, sourceId, changes) {
      if (Object.keys(changes).length === 0) {
        const [row] = await db.select().from(inboundSources).where(ofSource(tenantId, sourceId));
        return row ? toRecord(row) : null;
      }
      const [row] = await db.update(inboundSources).set(changes).where(ofSource(tenantId, sourceId)).returning();
      return row ? toRecord(row) : null;
    },
    async delete(tenantId, sourceId) {
      const rows = await db.delete(inboundSources).where(ofSource(tenantId, sourceId)).returning({ id: inboundSources.id });
      return rows.length > 0;
    },
    async touchLastDelivery(tenantId, sourceId, atMs) {
      const at = new Date(atMs);
      await db
        .update(inboundSources)
        .set({ lastDeliveryAt: at })
        .where(and(ofSource(tenantId, sourceId), or(isNull(inboundSources.lastDeliveryAt), lt(inboundSources.lastDeliveryAt, at))));
    },
    async claimBackfillLease(tenantId, sourceId, nowMs, untilMs) {
      const rows = await db
        .update(inboundSources)
        .set({ backfillLeaseUntil: new Date(untilMs) })
        .where(and(ofSource(tenantId, sourceId), or(isNull(inboundSources.backfillLeaseUntil), lt(inboundSources.backfillLeaseUntil, new Date(nowMs)))))
        .returning({ id: inboundSources.id });
      return rows.length > 0;
    },
    async releaseBackfillLease(tenantId, sourceId) {
      await db.update(inboundSources).set({ backfillLeaseUntil: null }).where(ofSource(tenantId, sourceId));
    },
    async listDueForBackfill(backfilledBeforeMs, nowMs, limit) {
      const rows = await db
        .select({ tenantId: inboundSources.tenantId, sourceId: inboundSources.id })
        .from(inboundSources)
        .where(
          and(
            isNotNull(inboundSources.apiTokenSealed),
            or(isNull(inboundSources.lastBackfillAt), lt(inboundSources.lastBackfillAt, new Date(backfilledBeforeMs))),
            or(isNull(inboundSources.backfillLeaseUntil), lt(inboundSources.backfillLeaseUntil, new Date(nowMs))),
          ),
        )
        .orderBy(sql`${inboundSources.lastBackfillAt} asc nulls first`)
        .limit(limit);
      return rows;
    },

    async openDelivery(tenantId, sourceId, delivery) {
      const [inserted] = await db
        .insert(inboundDeliveries)
        .values({ tenantId, sourceId, dedupeKey: delivery.dedupeKey, trigger: delivery.trigger, outcome: "processed", receivedAt: new Date(delivery.receivedAtMs) })
        .onConflictDoNothing({ target: [inboundDeliveries.sourceId, inboundDeliveries.dedupeKey], where: sql`dedupe_key is not null` })
        .returning({ id: inboundDeliveries.id });
      if (inserted) return { id: inserted.id, isDuplicate: false };
      const [existing] = await db
        .update(inboundDeliveries)
        .set({ receivedCount: sql`${inboundDeliveries.receivedCount} + 1` })
        .where(and(eq(inboundDeliveries.tenantId, tenantId), eq(inboundDeliveries.sourceId, sourceId), eq(inboundDeliveries.dedupeKey, delivery.dedupeKey)))
        .returning({ id: inboundDeliveries.id });
      return { id: existing!.id, isDuplicate: true };
    },
    async finishDelivery(tenantId, deliveryId, result) {
      await db
        .update(inboundDeliveries)
        .set(result)
        .where(and(eq(inboundDeliveries.tenantId, tenantId), eq(inboundDeliveries.id, deliveryId)));
    },
    async recordRefused(tenantId, sourceId, refused) {
      await db.insert(inboundDeliveries).values({ tenantId, sourceId, dedupeKey: null, trigger: refused.trigger, outcome: refused.outcome, detail: refused.detail, receivedAt: new Date(refused.receivedAtMs) });
    },
    async recentDeliveries(tenantId, sourceId, limit) {
      return db
        .select({
          id: inboundDeliveries.id,
          trigger: inboundDeliveries.trigger,
          outcome: inboundDeliveries.outcome,
          detail: inboundDeliveries.detail,
          bookingId: inboundDeliveries.bookingId,
          receivedCount: inboundDeliveries.receivedCount,
          receivedAt: inboundDeliveries.receivedAt,
        })
        .from(inboundDeliveries)
        .where(and(eq(inboundDeliveries.tenantId, tenantId), eq(inboundDeliveries.sourceId, sourceId)))
        .orderBy(desc(inboundDeliveries.receivedAt), desc(inboundDeliveries.id))
        .limit(limit);
    },

    async lockUids(_tenantId, sourceId, uids) {
      for (const uid of [...new Set(uids)].sort()) await db.execute(sql`select ${uidLock(sourceId, uid)}`);
    },
    async findBookingId(tenantId, sourceId, uids) {
      if (uids.length === 0) return null;
      const [row] = await db
        .select({ bookingId: externalBookingKeys.bookingId })
        .from(externalBookingKeys)
        .where(and(eq(externalBookingKeys.tenantId, tenantId), eq(externalBookingKeys.sourceId, sourceId), inArray(externalBookingKeys.uid, uids)))
        .limit(1);
      return row?.bookingId ?? null;
    },
    async addUid(tenantId, sourceId, uid, bookingId) {
      await db.insert(externalBookingKeys).values({ tenantId, sourceId, uid, bookingId }).onConflictDoNothing();
    },
  };
}
