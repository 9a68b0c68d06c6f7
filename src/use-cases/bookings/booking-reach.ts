// Which bookings a caller reaches: a member's own are the ones they host
// (booking_hosts, kept after a cancellation), whoever owns the link.
import { ConveneError } from "../../core/errors.js";
import type { Reach } from "../auth/reach.js";
import type { BookingRecord } from "../ports/bookings.js";

export function isBookingInReach(booking: Pick<BookingRecord, "hostUserIds">, reach: Reach): boolean {
  return reach.scope === "all" || booking.hostUserIds.includes(reach.userId);
}

/** The booking if in reach; out of reach it is answered as no booking at all (404, never 403: its id is not confirmed). */
export function bookingInReach(booking: BookingRecord | null, reach: Reach): BookingRecord {
  if (!booking || !isBookingInReach(booking, reach)) throw new ConveneError("NOT_FOUND", "No such booking.");
  return booking;
}
