// How tools show a meeting and its times to an agent: every instant both in UTC
// and as wall time with offset in the zone that matters (the invitee's), so the
// agent can quote it to the prospect without converting anything itself.
import { z } from "zod";
import { BOOKING_STATUSES } from "../core/booking/booking.js";
import type { MeetingLocation } from "../core/booking/meeting-location.js";
import { formatIsoInstant } from "../core/time/iso-instant.js";
import { formatZonedIso } from "../core/time/zoned-iso.js";
import type { BookingRecord } from "../use-cases/ports/bookings.js";

export const zonedTime = z.object({
  utc: z.string().describe("The instant in UTC (ISO 8601)"),
  local: z.string().describe("The same instant as wall time with its UTC offset in `timeZone` (ISO 8601)"),
  timeZone: z.string(),
});

export function zoned(epochMs: number, timeZone: string): z.infer<typeof zonedTime> {
  return { utc: formatIsoInstant(epochMs), local: formatZonedIso(epochMs, timeZone), timeZone };
}

export const locationView = z
  .object({ type: z.string(), text: z.string().describe("What to tell the attendees: the video URL, phone number or address"), url: z.string().nullable() })
  .describe("Where the meeting happens (the meeting link for a video call)");

export const meetingView = z.object({
  id: z.string().describe("The meeting's id (booking id): pass it to get_meeting, reschedule_meeting, cancel_meeting, mark_attendance"),
  status: z.enum(BOOKING_STATUSES),
  start: zonedTime.describe("Start, in UTC and in the invitee's zone"),
  end: zonedTime,
  durationMin: z.number().int(),
  invitee: z.object({ name: z.string(), email: z.string(), timeZone: z.string() }),
  guests: z.array(z.string()),
  notes: z.string().nullable(),
  linkId: z.string().nullable(),
  hostUserIds: z.array(z.string()),
  sequence: z.number().int().describe("Changes so far; pass it back as `sequence` to refuse a change if someone else changed the meeting meanwhile"),
  cancelReason: z.string().nullable(),
});

export type MeetingView = z.infer<typeof meetingView>;

export function toMeetingView(booking: BookingRecord): MeetingView {
  const zone = booking.inviteeTimeZone;
  return {
    id: booking.id,
    status: booking.status,
    start: zoned(booking.startAt.getTime(), zone),
    end: zoned(booking.endAt.getTime(), zone),
    durationMin: booking.durationMin,
    invitee: { name: booking.inviteeName, email: booking.inviteeEmail, timeZone: zone },
    guests: booking.guests,
    notes: booking.notes,
    linkId: booking.linkId,
    hostUserIds: booking.hostUserIds,
    sequence: booking.sequence,
    cancelReason: booking.cancelReason,
  };
}

export function toLocationView(location: MeetingLocation | null): z.infer<typeof locationView> | null {
  return location ? { type: location.type, text: location.text, url: location.url } : null;
}

/** One line an agent can repeat: when (in the invitee's zone), with whom, status. */
export function meetingLine(view: MeetingView): string {
  return `Meeting ${view.id} with ${view.invitee.name} <${view.invitee.email}> at ${view.start.local} (${view.invitee.timeZone}), ${view.durationMin} min, ${view.status}.`;
}

/** An ISO 8601 instant with an offset or Z, as the schemas describe; anything else is the caller's mistake. */
export const isoInstantArg = z
  .string()
  .max(40)
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/, "an ISO 8601 instant with an offset, e.g. 2026-12-01T14:00:00+09:00");

export function instantMsOf(text: string): number {
  return Date.parse(text);
}
