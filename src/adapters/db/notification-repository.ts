// The notification outbox: planned in a booking's transaction, relayed to the
// job queue when due, finished by the handler with its outcome.
import { and, asc, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import type { NotificationKind } from "../../core/notifications/plan.js";
import { dedupeKeyOf } from "../../core/notifications/plan.js";
import type { NotificationRecord, NotificationRepository } from "../../use-cases/ports.js";
import type { Db } from "./client.js";
import { notifications } from "./schema.js";

type NotificationRow = typeof notifications.$inferSelect;

function toRecord(row: NotificationRow): NotificationRecord {
  return {
    id: row.id,
    tenantId: row.tenantId,
    bookingId: row.bookingId,
    kind: row.kind,
    recipient: { role: row.recipientRole, email: row.recipientEmail, name: row.recipientName, timeZone: row.recipientTimeZone },
    sequence: row.sequence,
    runAtMs: row.runAt.getTime(),
    state: row.state,
    attempts: row.attempts,
    lastError: row.lastError,
    sentAtMs: row.sentAt?.getTime() ?? null,
  };
}

export function notificationRepository(db: Db): NotificationRepository {
  return {
    async add(tenantId, bookingId, planned) {
      if (planned.length === 0) return;
      await db
        .insert(notifications)
        .values(
          planned.map((notification) => ({
            tenantId,
            bookingId,
            kind: notification.kind,
            recipientRole: notification.recipient.role,
            recipientEmail: notification.recipient.email,
            recipientName: notification.recipient.name,
            recipientTimeZone: notification.recipient.timeZone,
            sequence: notification.sequence,
            dedupeKey: dedupeKeyOf(bookingId, notification),
            runAt: new Date(notification.runAtMs),
          })),
        )
        .onConflictDoNothing();
    },
    async skipPending(tenantId, bookingId, kinds: readonly NotificationKind[]) {
      await db
        .update(notifications)
        .set({ state: "skipped" })
        .where(and(eq(notifications.tenantId, tenantId), eq(notifications.bookingId, bookingId), eq(notifications.state, "pending"), inArray(notifications.kind, [...kinds])));
    },
    async listForBooking(tenantId, bookingId) {
      const rows = await db
        .select()
        .from(notifications)
        .where(and(eq(notifications.tenantId, tenantId), eq(notifications.bookingId, bookingId)))
        .orderBy(asc(notifications.runAt), asc(notifications.kind), asc(notifications.recipientRole));
      return rows.map(toRecord);
    },
    async due(nowMs, limit) {
      const rows = await db
        .select()
        .from(notifications)
        .where(and(eq(notifications.state, "pending"), isNull(notifications.dispatchedAt), lte(notifications.runAt, new Date(nowMs))))
        .orderBy(asc(notifications.runAt))
        .limit(limit);
      return rows.map(toRecord);
    },
    async markDispatched(ids, nowMs) {
      if (ids.length === 0) return;
      await db.update(notifications).set({ dispatchedAt: new Date(nowMs) }).where(inArray(notifications.id, ids));
    },
    async getForDelivery(notificationId) {
      const [row] = await db.select().from(notifications).where(eq(notifications.id, notificationId));
      return row ? toRecord(row) : null;
    },
    async finish(notificationId, outcome) {
      await db
        .update(notifications)
        .set({
          state: outcome.state,
          lastError: outcome.error ?? null,
          ...(outcome.state === "sent" ? { sentAt: new Date(outcome.nowMs), attempts: sql`${notifications.attempts} + 1` } : {}),
        })
        .where(and(eq(notifications.id, notificationId), eq(notifications.state, "pending")));
    },
    async recordFailedAttempt(notificationId, error) {
      await db
        .update(notifications)
        .set({ attempts: sql`${notifications.attempts} + 1`, lastError: error.slice(0, 2000) })
        .where(eq(notifications.id, notificationId));
    },
  };
}
