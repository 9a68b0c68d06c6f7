// Calendly's Invitee and Event resources as Convene reads them, shared by the
// webhook (the payload is an Invitee with its `scheduled_event`) and the API
// (GET /scheduled_events and /scheduled_events/{uuid}/invitees), and the one
// mapping of an invitee to an ExternalBookingChange. Strict on what Convene
// uses, tolerant of every other field (Calendly adds fields over time).
// Sources: developer.calendly.com/api-docs (Invitee, Event, Invitee Payload),
// and the recipe "See how webhook payloads change when invitees reschedule events".
import { z } from "zod";
import type { ExternalAttendee, ExternalBookingChange, ExternalChangeKind } from "../../../core/inbound/external-booking.js";

const isoTime = z.iso.datetime({ offset: true });

export const calendlyEventSchema = z.object({
  uri: z.string().min(1),
  name: z.string().nullish(),
  status: z.enum(["active", "canceled"]),
  start_time: isoTime,
  end_time: isoTime,
  // A physical address, a phone number or a video conference; join_url only for the conferencing kinds.
  location: z.object({ type: z.string().optional(), location: z.string().nullish(), join_url: z.string().nullish() }).nullish(),
  event_memberships: z.array(z.object({ user: z.string().optional(), user_email: z.string().nullish(), user_name: z.string().nullish() })).default([]),
  event_guests: z.array(z.object({ email: z.string() })).default([]),
});
export type CalendlyEvent = z.infer<typeof calendlyEventSchema>;

export const calendlyInviteeSchema = z.object({
  uri: z.string().min(1),
  email: z.string().min(1),
  name: z.string().nullish(),
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  status: z.enum(["active", "canceled"]),
  timezone: z.string().nullish(),
  created_at: isoTime,
  updated_at: isoTime,
  rescheduled: z.boolean().default(false),
  old_invitee: z.string().nullish(),
  new_invitee: z.string().nullish(),
  questions_and_answers: z.array(z.object({ question: z.string(), answer: z.string() })).default([]),
  cancellation: z.object({ reason: z.string().nullish(), canceler_type: z.string().nullish(), created_at: isoTime.nullish() }).nullish(),
  no_show: z.object({ uri: z.string().optional(), created_at: isoTime.nullish() }).nullish(),
});
export type CalendlyInvitee = z.infer<typeof calendlyInviteeSchema>;

/** The webhook's payload: an Invitee with its Event inlined. */
export const calendlyInviteePayloadSchema = calendlyInviteeSchema.extend({ scheduled_event: calendlyEventSchema });

/**
 * One invitee as one change: each invitee of a group event is its own booking at
 * Calendly (its own URI, its own cancel and reschedule), so it is its own booking
 * in Convene. Guests the invitee added come after them, for lead matching.
 */
export function changeOfInvitee(
  invitee: CalendlyInvitee,
  event: CalendlyEvent,
  change: { kind: ExternalChangeKind; occurredAtMs: number; attendance?: ExternalBookingChange["attendance"] },
): ExternalBookingChange {
  const attendees: ExternalAttendee[] = [
    { name: nameOf(invitee), email: invitee.email, timeZone: invitee.timezone ?? null },
    ...event.event_guests.filter((guest) => guest.email.toLowerCase() !== invitee.email.toLowerCase()).map((guest) => ({ name: guest.email, email: guest.email, timeZone: null })),
  ];
  const answers: Record<string, string> = {};
  for (const { question, answer } of invitee.questions_and_answers) answers[question] = answer;
  return {
    kind: change.kind,
    uid: invitee.uri,
    previousUid: invitee.old_invitee ?? null,
    // Calendly's reschedule cancels the old invitee with rescheduled: true and creates a new one naming it in old_invitee.
    isRescheduleCancel: change.kind === "cancelled" && invitee.rescheduled,
    title: event.name ?? "Calendly meeting",
    startMs: Date.parse(event.start_time),
    endMs: Date.parse(event.end_time),
    attendees,
    hostEmail: event.event_memberships.find((member) => member.user_email)?.user_email ?? null,
    cancelReason: change.kind === "cancelled" ? (invitee.cancellation?.reason ?? null) || null : null,
    meetingUrl: meetingUrlOf(event),
    attendance: change.attendance ?? null,
    answers,
    occurredAtMs: change.occurredAtMs,
  };
}

function nameOf(invitee: CalendlyInvitee): string {
  const split = [invitee.first_name, invitee.last_name].filter((part) => part).join(" ");
  return invitee.name || split || invitee.email;
}

/** The conference link when there is one; a location that is itself a URL (a custom link) otherwise. */
function meetingUrlOf(event: CalendlyEvent): string | null {
  const location = event.location;
  if (!location) return null;
  if (location.join_url) return location.join_url;
  return location.location && /^https:\/\//i.test(location.location) ? location.location : null;
}
