// Erasing an invitee from one booking: the booking's personal columns, and
// each copy of them Convene keeps elsewhere (history values, event facts,
// delivery recipients, the dev outbox, a stored idempotent answer). One call,
// run inside the caller's transaction.
import { createHash } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { ERASED_EMAIL, ERASED_NAME, PERSONAL_HISTORY_KEYS } from "../../core/booking/erasure.js";
import type { InviteeErasureRepository } from "../../use-cases/ports/invitee-erasure.js";
import type { Db } from "./client.js";
import { bookingEvents, bookingHistory, bookings, deliveries, idempotencyKeys, mailOutbox } from "./schema.js";

const personalKeys = sql.raw(`array[${PERSONAL_HISTORY_KEYS.map((key) => `'${key}'`).join(",")}]::text[]`);

export function inviteeErasureRepository(db: Db): InviteeErasureRepository {
  return {
    async eraseBooking(tenantId, bookingId, nowMs) {
      const erased = await db
        .update(bookings)
        .set({ inviteeName: ERASED_NAME, inviteeEmail: ERASED_EMAIL, answers: {}, guests: [], notes: null, cancelReason: null, erasedAt: new Date(nowMs), updatedAt: new Date(nowMs) })
        .where(and(eq(bookings.tenantId, tenantId), eq(bookings.id, bookingId), isNull(bookings.erasedAt)))
        .returning({ id: bookings.id });
      if (erased.length === 0) return false;
      const ofBooking = (table: { tenantId: PgColumn; bookingId: PgColumn }) => and(eq(table.tenantId, tenantId), eq(table.bookingId, bookingId));
      await db
        .update(bookingHistory)
        .set({
          // The invitee acted under their address: the actor stays "invitee", without it.
          actorId: sql`case when ${bookingHistory.actorType} = 'invitee' then null else ${bookingHistory.actorId} end`,
          oldValues: sql`${bookingHistory.oldValues} - ${personalKeys}`,
          newValues: sql`${bookingHistory.newValues} - ${personalKeys}`,
        })
        .where(ofBooking(bookingHistory));
      await db
        .update(bookingEvents)
        .set({
          facts: sql`jsonb_set(${bookingEvents.facts}, '{cancelReason}', 'null') || case when ${bookingEvents.facts} -> 'actor' ->> 'type' = 'invitee' then '{"actor":{"type":"invitee","id":null}}'::jsonb else '{}'::jsonb end`,
        })
        .where(ofBooking(bookingEvents));
      const mailed = await db.select({ id: deliveries.id }).from(deliveries).where(and(ofBooking(deliveries), eq(deliveries.channel, "email")));
      await db
        .update(deliveries)
        // The email channel's dedupe key ends in the recipient's address: each row keeps a unique key without it.
        .set({ recipientName: ERASED_NAME, recipientEmail: ERASED_EMAIL, dedupeKey: sql`${deliveries.bookingId} || ':erased:' || ${deliveries.id}` })
        .where(and(ofBooking(deliveries), eq(deliveries.recipientRole, "invitee")));
      // The dev outbox names each message by a hash of its delivery's id (the mail's idempotency key), whoever it went to.
      for (const { id } of mailed) {
        const hash = createHash("sha256").update(id).digest("hex");
        await db.delete(mailOutbox).where(and(eq(mailOutbox.tenantId, tenantId), sql`${mailOutbox.messageId} like ${`<${hash}@%`}`));
      }
      await db.delete(idempotencyKeys).where(sql`position(${bookingId} in ${idempotencyKeys.responseBody}::text) > 0`);
      return true;
    },
  };
}
