// What one external change does to the booking Convene already has for it (or
// has not), whatever order the provider's deliveries arrive in: a change older
// than the last one applied is stale; a cancellation is terminal (nothing
// revives it, so a create that arrives after its cancel is ignored); the old
// half of a reschedule is no cancellation; a change that leaves the booking as
// it is records nothing. Pure: the use case loads, asks, applies.
import type { BookingStatus } from "../booking/booking.js";
import type { ExternalBookingChange } from "./external-booking.js";

/** The booking as the order rules see it; changedAtMs: when the provider last changed it (null: never said). */
export type KnownExternalBooking = { status: BookingStatus; startMs: number; endMs: number; changedAtMs: number | null };

export type ExternalAction =
  /** No booking yet: make it from the change. */
  | { type: "create" }
  /** No booking yet and the first thing heard is its cancellation (out of order): make it, then cancel it. */
  | { type: "create_cancelled" }
  /** New times (a reschedule, or a backfill that sees it moved). */
  | { type: "move" }
  | { type: "cancel" }
  /** Attendance as the provider recorded it: the status it leads to (scheduled: the mark was removed). */
  | { type: "mark"; status: BookingStatus }
  | { type: "ignore"; reason: string };

/** The status a provider's attendance mark leads to; null (unmarked) goes back to scheduled. */
export function statusOfExternalAttendance(attendance: ExternalBookingChange["attendance"]): BookingStatus {
  if (attendance === "showed") return "completed";
  if (attendance === "no_show") return "no_show";
  return "scheduled";
}

export function decideExternalChange(booking: KnownExternalBooking | null, change: ExternalBookingChange): ExternalAction {
  if (change.kind === "cancelled" && change.isRescheduleCancel) return { type: "ignore", reason: "the old half of a reschedule; its new half carries the booking" };
  if (booking === null) {
    if (change.kind === "booked" || change.kind === "rescheduled") return { type: "create" };
    if (change.kind === "cancelled") return { type: "create_cancelled" };
    return { type: "ignore", reason: "attendance for a booking Convene does not know" };
  }
  if (booking.status === "cancelled") return { type: "ignore", reason: "the booking is cancelled; nothing revives it" };
  if (booking.changedAtMs !== null && change.occurredAtMs < booking.changedAtMs) return { type: "ignore", reason: "older than the change already applied" };
  if (change.kind === "cancelled") return { type: "cancel" };
  if (change.kind === "attendance") {
    const status = statusOfExternalAttendance(change.attendance);
    const current = booking.status === "rescheduled" ? "scheduled" : booking.status;
    return status === current ? { type: "ignore", reason: "attendance already recorded" } : { type: "mark", status };
  }
  if (change.startMs === booking.startMs && change.endMs === booking.endMs) return { type: "ignore", reason: "no change" };
  return { type: "move" };
}
