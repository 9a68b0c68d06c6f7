// How booking events and their deliveries look on the wire: the delivery log,
// and a booking's notifications (its email deliveries, as before channels).
import { z } from "zod";
import { CALENDAR_WRITE_VIEW_STATES, type CalendarWriteState } from "../../use-cases/calendars/calendar-write-states.js";
import { BOOKING_EVENT_TYPES, DELIVERY_STATES } from "../../core/booking/events.js";
import { MESSAGE_KINDS, RECIPIENT_ROLES } from "../../core/notifications/messages.js";
import { isNotificationKind } from "../../core/notifications/plan.js";
import type { DeliveryRecord } from "../../use-cases/ports/deliveries.js";
import type { BookingEventRecord } from "../../use-cases/ports/events.js";
import { bookingStatus } from "./booking-views.js";

const isoOrNull = (epochMs: number | null) => (epochMs === null ? null : new Date(epochMs).toISOString());

/** What every delivery says about its progress, in the booking's notifications and in the delivery log alike. */
const progressFields = {
  id: z.uuid(),
  recipient: z.object({ role: z.enum(RECIPIENT_ROLES), email: z.string(), name: z.string() }),
  sequence: z.number(),
  runAt: z.string(),
  state: z.enum(DELIVERY_STATES),
  attempts: z.number(),
  lastError: z.string().nullable(),
  sentAt: z.string().nullable(),
};

function progressOf(delivery: DeliveryRecord) {
  return {
    id: delivery.id,
    recipient: { role: delivery.recipient.role, email: delivery.recipient.email, name: delivery.recipient.name },
    sequence: delivery.sequence,
    runAt: new Date(delivery.runAtMs).toISOString(),
    state: delivery.state,
    attempts: delivery.attempts,
    lastError: delivery.lastError,
    sentAt: isoOrNull(delivery.sentAtMs),
  };
}

export const notificationView = z.object({ ...progressFields, kind: z.enum(MESSAGE_KINDS) });

/** The email deliveries, shaped as notifications were before there were channels. */
export function toNotificationViews(deliveries: DeliveryRecord[]): z.infer<typeof notificationView>[] {
  return deliveries.flatMap((delivery) => (delivery.channel === "email" && isNotificationKind(delivery.kind) ? [{ ...progressOf(delivery), kind: delivery.kind }] : []));
}

export const deliveryView = z.object({
  ...progressFields,
  bookingId: z.uuid().nullable().describe("Null for a delivery of an organisation event (a lead's status, a calendar connection): see orgEventId"),
  eventId: z.uuid().nullable().describe("The booking event that planned it; null for deliveries planned before events were recorded, and for organisation events"),
  orgEventId: z.uuid().nullable().describe("The organisation event that planned it (lead.status_changed, calendar.connection_needs_reconnect); null for a booking's deliveries"),
  channel: z.string().describe('Where it goes: "email" today'),
  kind: z.string().describe("What the channel delivers (for email: confirmation, reminder_24h, …)"),
  nextAttemptAt: z.string().nullable().describe("After a failed attempt: the earliest the next one runs"),
  createdAt: z.string(),
});

export function toDeliveryView(delivery: DeliveryRecord): z.infer<typeof deliveryView> {
  return {
    ...progressOf(delivery),
    bookingId: delivery.bookingId,
    eventId: delivery.eventId,
    orgEventId: delivery.orgEventId,
    channel: delivery.channel,
    kind: delivery.kind,
    nextAttemptAt: isoOrNull(delivery.nextAttemptAtMs),
    createdAt: new Date(delivery.createdAtMs).toISOString(),
  };
}

export const bookingEventView = z.object({
  id: z.uuid(),
  seq: z.number().describe("1, 2, 3… per booking, in the order the changes happened"),
  type: z.enum(BOOKING_EVENT_TYPES),
  bookingSequence: z.number().describe("The booking's sequence after the change"),
  occurredAt: z.string(),
  fannedOutAt: z.string().nullable().describe("When its deliveries were planned; null while waiting for the relay"),
  facts: z.object({
    start: z.string(),
    end: z.string(),
    previousStart: z.string().nullable(),
    previousEnd: z.string().nullable(),
    status: bookingStatus,
    hostUserIds: z.array(z.uuid()),
    cancelReason: z.string().nullable(),
    attendance: z.enum(["showed", "no_show"]).nullable(),
    actor: z.object({ type: z.string(), id: z.string().nullable() }),
  }),
});

export function toBookingEventView(event: BookingEventRecord): z.infer<typeof bookingEventView> {
  const { facts } = event;
  return {
    id: event.id,
    seq: event.seq,
    type: event.type,
    bookingSequence: event.bookingSequence,
    occurredAt: new Date(event.occurredAtMs).toISOString(),
    fannedOutAt: isoOrNull(event.fannedOutAtMs),
    facts: {
      start: new Date(facts.startMs).toISOString(),
      end: new Date(facts.endMs).toISOString(),
      previousStart: isoOrNull(facts.previous?.startMs ?? null),
      previousEnd: isoOrNull(facts.previous?.endMs ?? null),
      status: facts.status,
      hostUserIds: facts.hostUserIds,
      cancelReason: facts.cancelReason,
      attendance: facts.attendance,
      actor: facts.actor,
    },
  };
}

export const calendarWriteView = z.object({
  hostUserId: z.uuid(),
  state: z.enum(CALENDAR_WRITE_VIEW_STATES).describe("pending (retrying when attempts > 0), written, removed (after a cancel or a host change), failed (gave up), skipped (the host has no calendar to write to)"),
  calendarId: z.uuid().nullable(),
  calendarName: z.string().nullable(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  updatedAt: z.string(),
});

export function toCalendarWriteView(write: CalendarWriteState): z.infer<typeof calendarWriteView> {
  const { updatedAtMs, ...rest } = write;
  return { ...rest, updatedAt: new Date(updatedAtMs).toISOString() };
}
