// Meetings already booked: list, read (with the meeting link), move, cancel
// and record attendance, through the same use cases as the REST API.
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { ATTENDANCE_MARKS, BOOKING_STATUSES } from "../core/booking/booking.js";
import { cancelBooking, recordAttendance, rescheduleBooking } from "../use-cases/bookings/change-booking.js";
import { getBookingDetail } from "../use-cases/bookings/get-booking.js";
import { decodeBookingCursor, listBookings } from "../use-cases/bookings/list-bookings.js";
import { ConveneError } from "../core/errors.js";
import { instantMsOf, isoInstantArg, locationView, meetingLine, meetingView, toLocationView, toMeetingView } from "./meeting-view.js";
import { registerConveneTool, type ToolSession } from "./tool-results.js";

const meetingId = z.uuid().describe("The meeting's id, from list_meetings or book_meeting");
const sequence = z.number().int().min(0).optional().describe("The meeting's `sequence` as you last saw it; if someone changed it meanwhile the call fails with BOOKING_CHANGED instead of overwriting their change");
const meetingOutput = { meeting: meetingView };
const target = (id: string) => ({ type: "booking", id });

export function registerMeetingTools(server: McpServer, session: ToolSession): void {
  const { deps } = session;

  registerConveneTool(server, session, {
    name: "list_meetings",
    title: "List meetings",
    description: "Meetings you may see (a member: the ones they host), by start time. Filter by status, a time window, a link or the invitee's name/email. For more, call again with `cursor` = nextCursor.",
    permission: "bookings.read",
    input: {
      from: isoInstantArg.optional().describe("Meetings starting at or after this ISO 8601 instant with offset"),
      to: isoInstantArg.optional().describe("Meetings starting before this instant"),
      status: z.array(z.enum(BOOKING_STATUSES)).optional().describe("Only these statuses; default all"),
      linkId: z.uuid().optional(),
      query: z.string().trim().min(1).max(200).optional().describe("Part of the invitee's name or email"),
      limit: z.number().int().min(1).max(100).default(20),
      cursor: z.string().max(200).optional().describe("nextCursor from the previous answer"),
    },
    output: { meetings: z.array(meetingView), nextCursor: z.string().nullable() },
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    run: async (args, ctx) => {
      const cursor = args.cursor === undefined ? undefined : decodeBookingCursor(args.cursor);
      if (cursor === null) throw new ConveneError("VALIDATION_FAILED", "cursor: not a nextCursor from a previous answer.");
      const page = await listBookings(deps, ctx, {
        status: args.status,
        fromMs: args.from === undefined ? undefined : instantMsOf(args.from),
        toMs: args.to === undefined ? undefined : instantMsOf(args.to),
        linkId: args.linkId,
        query: args.query,
        order: "start_asc",
        limit: args.limit,
        cursor,
      });
      const meetings = page.bookings.map(toMeetingView);
      return { structured: { meetings, nextCursor: page.nextCursor }, text: meetings.length ? meetings.map(meetingLine).join("\n") : "No meetings match." };
    },
  });

  registerConveneTool(server, session, {
    name: "get_meeting",
    title: "Get a meeting",
    description: "One meeting with where it happens (its meeting link: Jitsi, Google Meet, Teams, a URL, a phone number or an address), its invitee and status.",
    permission: "bookings.read",
    input: { meetingId },
    output: { meeting: meetingView, location: locationView.nullable() },
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    run: async (args, ctx) => {
      const detail = await getBookingDetail(deps, ctx, args.meetingId);
      const meeting = toMeetingView(detail.booking);
      const where = detail.location ? ` ${detail.location.label}: ${detail.location.text}.` : "";
      return { structured: { meeting, location: toLocationView(detail.location) }, text: `${meetingLine(meeting)}${where}`, target: target(meeting.id) };
    },
  });

  registerConveneTool(server, session, {
    name: "reschedule_meeting",
    title: "Reschedule a meeting",
    description: "Moves a meeting to another free time of its link (check_availability on the meeting's linkId first). Everyone gets the updated invite; calendars follow.",
    permission: "bookings.write",
    input: { meetingId, start: isoInstantArg.describe("The new start, an ISO 8601 instant with offset, e.g. 2026-12-02T10:00:00+09:00"), sequence },
    output: meetingOutput,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    run: async (args, ctx) => {
      const meeting = toMeetingView(await rescheduleBooking(deps, ctx, args.meetingId, instantMsOf(args.start), args.sequence));
      return { structured: { meeting }, text: `Rescheduled. ${meetingLine(meeting)}`, target: target(meeting.id) };
    },
  });

  registerConveneTool(server, session, {
    name: "cancel_meeting",
    title: "Cancel a meeting",
    description: "Cancels a meeting: the invitee and hosts are told, the invite is withdrawn and the calendar events removed. Cannot be undone (book again instead).",
    permission: "bookings.write",
    input: { meetingId, reason: z.string().trim().max(2000).optional().describe("Why, in words for the invitee (in the cancellation email)"), sequence },
    output: meetingOutput,
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
    run: async (args, ctx) => {
      const meeting = toMeetingView(await cancelBooking(deps, ctx, args.meetingId, args.reason || null, args.sequence));
      return { structured: { meeting }, text: `Cancelled. ${meetingLine(meeting)}`, target: target(meeting.id) };
    },
  });

  registerConveneTool(server, session, {
    name: "mark_attendance",
    title: "Mark attendance",
    description: "Records whether the invitee showed up, after the meeting started (the funnel counts it).",
    permission: "bookings.write",
    input: { meetingId, attendance: z.enum(ATTENDANCE_MARKS).describe("showed: the invitee came; no_show: they did not"), sequence },
    output: meetingOutput,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    run: async (args, ctx) => {
      const meeting = toMeetingView(await recordAttendance(deps, ctx, args.meetingId, args.attendance, args.sequence));
      return { structured: { meeting }, text: `Recorded ${args.attendance}. ${meetingLine(meeting)}`, target: target(meeting.id) };
    },
  });
}
