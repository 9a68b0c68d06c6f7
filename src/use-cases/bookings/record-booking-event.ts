// Every booking change writes one event in its own transaction: a rolled-back
// change leaves none, a committed one cannot lose it. What it causes (emails
// today, calendar writes and webhooks next) is planned when the relay fans
// the event out (use-cases/deliveries/fan-out.ts).
import type { Attendance } from "../../core/booking/booking.js";
import { bookingEventFacts, type BookingEventType } from "../../core/booking/events.js";
import type { Actor, TenantId } from "../../core/tenancy.js";
import type { BookingRecord } from "../ports/bookings.js";
import type { Repositories } from "../ports/store.js";

export async function recordBookingEvent(
  repos: Repositories,
  tenantId: TenantId,
  type: BookingEventType,
  booking: BookingRecord,
  change: { actor: Actor; nowMs: number; before?: BookingRecord | undefined; attendance?: Attendance | undefined },
): Promise<void> {
  await repos.bookingEvents.append(tenantId, {
    bookingId: booking.id,
    type,
    bookingSequence: booking.sequence,
    facts: bookingEventFacts(type, booking, change),
    occurredAtMs: change.nowMs,
  });
  // Open dashboards hear of it when this transaction commits (and never if it rolls back).
  await repos.liveSignals.publish({ kind: "booking", tenantId, bookingId: booking.id, type, hostUserIds: booking.hostUserIds });
}
