// calendar_push_channels: the Google channels and Graph subscriptions Convene
// holds open (see ports/push-channels.ts). A pending row (resource_id '') is
// one whose provider has not answered yet.
import { and, asc, eq, gt, inArray, ne } from "drizzle-orm";
import type { PushChannelRecord, PushChannelRepository } from "../../use-cases/ports/push-channels.js";
import type { Db } from "./client.js";
import { calendarPushChannels } from "./schema.js";

type Row = typeof calendarPushChannels.$inferSelect;

/** resource_id is NOT NULL: '' stands for "not accepted yet". */
const PENDING = "";

function toRecord(row: Row): PushChannelRecord {
  return {
    id: row.id,
    tenantId: row.tenantId,
    connectionId: row.connectionId,
    calendarId: row.calendarId,
    provider: row.provider,
    resourceId: row.resourceId === PENDING ? null : row.resourceId,
    tokenHash: row.tokenHash,
    expiresAtMs: row.expiresAt.getTime(),
    createdAtMs: row.createdAt.getTime(),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function pushChannelRepository(db: Db): PushChannelRepository {
  return {
    async insertPending(tenantId, channel, nowMs) {
      await db.insert(calendarPushChannels).values({ ...channel, tenantId, resourceId: PENDING, expiresAt: new Date(channel.expiresAtMs), createdAt: new Date(nowMs) });
    },
    async activate(tenantId, channelId, watch) {
      await db
        .update(calendarPushChannels)
        .set({ resourceId: watch.resourceId, expiresAt: new Date(watch.expiresAtMs) })
        .where(and(eq(calendarPushChannels.tenantId, tenantId), eq(calendarPushChannels.id, channelId)));
    },
    async delete(tenantId, channelId) {
      await db.delete(calendarPushChannels).where(and(eq(calendarPushChannels.tenantId, tenantId), eq(calendarPushChannels.id, channelId)));
    },
    async listOfConnection(tenantId, connectionId) {
      const rows = await db
        .select()
        .from(calendarPushChannels)
        .where(and(eq(calendarPushChannels.tenantId, tenantId), eq(calendarPushChannels.connectionId, connectionId)))
        .orderBy(asc(calendarPushChannels.createdAt), asc(calendarPushChannels.id));
      return rows.map(toRecord);
    },
    async liveConnectionIds(tenantId, connectionIds, nowMs) {
      if (connectionIds.length === 0) return new Set();
      const rows = await db
        .selectDistinct({ connectionId: calendarPushChannels.connectionId })
        .from(calendarPushChannels)
        .where(
          and(
            eq(calendarPushChannels.tenantId, tenantId),
            inArray(calendarPushChannels.connectionId, connectionIds),
            ne(calendarPushChannels.resourceId, PENDING),
            gt(calendarPushChannels.expiresAt, new Date(nowMs)),
          ),
        );
      return new Set(rows.map((row) => row.connectionId));
    },
    async findForNotification(channelId) {
      // The id comes from whoever posted: anything not a uuid cannot be one of ours (and would fail the uuid cast).
      if (!UUID.test(channelId)) return null;
      const [row] = await db.select().from(calendarPushChannels).where(eq(calendarPushChannels.id, channelId));
      return row ? toRecord(row) : null;
    },
  };
}
