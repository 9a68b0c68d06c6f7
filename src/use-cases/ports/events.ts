// Booking events: one per change, appended in the change's transaction and
// fanned out once by the relay.
import type { BookingEventFacts, BookingEventType } from "../../core/booking/events.js";
import type { TenantId } from "../../core/tenancy.js";

export type BookingEventRecord = {
  id: string;
  tenantId: string;
  bookingId: string;
  seq: number;
  type: BookingEventType;
  bookingSequence: number;
  facts: BookingEventFacts;
  occurredAtMs: number;
  fannedOutAtMs: number | null;
};

export type NewBookingEvent = { bookingId: string; type: BookingEventType; bookingSequence: number; facts: BookingEventFacts; occurredAtMs: number };

export interface BookingEventRepository {
  /** Appends the booking's next event (seq one above its last); call with the booking's row held. */
  append(tenantId: TenantId, event: NewBookingEvent): Promise<BookingEventRecord>;
  listForBooking(tenantId: TenantId, bookingId: string): Promise<BookingEventRecord[]>;
  /** Unscoped, for the delivery handler: the event a delivery came from. */
  getForDelivery(eventId: string): Promise<BookingEventRecord | null>;
  /**
   * Unscoped, for the relay, inside its transaction: up to `limit` of the
   * oldest events not yet fanned out whose booking has no earlier one waiting
   * (so at most one per booking), oldest first; none when there are none or
   * another node is fanning out (one node at a time, until commit).
   */
  claimUnfanned(limit: number): Promise<BookingEventRecord[]>;
  markFannedOut(eventId: string, nowMs: number): Promise<void>;
}
