// Owner routes for bookings: list and search, read with history, cancel,
// reschedule (with the free times to move to) and record attendance.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ATTENDANCE_MARKS } from "../../core/booking/booking.js";
import { cancelBooking, recordAttendance, rescheduleBooking } from "../../use-cases/bookings/change-booking.js";
import { bookingCalendarFile, getBookingDetail } from "../../use-cases/bookings/get-booking.js";
import { decodeBookingCursor, listBookings } from "../../use-cases/bookings/list-bookings.js";
import { describeAssignments } from "../../use-cases/bookings/describe-assignments.js";
import type { RouteContext } from "../route-context.js";
import { AUTHENTICATED, contextOf } from "../auth.js";
import { rescheduleSlotsFor } from "../../use-cases/bookings/reschedule-slots.js";
import { assignmentView, bookingStatus, bookingView, historyView, isoInstant, meetingLocationView, sendIcs, SLOTS_SERIALIZER, slotsView, toBookingView, toHistoryView, toSlotsView } from "./booking-views.js";
import { bookingEventView, calendarWriteView, deliveryView, notificationView, toBookingEventView, toCalendarWriteView, toDeliveryView, toNotificationViews } from "./delivery-views.js";
import { idParams } from "./params.js";

const cursorSchema = z
  .string()
  .max(200)
  .transform((text, ctx) => {
    const cursor = decodeBookingCursor(text);
    if (cursor) return cursor;
    ctx.addIssue({ code: "custom", message: "not a cursor from a previous page" });
    return z.NEVER;
  });

/** Optional optimistic concurrency: the booking's SEQUENCE as the client last saw it. */
export const expectedSequence = z
  .number()
  .int()
  .min(0)
  .max(1_000_000)
  .optional()
  .describe("The booking's sequence as you last saw it; if it changed meanwhile the answer is 409 BOOKING_CHANGED. Absent: the sequence when the request arrives");

export const bookingRoutes: FastifyPluginAsyncZod<{ context: RouteContext }> = async (app, { context }) => {
  const { deps } = context;
  const tags = ["bookings"];

  app.get(
    "/bookings",
    {
      config: { permission: "bookings.read" },
      schema: {
        tags,
        summary: "List bookings (a member: the ones they host): newest first (default) or by start time (either way); filter and search; paginated by cursor",
        security: AUTHENTICATED,
        querystring: z.strictObject({
          status: z
            .string()
            .transform((text) => text.split(","))
            .pipe(z.array(bookingStatus))
            .optional()
            .describe("One or more statuses, comma-separated"),
          from: isoInstant.optional().describe("Meetings starting at or after"),
          to: isoInstant.optional().describe("Meetings starting before"),
          linkId: z.uuid().optional(),
          q: z.string().trim().min(1).max(200).optional().describe("Search invitee name or email"),
          order: z.enum(["created_desc", "start_asc", "start_desc"]).default("created_desc"),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          cursor: cursorSchema.optional(),
        }),
        response: { 200: z.object({ items: z.array(bookingView.extend({ assignment: assignmentView })), nextCursor: z.string().nullable() }) },
      },
    },
    async (request) => {
      const { status, from, to, linkId, q, order, limit, cursor } = request.query;
      const ctx = contextOf(request, deps.clock);
      const page = await listBookings(deps, ctx, { status, fromMs: from, toMs: to, linkId, query: q, order, limit, cursor });
      const assignments = await describeAssignments(deps, ctx, page.bookings);
      return { items: page.bookings.map((booking) => ({ ...toBookingView(booking), assignment: assignments.get(booking.id) ?? null })), nextCursor: page.nextCursor };
    },
  );

  app.get(
    "/bookings/:id",
    {
      config: { permission: "bookings.read" },
      schema: {
        tags,
        summary: "A booking with its answers, where it happens (the meeting's address), history, events and the state of their deliveries (notifications: the emails)",
        security: AUTHENTICATED,
        params: idParams,
        response: {
          200: bookingView.extend({
            answerList: z
              .array(z.object({ questionId: z.string(), label: z.string(), value: z.string() }))
              .describe("The answers in the form's order, under their questions' labels (answers to questions removed since come last, labelled by id)"),
            location: meetingLocationView,
            history: z.array(historyView),
            notifications: z.array(notificationView),
            events: z.array(bookingEventView),
            deliveries: z.array(deliveryView),
            calendarWrites: z.array(calendarWriteView).describe("Each host's copy of the booking in their calendar"),
          }),
        },
      },
    },
    async (request) => {
      const { booking, answers, location, history, events, deliveries, calendarWrites } = await getBookingDetail(deps, contextOf(request, deps.clock), request.params.id);
      return {
        ...toBookingView(booking),
        answerList: answers,
        location,
        history: history.map(toHistoryView),
        notifications: toNotificationViews(deliveries),
        events: events.map(toBookingEventView),
        deliveries: deliveries.map(toDeliveryView),
        calendarWrites: calendarWrites.map(toCalendarWriteView),
      };
    },
  );

  app.get(
    "/bookings/:id/ics",
    { config: { permission: "bookings.read" }, schema: { tags, summary: "The booking as an iCalendar file (the current event)", security: AUTHENTICATED, params: idParams } },
    async (request, reply) => sendIcs(reply, await bookingCalendarFile(deps, contextOf(request, deps.clock), request.params.id)),
  );

  app.post(
    "/bookings/:id/cancel",
    {
      config: { permission: "bookings.write" },
      schema: {
        tags,
        summary: "Cancel a booking",
        security: AUTHENTICATED,
        params: idParams,
        body: z.strictObject({ reason: z.string().trim().max(2000).optional(), sequence: expectedSequence }).default({}),
        response: { 200: bookingView },
      },
    },
    async (request) => toBookingView(await cancelBooking(deps, contextOf(request, deps.clock), request.params.id, request.body.reason || null, request.body.sequence)),
  );

  app.get(
    "/bookings/:id/slots",
    {
      config: { permission: "bookings.read" },
      schema: {
        tags,
        summary: "Free times to reschedule the booking to: its link's slots for the booked duration, grouped by local date in timeZone",
        security: AUTHENTICATED,
        params: idParams,
        querystring: z.strictObject({
          from: isoInstant.optional(),
          to: isoInstant.optional(),
          timeZone: z.string().min(1).max(64).optional().describe("IANA zone for grouping by date; default the link's"),
        }),
        response: { 200: slotsView },
      },
      ...SLOTS_SERIALIZER,
    },
    async (request) => {
      const { from, to, timeZone } = request.query;
      const ctx = contextOf(request, deps.clock);
      return context.slotTurns.run(async () => toSlotsView(await rescheduleSlotsFor(deps, ctx, request.params.id, { fromMs: from, toMs: to, timeZone })));
    },
  );

  app.post(
    "/bookings/:id/reschedule",
    {
      config: { permission: "bookings.write" },
      schema: {
        tags,
        summary: "Move a booking to another free time of its link",
        security: AUTHENTICATED,
        params: idParams,
        body: z.strictObject({ start: isoInstant, sequence: expectedSequence }),
        response: { 200: bookingView },
      },
    },
    async (request) => toBookingView(await rescheduleBooking(deps, contextOf(request, deps.clock), request.params.id, request.body.start, request.body.sequence)),
  );

  app.post(
    "/bookings/:id/attendance",
    {
      config: { permission: "bookings.write" },
      schema: {
        tags,
        summary: "Record whether the invitee showed up (after the start)",
        security: AUTHENTICATED,
        params: idParams,
        body: z.strictObject({ status: z.enum(ATTENDANCE_MARKS), sequence: expectedSequence }),
        response: { 200: bookingView },
      },
    },
    async (request) => toBookingView(await recordAttendance(deps, contextOf(request, deps.clock), request.params.id, request.body.status, request.body.sequence)),
  );
};
