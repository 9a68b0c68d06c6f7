// Deliveries: planned when an event fans out, relayed to the job queue when
// due, finished by the handler with its outcome; the delivery log reads them.
import { and, asc, desc, eq, inArray, isNull, lt, lte, or, sql, type SQL } from "drizzle-orm";
import type { BookingDeliveryRecord, DeliveryRecord, DeliveryRepository, PlannedDelivery } from "../../use-cases/ports/deliveries.js";
import type { Db } from "./client.js";
import { bookingHosts, deliveries } from "./schema.js";

type DeliveryRow = typeof deliveries.$inferSelect;

function toRecord(row: DeliveryRow): DeliveryRecord {
  return {
    id: row.id,
    tenantId: row.tenantId,
    bookingId: row.bookingId,
    channel: row.channel,
    eventId: row.eventId,
    orgEventId: row.orgEventId,
    kind: row.kind,
    dedupeKey: row.dedupeKey,
    recipient: { role: row.recipientRole, email: row.recipientEmail, name: row.recipientName, timeZone: row.recipientTimeZone },
    sequence: row.sequence,
    runAtMs: row.runAt.getTime(),
    state: row.state,
    attempts: row.attempts,
    lastError: row.lastError,
    nextAttemptAtMs: row.nextAttemptAt?.getTime() ?? null,
    sentAtMs: row.sentAt?.getTime() ?? null,
    createdAtMs: row.createdAt.getTime(),
  };
}

function rowsOf(planned: PlannedDelivery[], owner: Pick<typeof deliveries.$inferInsert, "tenantId" | "bookingId" | "channel" | "eventId" | "orgEventId">) {
  return planned.map((delivery) => ({
    ...owner,
    kind: delivery.kind,
    recipientRole: delivery.recipient.role,
    recipientEmail: delivery.recipient.email,
    recipientName: delivery.recipient.name,
    recipientTimeZone: delivery.recipient.timeZone,
    sequence: delivery.sequence,
    dedupeKey: delivery.dedupeKey,
    runAt: new Date(delivery.runAtMs),
  }));
}

export function deliveryRepository(db: Db): DeliveryRepository {
  return {
    async add(tenantId, bookingId, channel, eventId, planned) {
      if (planned.length === 0) return;
      await db
        .insert(deliveries)
        .values(rowsOf(planned, { tenantId, bookingId, channel, eventId, orgEventId: null }))
        .onConflictDoNothing();
    },
    async addForOrgEvent(tenantId, orgEventId, channel, planned) {
      if (planned.length === 0) return;
      await db
        .insert(deliveries)
        .values(rowsOf(planned, { tenantId, bookingId: null, channel, eventId: null, orgEventId }))
        .onConflictDoNothing();
    },
    async skipPending(tenantId, bookingId, channel, kinds) {
      if (kinds.length === 0) return;
      await db
        .update(deliveries)
        .set({ state: "skipped", nextAttemptAt: null })
        .where(
          and(
            eq(deliveries.tenantId, tenantId),
            eq(deliveries.bookingId, bookingId),
            eq(deliveries.channel, channel),
            eq(deliveries.state, "pending"),
            inArray(deliveries.kind, [...kinds]),
          ),
        );
    },
    async listForBooking(tenantId, bookingId) {
      const rows = await db
        .select()
        .from(deliveries)
        .where(and(eq(deliveries.tenantId, tenantId), eq(deliveries.bookingId, bookingId)))
        .orderBy(asc(deliveries.runAt), asc(deliveries.channel), asc(deliveries.kind), asc(deliveries.recipientRole));
      return rows.map(toRecord) as BookingDeliveryRecord[];
    },
    async listPendingBefore(tenantId, channel, prefix, before) {
      const rows = await db
        .select()
        .from(deliveries)
        .where(
          and(
            eq(deliveries.tenantId, tenantId),
            eq(deliveries.channel, channel),
            eq(deliveries.state, "pending"),
            // Prefix match without LIKE's wildcards: keys are ids and digits, but a "_" in a prefix must not match any character.
            sql`left(${deliveries.dedupeKey}, ${prefix.length}) = ${prefix}`,
            lt(deliveries.dedupeKey, before),
          ),
        );
      return rows.map(toRecord);
    },
    async list(tenantId, filter) {
      const conditions: (SQL | undefined)[] = [eq(deliveries.tenantId, tenantId)];
      if (filter.state) conditions.push(eq(deliveries.state, filter.state));
      if (filter.channel) conditions.push(eq(deliveries.channel, filter.channel));
      // Per delivery, the booking_hosts primary key (booking_id, host_user_id) answers it.
      if (filter.hostUserId !== undefined) {
        conditions.push(sql`exists (select 1 from ${bookingHosts} where ${bookingHosts.bookingId} = ${deliveries.bookingId} and ${bookingHosts.hostUserId} = ${filter.hostUserId})`);
      }
      // The cursor carries milliseconds and created_at has microseconds: page and order on the truncated value alike.
      const createdAtMs = sql`date_trunc('milliseconds', ${deliveries.createdAt})`;
      if (filter.cursor) {
        const at = new Date(filter.cursor.createdAtMs).toISOString();
        conditions.push(or(sql`${createdAtMs} < ${at}::timestamptz`, and(sql`${createdAtMs} = ${at}::timestamptz`, lt(deliveries.id, filter.cursor.id))));
      }
      const rows = await db
        .select()
        .from(deliveries)
        .where(and(...conditions))
        .orderBy(desc(createdAtMs), desc(deliveries.id))
        .limit(filter.limit);
      return rows.map(toRecord);
    },
    async due(nowMs, limit) {
      const rows = await db
        .select()
        .from(deliveries)
        .where(and(eq(deliveries.state, "pending"), isNull(deliveries.dispatchedAt), lte(deliveries.runAt, new Date(nowMs))))
        .orderBy(asc(deliveries.runAt))
        .limit(limit);
      return rows.map(toRecord);
    },
    async markDispatched(ids, nowMs) {
      if (ids.length === 0) return;
      await db.update(deliveries).set({ dispatchedAt: new Date(nowMs) }).where(inArray(deliveries.id, ids));
    },
    async getForDelivery(deliveryId) {
      const [row] = await db.select().from(deliveries).where(eq(deliveries.id, deliveryId));
      return row ? toRecord(row) : null;
    },
    async finish(deliveryId, outcome) {
      await db
        .update(deliveries)
        .set({
          state: outcome.state,
          lastError: outcome.error ?? null,
          nextAttemptAt: null,
          ...(outcome.state === "sent" ? { sentAt: new Date(outcome.nowMs), attempts: sql`${deliveries.attempts} + 1` } : {}),
        })
        .where(and(eq(deliveries.id, deliveryId), eq(deliveries.state, "pending")));
    },
    async recordFailedAttempt(deliveryId, error, nextAttemptAtMs) {
      await db
        .update(deliveries)
        .set({ attempts: sql`${deliveries.attempts} + 1`, lastError: error.slice(0, 2000), nextAttemptAt: nextAttemptAtMs === null ? null : new Date(nextAttemptAtMs) })
        .where(eq(deliveries.id, deliveryId));
    },
    async reschedule(deliveryId, retry) {
      const runAt = new Date(retry.runAtMs);
      await db
        .update(deliveries)
        .set({
          ...(retry.countsAsAttempt ? { attempts: sql`${deliveries.attempts} + 1` } : {}),
          lastError: retry.error.slice(0, 2000),
          runAt,
          nextAttemptAt: runAt,
          dispatchedAt: null,
        })
        .where(and(eq(deliveries.id, deliveryId), eq(deliveries.state, "pending")));
    },
  };
}
