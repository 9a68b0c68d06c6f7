// An owner reads one booking: with its history, its events and the state of
// their deliveries, or as the iCalendar file of the current event.
import { answersInFormOrder, orderedAnswers, type OrderedAnswer } from "../../core/booking/answer-order.js";
import type { MeetingLocation } from "../../core/booking/meeting-location.js";
import { reachOf } from "../auth/reach.js";
import { bookingInReach } from "./booking-reach.js";
import { calendarWriteStates, type CalendarWriteState } from "../calendars/calendar-write-states.js";
import { bookingDeliveryLog } from "../deliveries/delivery-log.js";
import type { DeliveryDeps } from "../deliveries/email-channel.js";
import { bookingLocation, meetingFacts, type MeetingLocationDeps } from "../deliveries/meeting-facts.js";
import type { BookingHistoryEntry, BookingRecord } from "../ports/bookings.js";
import type { DeliveryRecord } from "../ports/deliveries.js";
import type { BookingEventRecord } from "../ports/events.js";
import type { UseCaseDeps } from "../ports/store.js";
import type { RequestContext } from "../request-context.js";

export type BookingDetail = {
  /** With its answers object's keys in the form's order. */
  booking: BookingRecord;
  /** The answers as the form asked them: in its order, under its labels. */
  answers: OrderedAnswer[];
  /** Where the meeting happens, as the emails and the invite say; null when the link is gone. */
  location: MeetingLocation | null;
  history: (BookingHistoryEntry & { id: number })[];
  events: BookingEventRecord[];
  deliveries: DeliveryRecord[];
  calendarWrites: CalendarWriteState[];
};

async function getBooking(deps: UseCaseDeps, ctx: RequestContext, bookingId: string): Promise<BookingRecord> {
  return bookingInReach(await deps.store.bookings.get(ctx.auth.tenantId, bookingId), reachOf(ctx.auth, "bookings.read"));
}

export async function getBookingDetail(deps: UseCaseDeps & MeetingLocationDeps, ctx: RequestContext, bookingId: string): Promise<BookingDetail> {
  const { tenantId } = ctx.auth;
  const booking = await getBooking(deps, ctx, bookingId);
  const [link, history, log] = await Promise.all([
    deps.store.links.get(tenantId, booking.linkId),
    deps.store.bookings.listHistory(tenantId, booking.id),
    bookingDeliveryLog(deps.store, tenantId, booking.id),
  ]);
  const template = link?.templateId ? await deps.store.templates.get(tenantId, link.templateId) : null;
  const questions = template?.questions ?? [];
  return {
    booking: { ...booking, answers: answersInFormOrder(questions, booking.answers) },
    answers: orderedAnswers(questions, booking.answers),
    location: await bookingLocation(deps, deps.store, tenantId, link, booking),
    history,
    ...log,
    calendarWrites: await calendarWriteStates(deps.store, tenantId, booking.id, log.deliveries),
  };
}

/** The booking as an .ics (PUBLISH) for the owner: without the invitee's manage link. */
export async function bookingCalendarFile(deps: DeliveryDeps, ctx: RequestContext, bookingId: string): Promise<string> {
  const booking = await getBooking(deps, ctx, bookingId);
  const facts = await meetingFacts(deps, deps.store, ctx.auth.tenantId, booking);
  return deps.invites.build({ ...facts, manageUrl: null }, "PUBLISH");
}
