// What happened to a booking, as one event per change: the list of event types
// and the facts a consumer (email, calendar write, webhook, in-app notice)
// needs, taken from the booking as the change left it. Pure; the use case
// stores the event in the change's own transaction.
import type { Actor } from "../tenancy.js";
import type { Attendance, BookingStatus } from "./booking.js";

export const BOOKING_EVENT_TYPES = ["created", "rescheduled", "cancelled", "attendance_recorded"] as const;
export type BookingEventType = (typeof BOOKING_EVENT_TYPES)[number];

/**
 * Facts as of the event, not as of delivery: a channel fanning out an older
 * event while the booking has moved on since still sees that event's times
 * and hosts. Instants are epoch milliseconds.
 */
export type BookingEventFacts = {
  startMs: number;
  endMs: number;
  /** The time before a reschedule; null for other events. */
  previous: { startMs: number; endMs: number } | null;
  status: BookingStatus;
  hostUserIds: string[];
  cancelReason: string | null;
  attendance: Attendance | null;
  actor: Actor;
};

type BookingState = { startAt: Date; endAt: Date; status: BookingStatus; hostUserIds: string[]; cancelReason: string | null };

export function bookingEventFacts(
  type: BookingEventType,
  after: BookingState,
  change: { actor: Actor; before?: Pick<BookingState, "startAt" | "endAt"> | undefined; attendance?: Attendance | undefined },
): BookingEventFacts {
  return {
    startMs: after.startAt.getTime(),
    endMs: after.endAt.getTime(),
    previous: type === "rescheduled" && change.before ? { startMs: change.before.startAt.getTime(), endMs: change.before.endAt.getTime() } : null,
    status: after.status,
    hostUserIds: [...after.hostUserIds],
    cancelReason: type === "cancelled" ? after.cancelReason : null,
    attendance: type === "attendance_recorded" ? (change.attendance ?? null) : null,
    actor: change.actor,
  };
}

/** What becomes of each delivery an event fans out into, whatever its channel. */
export const DELIVERY_STATES = ["pending", "sent", "failed", "skipped"] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];
