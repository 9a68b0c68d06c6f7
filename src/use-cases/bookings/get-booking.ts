// An owner reads one booking: with its history and the state of its
// notifications, or as the iCalendar file of the current event.
import { ConveneError } from "../../core/errors.js";
import { meetingFacts, type DeliveryDeps } from "../notifications/deliver-notification.js";
import type { BookingHistoryEntry, BookingRecord, NotificationRecord, UseCaseDeps } from "../ports.js";
import type { RequestContext } from "../request-context.js";

export type BookingDetail = { booking: BookingRecord; history: (BookingHistoryEntry & { id: number })[]; notifications: NotificationRecord[] };

async function getBooking(deps: UseCaseDeps, ctx: RequestContext, bookingId: string): Promise<BookingRecord> {
  const booking = await deps.store.bookings.get(ctx.auth.tenantId, bookingId);
  if (!booking) throw new ConveneError("NOT_FOUND", "No such booking.");
  return booking;
}

export async function getBookingDetail(deps: UseCaseDeps, ctx: RequestContext, bookingId: string): Promise<BookingDetail> {
  const { tenantId } = ctx.auth;
  const booking = await getBooking(deps, ctx, bookingId);
  const [history, notifications] = await Promise.all([deps.store.bookings.listHistory(tenantId, booking.id), deps.store.notifications.listForBooking(tenantId, booking.id)]);
  return { booking, history, notifications };
}

/** The booking as an .ics (PUBLISH) for the owner: without the invitee's manage link. */
export async function bookingCalendarFile(deps: DeliveryDeps, ctx: RequestContext, bookingId: string): Promise<string> {
  const booking = await getBooking(deps, ctx, bookingId);
  const facts = await meetingFacts(deps, deps.store, ctx.auth.tenantId, booking);
  return deps.invites.build({ ...facts, manageUrl: null }, "PUBLISH");
}
