// Booking events: appended in the change's transaction, claimed by the relay
// one at a time under a transaction-scoped advisory lock, so one node fans
// out at a time and every booking's events go out in their order.
import { and, asc, eq, max, sql } from "drizzle-orm";
import type { BookingEventRecord, BookingEventRepository } from "../../use-cases/ports/events.js";
import type { Db } from "./client.js";
import { bookingEvents } from "./schema.js";

type BookingEventRow = typeof bookingEvents.$inferSelect;

/** The advisory lock key of the fan-out (any constant other locks do not use; pg-boss hashes its schema name). */
export const FAN_OUT_LOCK_KEY = 7_311_021_411;

function toRecord(row: BookingEventRow): BookingEventRecord {
  return {
    id: row.id,
    tenantId: row.tenantId,
    bookingId: row.bookingId,
    seq: row.seq,
    type: row.type,
    bookingSequence: row.bookingSequence,
    facts: row.facts,
    occurredAtMs: row.occurredAt.getTime(),
    fannedOutAtMs: row.fannedOutAt?.getTime() ?? null,
  };
}

export function bookingEventRepository(db: Db): BookingEventRepository {
  return {
    async append(tenantId, event) {
      // The caller holds the booking's row (or has just created it), so no other change computes the same seq;
      // the unique (booking_id, seq) index is the last word if one ever did.
      const [last] = await db.select({ seq: max(bookingEvents.seq) }).from(bookingEvents).where(eq(bookingEvents.bookingId, event.bookingId));
      const [row] = await db
        .insert(bookingEvents)
        .values({
          tenantId,
          bookingId: event.bookingId,
          seq: (last?.seq ?? 0) + 1,
          type: event.type,
          bookingSequence: event.bookingSequence,
          facts: event.facts,
          occurredAt: new Date(event.occurredAtMs),
        })
        .returning();
      return toRecord(row!);
    },
    async listForBooking(tenantId, bookingId) {
      const rows = await db
        .select()
        .from(bookingEvents)
        .where(and(eq(bookingEvents.tenantId, tenantId), eq(bookingEvents.bookingId, bookingId)))
        .orderBy(asc(bookingEvents.seq));
      return rows.map(toRecord);
    },
    async getForDelivery(eventId) {
      const [row] = await db.select().from(bookingEvents).where(eq(bookingEvents.id, eventId));
      return row ? toRecord(row) : null;
    },
    async claimUnfanned(limit) {
      // Released at commit or rollback; a node that does not get it leaves the fan-out to the one that has.
      const lock = (await db.execute(sql`select pg_try_advisory_xact_lock(${FAN_OUT_LOCK_KEY}) as "isLocked"`)) as unknown as { rows: { isLocked: boolean }[] };
      if (!lock.rows[0]?.isLocked) return [];
      const rows = await db
        .select()
        .from(bookingEvents)
        .where(
          sql`${bookingEvents.fannedOutAt} is null and not exists (
            select 1 from ${bookingEvents} earlier
             where earlier.booking_id = ${bookingEvents.bookingId} and earlier.seq < ${bookingEvents.seq} and earlier.fanned_out_at is null)`,
        )
        .orderBy(asc(bookingEvents.occurredAt), asc(bookingEvents.seq))
        .limit(limit);
      return rows.map(toRecord);
    },
    async markFannedOut(eventId, nowMs) {
      await db.update(bookingEvents).set({ fannedOutAt: new Date(nowMs) }).where(eq(bookingEvents.id, eventId));
    },
  };
}
