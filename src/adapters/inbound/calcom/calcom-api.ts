// Cal.com's API v2 for the backfill: GET /v2/bookings with the owner's API key.
// Source: cal.com/docs/api-reference/v2/bookings/get-all-bookings (version
// 2024-08-13): `Authorization: Bearer cal_…`, the `cal-api-version: 2024-08-13`
// header (without it the endpoint answers in an older shape), filters status
// (comma-separated: upcoming, recurring, past, cancelled, unconfirmed),
// afterStart / beforeEnd (ISO 8601), take / skip; the answer is {status:
// "success", data: BookingOutput[], pagination: {…, hasNextPage}}. A booking
// carries uid, title, status (accepted, cancelled, rejected, pending), start,
// end, hosts, attendees (with `absent`), cancellationReason, rescheduledFromUid,
// meetingUrl / location and bookingFieldsResponses.
import { z } from "zod";
import type { ExternalBookingChange } from "../../../core/inbound/external-booking.js";
import type { InboundProviderAdapter } from "../../../use-cases/ports/inbound-providers.js";
import { createProviderApi, describeIssues, rejectedBy, unexpectedAnswer, type ProviderApiOptions } from "../provider-api.js";

export type CalcomApiOptions = Pick<ProviderApiOptions, "baseUrl" | "fetch" | "timeoutMs" | "maxBodyBytes" | "maxInlineWaitMs" | "sleep">;

export const CALCOM_BOOKINGS_API_VERSION = "2024-08-13";
const PAGE_SIZE = 100;
const MAX_PAGES = 200;
/**
 * Cal.com filters by end (beforeEnd), the port's window by start: asking for
 * bookings that end up to a day later, then keeping those that start inside the
 * window, catches a meeting that starts just before the window's end.
 */
const END_SLACK_MS = 24 * 60 * 60 * 1000;
/** Pending (unconfirmed) bookings are not meetings yet; they arrive once the host confirms them. */
const STATUSES = "upcoming,past,cancelled";

const isoTime = z.iso.datetime({ offset: true });
const bookingSchema = z.object({
  uid: z.string().min(1),
  title: z.string().nullish(),
  status: z.enum(["accepted", "cancelled", "rejected", "pending"]),
  start: isoTime,
  end: isoTime,
  hosts: z.array(z.object({ email: z.string().nullish() })).default([]),
  attendees: z.array(z.object({ name: z.string().nullish(), email: z.string().min(1), timeZone: z.string().nullish(), absent: z.boolean().nullish() })).default([]),
  cancellationReason: z.string().nullish(),
  rescheduledFromUid: z.string().nullish(),
  rescheduledToUid: z.string().nullish(),
  meetingUrl: z.string().nullish(),
  location: z.string().nullish(),
  bookingFieldsResponses: z.record(z.string(), z.unknown()).nullish(),
  createdAt: isoTime.nullish(),
  updatedAt: isoTime.nullish(),
});
type CalcomBooking = z.infer<typeof bookingSchema>;

const pageSchema = z.object({
  status: z.literal("success"),
  data: z.array(z.unknown()),
  pagination: z.object({ hasNextPage: z.boolean() }),
});

export function calcomApi(options: CalcomApiOptions): Pick<InboundProviderAdapter, "listBookings"> {
  const api = createProviderApi("Cal.com", options);
  return {
    async listBookings(apiKey, window) {
      const changes: ExternalBookingChange[] = [];
      for (let page = 0, skip = 0; page < MAX_PAGES; page += 1) {
        const response = await api(apiKey, {
          path: "/v2/bookings",
          headers: { "cal-api-version": CALCOM_BOOKINGS_API_VERSION },
          query: {
            status: STATUSES,
            afterStart: new Date(window.fromMs).toISOString(),
            beforeEnd: new Date(window.toMs + END_SLACK_MS).toISOString(),
            sortStart: "asc",
            take: PAGE_SIZE,
            skip,
          },
        });
        if (response.status !== 200) throw rejectedBy("Cal.com", "GET /v2/bookings", response);
        const parsed = pageSchema.safeParse(response.json);
        if (!parsed.success) throw unexpectedAnswer("Cal.com", "GET /v2/bookings", describeIssues(parsed.error));
        for (const item of parsed.data.data) {
          // A recurring booking's occurrences come as their own items; anything else that is not a booking is skipped, not fatal.
          const booking = bookingSchema.safeParse(item);
          if (!booking.success) continue;
          const startMs = Date.parse(booking.data.start);
          if (startMs < window.fromMs || startMs >= window.toMs) continue;
          changes.push(...changesOfBooking(booking.data));
        }
        skip += parsed.data.data.length;
        if (!parsed.data.pagination.hasNextPage || parsed.data.data.length === 0) return changes;
      }
      throw unexpectedAnswer("Cal.com", "GET /v2/bookings", `more than ${MAX_PAGES} pages`);
    },
  };
}

function changesOfBooking(booking: CalcomBooking): ExternalBookingChange[] {
  if (booking.status === "pending") return [];
  const isCancelled = booking.status === "cancelled" || booking.status === "rejected";
  const base: ExternalBookingChange = {
    kind: isCancelled ? "cancelled" : "booked",
    uid: booking.uid,
    previousUid: booking.rescheduledFromUid ?? null,
    // A rescheduled booking's old half is "cancelled" at Cal.com and names its successor in rescheduledToUid;
    // the new one names it in rescheduledFromUid, which is what the ingest links.
    isRescheduleCancel: false,
    title: booking.title || "Cal.com meeting",
    startMs: Date.parse(booking.start),
    endMs: Date.parse(booking.end),
    attendees: booking.attendees.map((attendee) => ({ name: attendee.name || attendee.email, email: attendee.email, timeZone: attendee.timeZone ?? null })),
    hostEmail: booking.hosts.find((host) => host.email)?.email ?? null,
    cancelReason: isCancelled ? booking.cancellationReason || null : null,
    meetingUrl: booking.meetingUrl || (booking.location && /^https:\/\//i.test(booking.location) ? booking.location : null),
    attendance: null,
    answers: answersOf(booking.bookingFieldsResponses),
    occurredAtMs: Date.parse(booking.updatedAt ?? booking.createdAt ?? booking.start),
  };
  if (isCancelled) return [{ ...base, isRescheduleCancel: Boolean(booking.rescheduledToUid) }];
  // Cal.com marks no-shows per attendee (`absent`); the meeting is a no-show when every attendee was marked absent.
  // An unmarked attendee (absent false, the default) says nothing, so no "showed" is inferred.
  const isNoShow = booking.attendees.length > 0 && booking.attendees.every((attendee) => attendee.absent === true);
  return isNoShow ? [base, { ...base, kind: "attendance", attendance: "no_show" }] : [base];
}

/** bookingFieldsResponses holds every booking field by its slug; the answers are the text ones beyond name and email. */
function answersOf(responses: Record<string, unknown> | null | undefined): Record<string, string> {
  const answers: Record<string, string> = {};
  for (const [field, value] of Object.entries(responses ?? {})) {
    if (field === "name" || field === "email" || field === "guests") continue;
    if (typeof value === "string" && value.length > 0) answers[field] = value;
    else if (typeof value === "number" || typeof value === "boolean") answers[field] = String(value);
  }
  return answers;
}
