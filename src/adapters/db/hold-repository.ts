// Slot holds and their busy rows in booking_hosts (hold_id set). The
// exclusion constraint on booking_hosts is what keeps a held time from being
// booked or held twice; its violation (23P01) becomes SLOT_TAKEN.
import { and, desc, eq, getTableColumns, gt, isNull, sql } from "drizzle-orm";
import { ConveneError } from "../../core/errors.js";
import type { HoldRepository, SlotHoldRecord } from "../../use-cases/ports/holds.js";
import { databaseError, type Db } from "./client.js";
import { bookingHosts, slotHolds } from "./schema.js";

type HoldRow = typeof slotHolds.$inferSelect;

const hostIdsColumn = sql<string[]>`coalesce((select array_agg(bh.host_user_id::text order by bh.host_user_id) from booking_hosts bh where bh.hold_id = ${slotHolds.id}), '{}')`;

function toRecord(row: HoldRow & { hostUserIds: string[] }): SlotHoldRecord {
  return {
    id: row.id,
    tenantId: row.tenantId,
    linkId: row.linkId,
    oneTimeLinkId: row.oneTimeLinkId,
    startMs: row.startAt.getTime(),
    endMs: row.endAt.getTime(),
    durationMin: row.durationMin,
    expiresAtMs: row.expiresAt.getTime(),
    createdBy: { type: row.createdByType, id: row.createdById },
    consumedAtMs: row.consumedAt?.getTime() ?? null,
    consumedBookingId: row.consumedBookingId,
    releasedAtMs: row.releasedAt?.getTime() ?? null,
    createdAtMs: row.createdAt.getTime(),
    hostUserIds: row.hostUserIds,
  };
}

function slotTaken(error: unknown): never {
  if (databaseError(error).sqlState === "23P01") throw new ConveneError("SLOT_TAKEN", "Someone else took this time a moment ago.", { cause: error });
  throw error;
}

const isLive = (nowMs: number) => and(isNull(slotHolds.consumedAt), isNull(slotHolds.releasedAt), gt(slotHolds.expiresAt, new Date(nowMs)));

export function holdRepository(db: Db): HoldRepository {
  const selectHold = () => db.select({ ...slotHoldColumns, hostUserIds: hostIdsColumn }).from(slotHolds);
  const one = (rows: (HoldRow & { hostUserIds: string[] })[]) => (rows[0] ? toRecord(rows[0]) : null);
  const freeRows = (holdIds: string[]) =>
    holdIds.length === 0 ? Promise.resolve() : db.update(bookingHosts).set({ isActive: false }).where(sql`${bookingHosts.holdId} in ${holdIds}`);

  return {
    async create(tenantId, hold, rows) {
      const [row] = await db
        .insert(slotHolds)
        .values({
          tenantId,
          linkId: hold.linkId,
          oneTimeLinkId: hold.oneTimeLinkId,
          tokenHash: hold.tokenHash,
          startAt: new Date(hold.startMs),
          endAt: new Date(hold.endMs),
          durationMin: hold.durationMin,
          expiresAt: new Date(hold.expiresAtMs),
          createdByType: hold.createdBy.type,
          createdById: hold.createdBy.id,
          createdAt: new Date(hold.createdAtMs),
        })
        .returning();
      await db
        .insert(bookingHosts)
        .values(
          rows.map((busy) => ({
            holdId: row!.id,
            tenantId,
            hostUserId: busy.hostUserId,
            startAt: new Date(hold.startMs),
            busyStartAt: new Date(busy.busyStartMs),
            busyEndAt: new Date(busy.busyEndMs),
          })),
        )
        .catch(slotTaken);
      return toRecord({ ...row!, hostUserIds: rows.map((busy) => busy.hostUserId).sort() });
    },
    async findByTokenHashForUpdate(tenantId, tokenHash) {
      // Lock the bare row first: the host list is an aggregate, which FOR UPDATE does not allow.
      const locked = await db
        .select({ id: slotHolds.id })
        .from(slotHolds)
        .where(and(eq(slotHolds.tenantId, tenantId), eq(slotHolds.tokenHash, tokenHash)))
        .for("update");
      return locked[0] ? one(await selectHold().where(and(eq(slotHolds.tenantId, tenantId), eq(slotHolds.id, locked[0].id)))) : null;
    },
    async findByTokenHash(tenantId, tokenHash) {
      return one(await selectHold().where(and(eq(slotHolds.tenantId, tenantId), eq(slotHolds.tokenHash, tokenHash))));
    },
    async get(tenantId, holdId) {
      return one(await selectHold().where(and(eq(slotHolds.tenantId, tenantId), eq(slotHolds.id, holdId))));
    },
    async listLive(tenantId, nowMs, filter) {
      const rows = await selectHold()
        .where(
          and(
            eq(slotHolds.tenantId, tenantId),
            isLive(nowMs),
            filter.hostUserId === undefined
              ? undefined
              : sql`exists (select 1 from ${bookingHosts} where ${bookingHosts.holdId} = ${slotHolds.id} and ${bookingHosts.hostUserId} = ${filter.hostUserId})`,
          ),
        )
        .orderBy(desc(slotHolds.createdAt), desc(slotHolds.id))
        .limit(filter.limit);
      return rows.map(toRecord);
    },
    async release(tenantId, holdId, nowMs) {
      const released = await db
        .update(slotHolds)
        .set({ releasedAt: new Date(nowMs) })
        .where(and(eq(slotHolds.tenantId, tenantId), eq(slotHolds.id, holdId), isLive(nowMs)))
        .returning({ id: slotHolds.id });
      await freeRows(released.map((row) => row.id));
      return released.length > 0;
    },
    async consume(tenantId, holdId, nowMs) {
      await db
        .update(slotHolds)
        .set({ consumedAt: new Date(nowMs) })
        .where(and(eq(slotHolds.tenantId, tenantId), eq(slotHolds.id, holdId)));
      await freeRows([holdId]);
    },
    async noteBooking(tenantId, holdId, bookingId) {
      await db
        .update(slotHolds)
        .set({ consumedBookingId: bookingId })
        .where(and(eq(slotHolds.tenantId, tenantId), eq(slotHolds.id, holdId)));
    },
    async releaseExpiredOf(tenantId, hostUserIds, nowMs) {
      if (hostUserIds.length === 0) return 0;
      const now = new Date(nowMs);
      const released = await db
        .update(slotHolds)
        .set({ releasedAt: now })
        .where(
          and(
            eq(slotHolds.tenantId, tenantId),
            isNull(slotHolds.consumedAt),
            isNull(slotHolds.releasedAt),
            sql`${slotHolds.expiresAt} <= ${now}`,
            sql`exists (select 1 from ${bookingHosts} where ${bookingHosts.holdId} = ${slotHolds.id} and ${bookingHosts.isActive} and ${bookingHosts.hostUserId} in ${hostUserIds})`,
          ),
        )
        .returning({ id: slotHolds.id });
      await freeRows(released.map((row) => row.id));
      return released.length;
    },
    async releaseExpired(nowMs, limit) {
      const now = new Date(nowMs);
      // One statement, so a hold is never marked released with its rows still blocking. SKIP LOCKED: a hold
      // being consumed or released right now is left to that transaction.
      const result = (await db.execute(sql`
        with released as (
          update ${slotHolds} set released_at = ${now}
          where id in (
            select id from ${slotHolds}
            where consumed_at is null and released_at is null and expires_at <= ${now}
            order by expires_at limit ${limit}
            for update skip locked)
          returning id),
        freed as (update ${bookingHosts} set is_active = false where hold_id in (select id from released) and is_active)
        select count(*)::int as "count" from released`)) as unknown as { rows: { count: number }[] };
      return result.rows[0]?.count ?? 0;
    },
  };
}

const slotHoldColumns = getTableColumns(slotHolds);
