// Cal.com webhook deliveries as Cal.com sends them (from its webhook
// documentation: {triggerEvent, createdAt, payload}; the payload's uid,
// title/eventTitle, startTime/endTime, organizer, attendees, responses,
// videoCallData, rescheduleUid on a reschedule, cancellationReason on a cancel;
// BOOKING_NO_SHOW_UPDATED's payload {message, bookingUid, bookingId, attendees:
// [{email, noShow}]}), and their X-Cal-Signature-256 (hex HMAC-SHA256 of the raw body).
import { createHmac } from "node:crypto";

export type CalcomBookingFields = { uid: string; startTime: string; endTime: string; attendeeEmail?: string; attendeeName?: string; organizerEmail?: string; guests?: string[] };

function bookingPayload(fields: CalcomBookingFields) {
  return {
    type: "30min",
    title: `30 Min Meeting between Olivia Organiser and ${fields.attendeeName ?? "Ada Lovelace"}`,
    eventTitle: "30 Min Meeting",
    description: "",
    startTime: fields.startTime,
    endTime: fields.endTime,
    organizer: { id: 5, name: "Olivia Organiser", email: fields.organizerEmail ?? "olivia@cal.example", username: "olivia", timeZone: "Europe/London", language: { locale: "en" } },
    attendees: [
      { name: fields.attendeeName ?? "Ada Lovelace", email: fields.attendeeEmail ?? "Ada@Example.com", timeZone: "America/New_York", language: { locale: "en" } },
      ...(fields.guests ?? []).map((email) => ({ name: email, email, timeZone: "America/New_York", language: { locale: "en" } })),
    ],
    location: "integrations:daily",
    responses: {
      name: { label: "your_name", value: fields.attendeeName ?? "Ada Lovelace" },
      email: { label: "email_address", value: fields.attendeeEmail ?? "Ada@Example.com" },
      notes: { label: "Additional notes", value: "Keen on the enterprise plan" },
      company: { label: "Company", value: "Analytical Engines Ltd" },
    },
    uid: fields.uid,
    bookingId: 101,
    status: "ACCEPTED",
    videoCallData: { type: "daily_video", id: "room", password: "", url: "https://app.cal.com/video/room" },
    metadata: { videoCallUrl: "https://app.cal.com/video/room" },
  };
}

export const calcomDelivery = {
  created: (fields: CalcomBookingFields, createdAt: string) => ({ triggerEvent: "BOOKING_CREATED", createdAt, payload: bookingPayload(fields) }),
  rescheduled: (fields: CalcomBookingFields & { rescheduleUid: string }, createdAt: string) => ({
    triggerEvent: "BOOKING_RESCHEDULED",
    createdAt,
    payload: { ...bookingPayload(fields), rescheduleUid: fields.rescheduleUid, rescheduleId: 100, rescheduleStartTime: "2026-11-23T10:00:00.000Z", rescheduleEndTime: "2026-11-23T10:30:00.000Z", rescheduledBy: "ada@example.com" },
  }),
  cancelled: (fields: CalcomBookingFields & { reason?: string }, createdAt: string) => ({
    triggerEvent: "BOOKING_CANCELLED",
    createdAt,
    payload: { ...bookingPayload(fields), status: "CANCELLED", cancellationReason: fields.reason ?? "Something came up", cancelledBy: "ada@example.com" },
  }),
  noShow: (fields: { uid: string; noShow: boolean; email?: string }, createdAt: string) => ({
    triggerEvent: "BOOKING_NO_SHOW_UPDATED",
    createdAt,
    payload: { message: fields.noShow ? "x_marked_as_no_show" : "x_unmarked_as_no_show", bookingUid: fields.uid, bookingId: 101, attendees: [{ email: fields.email ?? "ada@example.com", noShow: fields.noShow }] },
  }),
  meetingEnded: (fields: CalcomBookingFields, createdAt: string) => ({ triggerEvent: "MEETING_ENDED", createdAt, payload: bookingPayload(fields) }),
  ping: (createdAt: string) => ({ triggerEvent: "PING", createdAt, payload: { type: "Test", title: "Test trigger event", startTime: createdAt, endTime: createdAt } }),
  requested: (fields: CalcomBookingFields, createdAt: string) => ({ triggerEvent: "BOOKING_REQUESTED", createdAt, payload: { ...bookingPayload(fields), status: "PENDING" } }),
};

/** The raw body as Cal.com sends it (JSON.stringify of the object) and its signature header. */
export function signedCalcom(delivery: object, secret: string): { body: Buffer; headers: Record<string, string> } {
  const body = Buffer.from(JSON.stringify(delivery));
  return { body, headers: { "content-type": "application/json", "x-cal-signature-256": createHmac("sha256", secret).update(body).digest("hex") } };
}
