// Calendar connections, their calendars, the objects a sync brought and the
// busy time they expand to (what slot reads join), and where Convene wrote
// its own events.
import { and, asc, eq, inArray, notInArray, sql } from "drizzle-orm";
import type { TimeRangeMs } from "../../core/time/interval.js";
import type { CalendarRecord, CalendarRepository, CalendarWriteRecord, ConnectionRecord, SyncedObject } from "../../use-cases/ports/calendars.js";
import type { Db } from "./client.js";
import { calendarBusy, calendarConnections, calendarObjects, calendars, calendarWrites } from "./schema.js";

type ConnectionRow = typeof calendarConnections.$inferSelect;
type CalendarRow = typeof calendars.$inferSelect;

const msOf = (at: Date | null) => at?.getTime() ?? null;

function toCalendar(row: CalendarRow): CalendarRecord {
  return {
    id: row.id,
    connectionId: row.connectionId,
    userId: row.userId,
    remoteId: row.remoteId,
    name: row.name,
    color: row.color,
    readOnly: row.readOnly,
    timeZone: row.timeZone,
    isConflict: row.isConflict,
    isDestination: row.isDestination,
    syncCursor: row.syncCursor,
    expandedUntilMs: msOf(row.expandedUntil),
    lastSyncedAtMs: msOf(row.lastSyncedAt),
  };
}

function toConnection(row: ConnectionRow, calendarRows: CalendarRow[]): ConnectionRecord {
  return {
    id: row.id,
    tenantId: row.tenantId,
    userId: row.userId,
    provider: row.provider,
    label: row.label,
    serverUrl: row.serverUrl,
    username: row.username,
    configSealed: row.configSealed,
    status: row.status,
    lastAttemptAtMs: msOf(row.lastAttemptAt),
    lastSyncedAtMs: msOf(row.lastSyncedAt),
    lastError: row.lastError,
    failures: row.failures,
    nextSyncAtMs: row.nextSyncAt.getTime(),
    reconnectNotifiedAtMs: msOf(row.reconnectNotifiedAt),
    pushError: row.pushError,
    createContacts: row.createContacts,
    createdAtMs: row.createdAt.getTime(),
    calendars: calendarRows.filter((calendar) => calendar.connectionId === row.id).map(toCalendar),
  };
}

/** How long a new connection is left to the request that connects it before the background sync may take it. */
const CONNECT_LEASE_MS = 5 * 60_000;

/** Rows per INSERT: well under PostgreSQL's 65,535 parameters. */
const INSERT_CHUNK = 2_000;

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) await insert(rows.slice(i, i + INSERT_CHUNK));
}

export function calendarRepository(db: Db): CalendarRepository {
  async function connectionsWhere(where: ReturnType<typeof and>): Promise<ConnectionRecord[]> {
    const rows = await db.select().from(calendarConnections).where(where).orderBy(asc(calendarConnections.createdAt), asc(calendarConnections.id));
    if (rows.length === 0) return [];
    const calendarRows = await db
      .select()
      .from(calendars)
      .where(
        inArray(
          calendars.connectionId,
          rows.map((row) => row.id),
        ),
      )
      .orderBy(asc(calendars.name), asc(calendars.id));
    return rows.map((row) => toConnection(row, calendarRows));
  }

  async function getConnection(tenantId: string, connectionId: string) {
    const [connection] = await connectionsWhere(and(eq(calendarConnections.tenantId, tenantId), eq(calendarConnections.id, connectionId)));
    return connection ?? null;
  }

  async function calendarWhere(where: ReturnType<typeof and>) {
    const [calendar] = await db.select().from(calendars).where(where);
    if (!calendar) return null;
    const connection = await getConnection(calendar.tenantId, calendar.connectionId);
    return connection ? { connection, calendar: toCalendar(calendar) } : null;
  }

  async function storeObjects(tenantId: string, calendar: CalendarRow, objects: SyncedObject[]) {
    if (objects.length === 0) return;
    const hrefs = objects.map((object) => object.href);
    // The busy rows go with their object (ON DELETE CASCADE), then both are written anew.
    for (let i = 0; i < hrefs.length; i += INSERT_CHUNK) {
      await db.delete(calendarObjects).where(and(eq(calendarObjects.calendarId, calendar.id), inArray(calendarObjects.href, hrefs.slice(i, i + INSERT_CHUNK))));
    }
    await insertChunked(objects, (chunk) =>
      db.insert(calendarObjects).values(chunk.map((object) => ({ calendarId: calendar.id, tenantId, href: object.href, etag: object.etag, uid: object.uid, recurring: object.recurring, ics: object.ics }))),
    );
    const busyRows = objects.flatMap((object) =>
      object.busy.map((range) => ({ tenantId, userId: calendar.userId, calendarId: calendar.id, href: object.href, startAt: new Date(range.startMs), endAt: new Date(range.endMs) })),
    );
    await insertChunked(busyRows, (chunk) => db.insert(calendarBusy).values(chunk));
  }

  return {
    async createConnection(tenantId, connection, nowMs) {
      const at = new Date(nowMs);
      const [row] = await db
        .insert(calendarConnections)
        // The connecting request syncs it at once; the background sync takes over after a lease, should that fail.
        .values({ ...connection, tenantId, status: "pending", nextSyncAt: new Date(nowMs + CONNECT_LEASE_MS), createdAt: at, updatedAt: at })
        .returning();
      return toConnection(row!, []);
    },
    getConnection,
    listConnections(tenantId, filter) {
      return connectionsWhere(and(eq(calendarConnections.tenantId, tenantId), filter.userId ? eq(calendarConnections.userId, filter.userId) : undefined));
    },
    async deleteConnection(tenantId, connectionId) {
      const deleted = await db
        .delete(calendarConnections)
        .where(and(eq(calendarConnections.tenantId, tenantId), eq(calendarConnections.id, connectionId)))
        .returning({ id: calendarConnections.id });
      return deleted.length > 0;
    },
    async updateConnectionState(tenantId, connectionId, change, nowMs) {
      const date = (ms: number | null | undefined) => (ms === undefined ? undefined : ms === null ? null : new Date(ms));
      await db
        .update(calendarConnections)
        .set({
          status: change.status,
          lastAttemptAt: date(change.lastAttemptAtMs),
          lastSyncedAt: date(change.lastSyncedAtMs),
          lastError: change.lastError,
          failures: change.failures,
          nextSyncAt: change.nextSyncAtMs === undefined ? undefined : new Date(change.nextSyncAtMs),
          reconnectNotifiedAt: date(change.reconnectNotifiedAtMs),
          pushError: change.pushError,
          createContacts: change.createContacts,
          configSealed: change.configSealed,
          updatedAt: new Date(nowMs),
        })
        .where(and(eq(calendarConnections.tenantId, tenantId), eq(calendarConnections.id, connectionId)));
    },
    async swapConnectionConfig(tenantId, connectionId, expected, next, nowMs) {
      const swapped = await db
        .update(calendarConnections)
        .set({ configSealed: next, updatedAt: new Date(nowMs) })
        .where(and(eq(calendarConnections.tenantId, tenantId), eq(calendarConnections.id, connectionId), eq(calendarConnections.configSealed, expected)))
        .returning({ id: calendarConnections.id });
      return swapped.length > 0;
    },
    async claimDue(nowMs, leaseMs, limit) {
      const result = (await db.execute(sql`
        update ${calendarConnections} set next_sync_at = ${new Date(nowMs + leaseMs)}
        where id in (
          select id from ${calendarConnections} where next_sync_at <= ${new Date(nowMs)}
          order by next_sync_at limit ${limit} for update skip locked
        )
        returning tenant_id, id`)) as unknown as { rows: { tenant_id: string; id: string }[] };
      return result.rows.map((row) => ({ tenantId: row.tenant_id, connectionId: row.id }));
    },
    async clampSchedules(nowMs, intervalMs) {
      const result = await db
        .update(calendarConnections)
        .set({ nextSyncAt: sql`greatest(${new Date(nowMs)}::timestamptz, coalesce(${calendarConnections.lastAttemptAt}, ${new Date(nowMs)}::timestamptz) + ${`${intervalMs} milliseconds`}::interval)` })
        .where(and(inArray(calendarConnections.status, ["ok", "pending"]), sql`${calendarConnections.nextSyncAt} > ${new Date(nowMs + intervalMs)}`))
        .returning({ id: calendarConnections.id });
      return result.length;
    },
    async syncCalendarList(tenantId, connectionId, remote) {
      const connection = await getConnection(tenantId, connectionId);
      if (!connection) return [];
      const remoteIds = remote.map((calendar) => calendar.remoteId);
      await db
        .delete(calendars)
        .where(and(eq(calendars.connectionId, connectionId), remoteIds.length > 0 ? notInArray(calendars.remoteId, remoteIds) : undefined));
      for (const calendar of remote) {
        const fields = { name: calendar.name, color: calendar.color, readOnly: calendar.readOnly, timeZone: calendar.timeZone };
        await db
          .insert(calendars)
          .values({ ...fields, tenantId, connectionId, userId: connection.userId, remoteId: calendar.remoteId })
          .onConflictDoUpdate({ target: [calendars.connectionId, calendars.remoteId], set: fields });
      }
      // A calendar that became read-only cannot receive events.
      await db.update(calendars).set({ isDestination: false }).where(and(eq(calendars.connectionId, connectionId), eq(calendars.readOnly, true)));
      const [hasDestination] = await db.select({ id: calendars.id }).from(calendars).where(and(eq(calendars.userId, connection.userId), eq(calendars.isDestination, true)));
      // The account's main calendar when the provider names one, else the first writable by name (server order is not stable).
      const writable = remote.filter((calendar) => !calendar.readOnly).sort((a, b) => Number(b.isPrimary ?? false) - Number(a.isPrimary ?? false) || a.name.localeCompare(b.name) || a.remoteId.localeCompare(b.remoteId));
      const first = writable[0];
      if (!hasDestination && first) {
        await db.update(calendars).set({ isDestination: true }).where(and(eq(calendars.connectionId, connectionId), eq(calendars.remoteId, first.remoteId)));
      }
      const rows = await db.select().from(calendars).where(eq(calendars.connectionId, connectionId)).orderBy(asc(calendars.name), asc(calendars.id));
      return rows.map(toCalendar);
    },
    async updateCalendar(tenantId, calendarId, change) {
      const [row] = await db.select().from(calendars).where(and(eq(calendars.tenantId, tenantId), eq(calendars.id, calendarId)));
      if (!row) return null;
      if (change.isDestination === true) await db.update(calendars).set({ isDestination: false }).where(and(eq(calendars.userId, row.userId), eq(calendars.isDestination, true)));
      const [updated] = await db
        .update(calendars)
        .set({ isConflict: change.isConflict, isDestination: change.isDestination })
        .where(eq(calendars.id, calendarId))
        .returning();
      return toCalendar(updated!);
    },
    async applySync(tenantId, calendarId, sync, nowMs) {
      const [calendar] = await db.select().from(calendars).where(and(eq(calendars.tenantId, tenantId), eq(calendars.id, calendarId)));
      if (!calendar) return;
      if (sync.full) {
        const kept = sync.changed.map((object) => object.href);
        await db
          .delete(calendarObjects)
          .where(and(eq(calendarObjects.calendarId, calendarId), kept.length > 0 ? notInArray(calendarObjects.href, kept) : undefined));
      } else if (sync.removedHrefs.length > 0) {
        await db.delete(calendarObjects).where(and(eq(calendarObjects.calendarId, calendarId), inArray(calendarObjects.href, sync.removedHrefs)));
      }
      await storeObjects(tenantId, calendar, sync.changed);
      await db
        .update(calendars)
        .set({
          syncCursor: sync.cursor,
          lastSyncedAt: new Date(nowMs),
          ...(sync.expandedUntilMs === null ? {} : { expandedUntil: new Date(sync.expandedUntilMs) }),
        })
        .where(eq(calendars.id, calendarId));
    },
    async recurringObjects(tenantId, calendarId) {
      return db
        .select({ href: calendarObjects.href, etag: calendarObjects.etag, uid: calendarObjects.uid, ics: calendarObjects.ics })
        .from(calendarObjects)
        .where(and(eq(calendarObjects.tenantId, tenantId), eq(calendarObjects.calendarId, calendarId), eq(calendarObjects.recurring, true)));
    },
    async busyOf(tenantId, userIds, fromMs, toMs) {
      const busy = new Map<string, TimeRangeMs[]>();
      if (userIds.length === 0) return busy;
      const rows = await db
        .select({ userId: calendarBusy.userId, startAt: calendarBusy.startAt, endAt: calendarBusy.endAt })
        .from(calendarBusy)
        .innerJoin(calendars, eq(calendars.id, calendarBusy.calendarId))
        .where(
          and(
            eq(calendarBusy.tenantId, tenantId),
            inArray(calendarBusy.userId, userIds),
            sql`tstzrange(${calendarBusy.startAt}, ${calendarBusy.endAt}, '[)') && tstzrange(${new Date(fromMs)}, ${new Date(toMs)}, '[)')`,
            eq(calendars.isConflict, true),
          ),
        )
        .orderBy(asc(calendarBusy.startAt));
      for (const row of rows) {
        const list = busy.get(row.userId) ?? [];
        list.push({ startMs: row.startAt.getTime(), endMs: row.endAt.getTime() });
        busy.set(row.userId, list);
      }
      return busy;
    },
    destinationOf(tenantId, userId) {
      return calendarWhere(and(eq(calendars.tenantId, tenantId), eq(calendars.userId, userId), eq(calendars.isDestination, true)));
    },
    calendarOf(tenantId, calendarId) {
      return calendarWhere(and(eq(calendars.tenantId, tenantId), eq(calendars.id, calendarId)));
    },
    async getWrite(tenantId, bookingId, userId) {
      const [row] = await db
        .select()
        .from(calendarWrites)
        .where(and(eq(calendarWrites.tenantId, tenantId), eq(calendarWrites.bookingId, bookingId), eq(calendarWrites.userId, userId)));
      return row ? toWrite(row) : null;
    },
    async listWrites(tenantId, bookingId) {
      const rows = await db
        .select()
        .from(calendarWrites)
        .where(and(eq(calendarWrites.tenantId, tenantId), eq(calendarWrites.bookingId, bookingId)))
        .orderBy(asc(calendarWrites.userId));
      return rows.map(toWrite);
    },
    async saveWrite(tenantId, write) {
      const fields = { calendarId: write.calendarId, uid: write.uid, href: write.href, etag: write.etag, conferenceUrl: write.conferenceUrl, state: write.state, updatedAt: new Date(write.updatedAtMs) };
      await db
        .insert(calendarWrites)
        .values({ ...fields, tenantId, bookingId: write.bookingId, userId: write.userId })
        .onConflictDoUpdate({ target: [calendarWrites.bookingId, calendarWrites.userId], set: fields });
    },
  };
}

function toWrite(row: typeof calendarWrites.$inferSelect): CalendarWriteRecord {
  return {
    bookingId: row.bookingId,
    userId: row.userId,
    calendarId: row.calendarId,
    uid: row.uid,
    href: row.href,
    etag: row.etag,
    conferenceUrl: row.conferenceUrl,
    state: row.state,
    updatedAtMs: row.updatedAt.getTime(),
  };
}
