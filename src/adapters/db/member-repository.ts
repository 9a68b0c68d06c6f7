// Roles and the erasure of a removed member, table by table. Tables that hold a
// user id with a foreign key that cascades (sessions, api_keys, account_tokens,
// calendar_connections, calendars, oauth_states) or sets null (invitations) are
// left to the user row's deletion; the rest are handled here explicitly.
import { and, eq, sql } from "drizzle-orm";
import type { MemberRepository } from "../../use-cases/ports/members.js";
import type { Db } from "./client.js";
import { bookingHistory, bookingHosts, bookings, calendarBusy, calendarWrites, links, slotHolds, users } from "./schema.js";

export function memberRepository(db: Db): MemberRepository {
  return {
    async countOwners(tenantId) {
      // Holds the owners' rows, so that two owners demoting each other at once are decided one after the other.
      const rows = await db.select({ id: users.id }).from(users).where(and(eq(users.tenantId, tenantId), eq(users.role, "owner"))).for("update");
      return rows.length;
    },
    async setRole(tenantId, userId, role) {
      const [row] = await db.update(users).set({ role }).where(and(eq(users.tenantId, tenantId), eq(users.id, userId))).returning({ id: users.id, role: users.role });
      return row ?? null;
    },
    async futureBookingIdsHostedBy(tenantId, userId, nowMs) {
      const rows = await db
        .select({ id: bookings.id })
        .from(bookingHosts)
        .innerJoin(bookings, eq(bookings.id, bookingHosts.bookingId))
        .where(and(eq(bookingHosts.tenantId, tenantId), eq(bookingHosts.hostUserId, userId), eq(bookingHosts.isActive, true), sql`${bookings.startAt} > ${new Date(nowMs)}`))
        .orderBy(bookings.startAt);
      return rows.map((row) => row.id);
    },
    async erase(tenantId, userId, heirUserId, nowMs) {
      const now = new Date(nowMs);
      // Team links of others: out of the hosts (and their round-robin settings).
      await db.execute(sql`
        update ${links} set
          host_user_ids = array_remove(host_user_ids, ${userId}::uuid),
          host_settings = coalesce((select jsonb_agg(s) from jsonb_array_elements(host_settings) s where s->>'userId' <> ${userId}), '[]'::jsonb),
          updated_at = ${now}
        where tenant_id = ${tenantId} and ${userId}::uuid = any(host_user_ids) and owner_user_id <> ${userId}`);
      // A link left with no host cannot take bookings: its owner becomes its host, and it is switched off for them to look at.
      await db.execute(sql`
        update ${links} set host_user_ids = array[owner_user_id], host_mode = 'single', host_settings = '[]'::jsonb, is_active = false, updated_at = ${now}
        where tenant_id = ${tenantId} and cardinality(host_user_ids) = 0`);
      // Their own links: deleted (softly: bookings made through them refer to them) and handed to the heir.
      await db.execute(sql`
        update ${links} set
          owner_user_id = ${heirUserId},
          host_user_ids = array[${heirUserId}::uuid],
          host_mode = 'single',
          host_settings = '[]'::jsonb,
          is_active = false,
          deleted_at = coalesce(deleted_at, ${now}),
          updated_at = ${now}
        where tenant_id = ${tenantId} and owner_user_id = ${userId}`);
      // Their slot holds (minutes long) end with them: the heir must not inherit a reservation, nor collide with one.
      await db.delete(slotHolds).where(
        and(eq(slotHolds.tenantId, tenantId), sql`exists (select 1 from ${bookingHosts} where ${bookingHosts.holdId} = ${slotHolds.id} and ${bookingHosts.hostUserId} = ${userId})`),
      );
      // Past (and cancelled) meetings keep a host for the organisation's statistics: the heir. A booking both hosted keeps the heir's row.
      await db.delete(bookingHosts).where(
        and(eq(bookingHosts.tenantId, tenantId), eq(bookingHosts.hostUserId, userId), sql`exists (select 1 from booking_hosts other where other.booking_id = ${bookingHosts.bookingId} and other.host_user_id = ${heirUserId})`),
      );
      const movedRows = await db
        .update(bookingHosts)
        .set({ hostUserId: heirUserId })
        .where(and(eq(bookingHosts.tenantId, tenantId), eq(bookingHosts.hostUserId, userId)))
        .returning({ bookingId: bookingHosts.bookingId });
      // Only bookings' rows are left: the member's hold rows went with their holds above.
      const moved = movedRows.flatMap((row) => (row.bookingId === null ? [] : [{ bookingId: row.bookingId }]));
      if (moved.length > 0) {
        await db.insert(bookingHistory).values(
          moved.map(({ bookingId }) => ({
            bookingId,
            tenantId,
            action: "host_assigned" as const,
            actorType: "user" as const,
            actorId: heirUserId,
            oldValues: { host: "a removed member" },
            newValues: { hostUserIds: [heirUserId], reason: "the host was removed from the organisation" },
            at: now,
          })),
        );
      }
      await db.delete(calendarWrites).where(and(eq(calendarWrites.tenantId, tenantId), eq(calendarWrites.userId, userId)));
      await db.delete(calendarBusy).where(and(eq(calendarBusy.tenantId, tenantId), eq(calendarBusy.userId, userId)));
      await db.delete(users).where(and(eq(users.tenantId, tenantId), eq(users.id, userId)));
      return { movedBookingIds: moved.map((row) => row.bookingId) };
    },
  };
}
