// A booking made outside Convene (Cal.com, Calendly), as one provider-neutral
// change: the webhook receivers and the backfill both turn a provider's payload
// into this, and one use case (use-cases/inbound/ingest-external-change.ts)
// applies it to Convene's bookings, whatever order the changes arrive in. Pure.
import type { Attendance } from "../booking/booking.js";

export const INBOUND_PROVIDERS = ["calcom", "calendly"] as const;
export type InboundProvider = (typeof INBOUND_PROVIDERS)[number];

/** Where a booking came from: Convene's own pages and API, or a connected provider. */
export const BOOKING_SOURCES = ["convene", ...INBOUND_PROVIDERS] as const;
export type BookingSource = (typeof BOOKING_SOURCES)[number];

export type ExternalAttendee = {
  name: string;
  email: string;
  /** IANA zone the attendee booked in; null when the provider did not say. */
  timeZone: string | null;
};

/**
 * - booked: the booking exists with these details (a create, or a backfill's view of it);
 * - rescheduled: it moved; `previousUid` names the provider's booking it replaces (Calendly and
 *   Cal.com both give the new time a new uid);
 * - cancelled: called off (`isRescheduleCancel`: the old half of a reschedule, which is not a cancellation);
 * - attendance: showed / no-show as the provider recorded it (null: the mark was removed).
 */
export const EXTERNAL_CHANGE_KINDS = ["booked", "rescheduled", "cancelled", "attendance"] as const;
export type ExternalChangeKind = (typeof EXTERNAL_CHANGE_KINDS)[number];

export type ExternalBookingChange = {
  kind: ExternalChangeKind;
  /** The provider's id of the booking (Cal.com booking uid, Calendly invitee URI). */
  uid: string;
  previousUid: string | null;
  isRescheduleCancel: boolean;
  /** The meeting's title (Cal.com event type title, Calendly event name). */
  title: string;
  startMs: number;
  endMs: number;
  /** The person who booked first, then every other attendee (each is matched to leads on its own). */
  attendees: ExternalAttendee[];
  /** The organiser's email at the provider; matched to a Convene user when it is one. */
  hostEmail: string | null;
  cancelReason: string | null;
  /** The video or location URL the provider gave, if any. */
  meetingUrl: string | null;
  /** For kind "attendance": the mark; null: unmarked. */
  attendance: Attendance | null;
  /** Answers to the provider's booking questions, by label. */
  answers: Record<string, string>;
  /** When the provider says the change happened (for ordering late and duplicate deliveries). */
  occurredAtMs: number;
};
