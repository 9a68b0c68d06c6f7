// In-app notices over Drizzle. Newest first is highest id first: ids grow with
// each insert, so a page cursor is just the last id seen.
import { and, count, desc, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import type { InAppNotificationRecord, InAppNotificationRepository, LiveSignalRepository } from "../../use-cases/ports/in-app-notifications.js";
import type { Db } from "./client.js";
import { inAppNotifications } from "./schema.js";

/** The PostgreSQL channel every node LISTENs on (adapters/db/live-feed.ts). */
export const LIVE_CHANNEL = "convene_live";

type Row = typeof inAppNotifications.$inferSelect;

function toRecord(row: Row): InAppNotificationRecord {
  return {
    id: row.id,
    userId: row.userId,
    kind: row.kind,
    title: row.title,
    body: row.body,
    bookingId: row.bookingId,
    sourceId: row.sourceId,
    createdAtMs: row.createdAt.getTime(),
    readAtMs: row.readAt?.getTime() ?? null,
  };
}

export function inAppNotificationRepository(db: Db): InAppNotificationRepository {
  return {
    async add(tenantId, notices) {
      if (notices.length === 0) return [];
      const rows = await db
        .insert(inAppNotifications)
        .values(
          notices.map((notice) => ({
            tenantId,
            userId: notice.userId,
            kind: notice.kind,
            title: notice.title,
            body: notice.body,
            bookingId: notice.bookingId ?? null,
            sourceId: notice.sourceId ?? null,
            dedupeKey: notice.dedupeKey,
            createdAt: new Date(notice.createdAtMs),
          })),
        )
        .onConflictDoNothing({ target: [inAppNotifications.userId, inAppNotifications.dedupeKey] })
        .returning();
      return rows.map(toRecord);
    },
    async list(tenantId, userId, options) {
      const conditions = [eq(inAppNotifications.tenantId, tenantId), eq(inAppNotifications.userId, userId)];
      if (options.cursor) conditions.push(lt(inAppNotifications.id, options.cursor.id));
      const rows = await db
        .select()
        .from(inAppNotifications)
        .where(and(...conditions))
        .orderBy(desc(inAppNotifications.id))
        .limit(options.limit);
      return rows.map(toRecord);
    },
    async countUnread(tenantId, userId) {
      const [row] = await db
        .select({ unread: count() })
        .from(inAppNotifications)
        .where(and(eq(inAppNotifications.tenantId, tenantId), eq(inAppNotifications.userId, userId), isNull(inAppNotifications.readAt)));
      return row?.unread ?? 0;
    },
    async markRead(tenantId, userId, ids, nowMs) {
      if (ids !== "all" && ids.length === 0) return 0;
      const conditions = [eq(inAppNotifications.tenantId, tenantId), eq(inAppNotifications.userId, userId), isNull(inAppNotifications.readAt)];
      if (ids !== "all") conditions.push(inArray(inAppNotifications.id, ids));
      const rows = await db
        .update(inAppNotifications)
        .set({ readAt: new Date(nowMs) })
        .where(and(...conditions))
        .returning({ id: inAppNotifications.id });
      return rows.length;
    },
  };
}

/** NOTIFY is transactional in PostgreSQL (and PGlite): listeners hear it at commit, and never for a rollback. */
export function liveSignalRepository(db: Db): LiveSignalRepository {
  return {
    async publish(signal) {
      await db.execute(sql`select pg_notify(${LIVE_CHANNEL}, ${JSON.stringify(signal)})`);
    },
  };
}
