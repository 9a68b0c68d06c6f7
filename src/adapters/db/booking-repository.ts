// Bookings, the holds they put on their hosts' time, and their history. The
// exclusion constraint on booking_hosts is what makes double booking
// impossible; this file turns its violation (23P01) into SLOT_TAKEN.
import { and, asc, desc, eq, getTableColumns, gt, gte, ilike, inArray, lt, max, or, sql, type SQL } from "drizzle-orm";
import { ConveneError } from "../../core/errors.js";
import type { Actor } from "../../core/tenancy.js";
import type { BookingRecord, BookingRepository, HostHoldInput } from "../../use-cases/ports/bookings.js";
import { databaseError, type Db } from "./client.js";
import { bookingHistory, bookingHosts, bookings, slotHolds } from "./schema.js";

type BookingRow = typeof bookings.$inferSelect;

const hostIdsColumn = sql<string[]>`coalesce((select array_agg(bh.host_user_id::text order by bh.host_user_id) from booking_hosts bh where bh.booking_id = ${bookings.id}), '{}')`;

function toRecord(row: BookingRow & { hostUserIds: string[] }): BookingRecord {
  const { manageTokenHash: _hash, linkViewId: _view, ...rest } = row;
  return rest;
}

function slotTaken(error: unknown): never {
  if (databaseError(error).sqlState === "23P01") {
    throw new ConveneError("SLOT_TAKEN", "Another booking took this time a moment ago.", { cause: error });
  }
  throw error;
}

/** A 64-bit advisory lock key per tenant and host, derived in SQL so every node agrees. */
const lockKey = (tenantId: string, hostUserId: string) => sql`pg_advisory_xact_lock(hashtextextended(${tenantId + "/" + hostUserId}, 0))`;

export function bookingRepository(db: Db): BookingRepository {
  const selectBooking = () => db.select({ ...bookingColumns, hostUserIds: hostIdsColumn }).from(bookings);

  async function getBooking(tenantId: string, bookingId: string): Promise<BookingRecord | null> {
    const [row] = await selectBooking().where(and(eq(bookings.tenantId, tenantId), eq(bookings.id, bookingId)));
    return row ? toRecord(row as BookingRow & { hostUserIds: string[] }) : null;
  }

  async function insertHolds(tenantId: string, bookingId: string, holds: HostHoldInput[]) {
    await db.insert(bookingHosts).values(
      holds.map((hold) => ({
        bookingId,
        tenantId,
        hostUserId: hold.hostUserId,
        startAt: new Date(hold.startMs),
        busyStartAt: new Date(hold.busyStartMs),
        busyEndAt: new Date(hold.busyEndMs),
        isActive: hold.isActive ?? true,
      })),
    );
  }

  return {
    async lockHosts(tenantId, hostUserIds) {
      for (const hostUserId of [...new Set(hostUserIds)].sort()) await db.execute(sql`select ${lockKey(tenantId, hostUserId)}`);
    },
    async activeHolds(tenantId, hostUserIds, fromMs, toMs) {
      if (hostUserIds.length === 0) return [];
      const rows = await db
        .select({
          bookingId: bookingHosts.bookingId,
          holdId: bookingHosts.holdId,
          hostUserId: bookingHosts.hostUserId,
          startAt: sql<Date>`coalesce(${bookings.startAt}, ${slotHolds.startAt})`.mapWith(bookings.startAt),
          // A row is a booking's or a slot hold's (exactly one of the joins matches).
          endAt: sql<Date>`coalesce(${bookings.endAt}, ${slotHolds.endAt})`.mapWith(bookings.endAt),
          busyStartAt: bookingHosts.busyStartAt,
          busyEndAt: bookingHosts.busyEndAt,
          createdAt: sql<Date>`coalesce(${bookings.createdAt}, ${slotHolds.createdAt})`.mapWith(bookings.createdAt),
          expiresAt: slotHolds.expiresAt,
        })
        .from(bookingHosts)
        .leftJoin(bookings, eq(bookings.id, bookingHosts.bookingId))
        .leftJoin(slotHolds, eq(slotHolds.id, bookingHosts.holdId))
        .where(
          and(
            eq(bookingHosts.tenantId, tenantId),
            inArray(bookingHosts.hostUserId, hostUserIds),
            eq(bookingHosts.isActive, true),
            lt(bookingHosts.busyStartAt, new Date(toMs)),
            gt(bookingHosts.busyEndAt, new Date(fromMs)),
          ),
        );
      return rows.map((row) => ({
        bookingId: row.bookingId,
        holdId: row.holdId,
        expiresAtMs: row.expiresAt?.getTime() ?? null,
        hostUserId: row.hostUserId,
        startMs: row.startAt.getTime(),
        endMs: row.endAt.getTime(),
        busyStartMs: row.busyStartAt.getTime(),
        busyEndMs: row.busyEndAt.getTime(),
        createdAtMs: row.createdAt.getTime(),
      }));
    },
    async lastBookedAtMs(tenantId, hostUserIds) {
      if (hostUserIds.length === 0) return new Map();
      const rows = await db
        .select({ hostUserId: bookingHosts.hostUserId, lastAt: max(bookings.createdAt) })
        .from(bookingHosts)
        .innerJoin(bookings, eq(bookings.id, bookingHosts.bookingId))
        .where(and(eq(bookingHosts.tenantId, tenantId), inArray(bookingHosts.hostUserId, hostUserIds)))
        .groupBy(bookingHosts.hostUserId);
      return new Map(rows.filter((row) => row.lastAt).map((row) => [row.hostUserId, new Date(row.lastAt!).getTime()]));
    },
    async create(tenantId, booking, holds) {
      const { createdAtMs, hostUserIds: _hosts, ...fields } = booking;
      const [row] = await db
        .insert(bookings)
        .values({ ...fields, tenantId, status: "scheduled", sequence: 0, createdAt: new Date(createdAtMs), updatedAt: new Date(createdAtMs) })
        .returning();
      await insertHolds(tenantId, row!.id, holds).catch(slotTaken);
      return toRecord({ ...row!, hostUserIds: holds.map((hold) => hold.hostUserId).sort() });
    },
    get: getBooking,
    async getForUpdate(tenantId, bookingId) {
      // Lock the bare row first: the record's host list is an aggregate, which FOR UPDATE does not allow.
      const locked = await db
        .select({ id: bookings.id })
        .from(bookings)
        .where(and(eq(bookings.tenantId, tenantId), eq(bookings.id, bookingId)))
        .for("update");
      return locked.length === 0 ? null : getBooking(tenantId, bookingId);
    },
    async findByManageTokenHash(tokenHash) {
      const [row] = await selectBooking().where(eq(bookings.manageTokenHash, tokenHash));
      return row ? toRecord(row as BookingRow & { hostUserIds: string[] }) : null;
    },
    async update(tenantId, bookingId, changes, nowMs) {
      await db
        .update(bookings)
        .set({ ...changes, updatedAt: new Date(nowMs) })
        .where(and(eq(bookings.tenantId, tenantId), eq(bookings.id, bookingId)));
      const [row] = await selectBooking().where(and(eq(bookings.tenantId, tenantId), eq(bookings.id, bookingId)));
      return toRecord(row as BookingRow & { hostUserIds: string[] });
    },
    async replaceHolds(tenantId, bookingId, holds) {
      await db.delete(bookingHosts).where(and(eq(bookingHosts.tenantId, tenantId), eq(bookingHosts.bookingId, bookingId)));
      await insertHolds(tenantId, bookingId, holds).catch(slotTaken);
    },
    async releaseHolds(tenantId, bookingId) {
      await db
        .update(bookingHosts)
        .set({ isActive: false })
        .where(and(eq(bookingHosts.tenantId, tenantId), eq(bookingHosts.bookingId, bookingId)));
    },
    async list(tenantId, filter) {
      const sortColumn = filter.order === "created_desc" ? bookings.createdAt : bookings.startAt;
      const conditions: (SQL | undefined)[] = [
        eq(bookings.tenantId, tenantId),
        filter.status?.length ? inArray(bookings.status, filter.status) : undefined,
        filter.fromMs === undefined ? undefined : gte(bookings.startAt, new Date(filter.fromMs)),
        filter.toMs === undefined ? undefined : lt(bookings.startAt, new Date(filter.toMs)),
        filter.linkId ? eq(bookings.linkId, filter.linkId) : undefined,
        // The booking_hosts primary key (booking_id, host_user_id) answers this per booking.
        filter.hostUserId === undefined
          ? undefined
          : sql`exists (select 1 from ${bookingHosts} where ${bookingHosts.bookingId} = ${bookings.id} and ${bookingHosts.hostUserId} = ${filter.hostUserId})`,
        filter.query ? or(ilike(bookings.inviteeName, `%${escapeLike(filter.query)}%`), ilike(bookings.inviteeEmail, `%${escapeLike(filter.query)}%`)) : undefined,
      ];
      if (filter.cursor) {
        const at = new Date(filter.cursor.sortMs);
        conditions.push(
          filter.order === "start_asc"
            ? or(gt(sortColumn, at), and(eq(sortColumn, at), gt(bookings.id, filter.cursor.id)))
            : or(lt(sortColumn, at), and(eq(sortColumn, at), lt(bookings.id, filter.cursor.id))),
        );
      }
      const rows = await selectBooking()
        .where(and(...conditions))
        .orderBy(...(filter.order === "start_asc" ? [asc(sortColumn), asc(bookings.id)] : [desc(sortColumn), desc(bookings.id)]))
        .limit(filter.limit);
      return rows.map((row) => toRecord(row as BookingRow & { hostUserIds: string[] }));
    },
    async addHistory(tenantId, bookingId, entry) {
      await db.insert(bookingHistory).values({
        bookingId,
        tenantId,
        action: entry.action,
        actorType: entry.actor.type,
        actorId: entry.actor.id,
        oldValues: entry.oldValues,
        newValues: entry.newValues,
        at: new Date(entry.atMs),
      });
    },
    async listHistory(tenantId, bookingId) {
      const rows = await db
        .select()
        .from(bookingHistory)
        .where(and(eq(bookingHistory.tenantId, tenantId), eq(bookingHistory.bookingId, bookingId)))
        .orderBy(asc(bookingHistory.id));
      return rows.map((row) => ({
        id: row.id,
        action: row.action as "created",
        actor: { type: row.actorType, id: row.actorId } as Actor,
        oldValues: row.oldValues,
        newValues: row.newValues,
        atMs: row.at.getTime(),
      }));
    },
  };
}

const bookingColumns = getTableColumns(bookings);

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
