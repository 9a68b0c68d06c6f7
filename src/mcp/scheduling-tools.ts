// Finding a time and booking it through one of the caller's links: the link
// path of check_availability and book_meeting, their inputs and answers. The
// tools themselves (and the by-hosts path) are in hosts-scheduling.ts.
import { z } from "zod";
import { bookThroughLink } from "../use-cases/bookings/book-through-link.js";
import { linkAvailability } from "../use-cases/bookings/link-availability.js";
import type { RequestContext } from "../use-cases/request-context.js";
import { manageUrls } from "../core/public-urls.js";
import { getBookingDetail } from "../use-cases/bookings/get-booking.js";
import type { Booked } from "../use-cases/bookings/book-meeting.js";
import { instantMsOf, isoInstantArg, locationView, meetingLine, meetingView, toLocationView, toMeetingView, zoned, zonedTime } from "./meeting-view.js";
import type { McpDeps } from "./tool-results.js";

const timeZoneArg = z.string().min(1).max(64).describe("The prospect's IANA time zone, e.g. Asia/Tokyo or America/New_York (never an abbreviation like JST); times are answered in it");

export const availabilityInput = {
  linkId: z.uuid().describe("The booking link to book through (its rules: hours, durations, notice, hosts); get ids from list_links"),
  timeZone: timeZoneArg,
  from: isoInstantArg.optional().describe("Window start, an ISO 8601 instant with offset, e.g. 2026-12-01T00:00:00+09:00; default now"),
  to: isoInstantArg.optional().describe("Window end (exclusive); default 30 days after `from`. Keep it to the days the prospect asked about"),
  durationMin: z.number().int().min(5).max(1440).optional().describe("Meeting length in minutes; one of the link's durations (list_links shows them); default the link's default"),
  at: isoInstantArg.optional().describe("A specific start the prospect asked for (e.g. 'tomorrow at 2pm' turned into an instant in their zone): the answer says whether it is free, why not, and the nearest free starts"),
};

const slotView = z.object({ start: zonedTime, end: zonedTime });

export const availabilityOutput = {
  timeZone: z.string(),
  durationMin: z.number().int(),
  days: z.array(z.object({ date: z.string().describe("Local date in timeZone, YYYY-MM-DD"), slots: z.array(slotView) })),
  nextFrom: z.string().nullable().describe("When not null, more slots exist: call again with from = nextFrom"),
  requested: z
    .object({
      start: zonedTime,
      isFree: z.boolean(),
      reasons: z.array(z.object({ code: z.string(), message: z.string() })).describe("Why it is not free (empty when free)"),
      nearest: z.array(slotView).describe("The nearest free starts around it, when it is not free"),
    })
    .nullable(),
};

type AvailabilityArgs = z.infer<z.ZodObject<typeof availabilityInput>>;

/** The by-link path of check_availability. */
export async function availabilityByLink(deps: McpDeps, ctx: RequestContext, args: AvailabilityArgs) {
  const answer = await linkAvailability(deps, ctx, args.linkId, {
    timeZone: args.timeZone,
    fromMs: args.from === undefined ? undefined : instantMsOf(args.from),
    toMs: args.to === undefined ? undefined : instantMsOf(args.to),
    durationMin: args.durationMin,
    atMs: args.at === undefined ? undefined : instantMsOf(args.at),
  });
  const { timeZone, durationMin } = answer;
  const span = (startMs: number) => ({ start: zoned(startMs, timeZone), end: zoned(startMs + durationMin * 60_000, timeZone) });
  return {
    timeZone,
    durationMin,
    days: answer.days.map((day) => ({ date: day.date, slots: day.slots.map((slot) => span(slot.startMs)) })),
    nextFrom: answer.nextFromMs === null ? null : zoned(answer.nextFromMs, timeZone).local,
    requested: answer.requested && { start: zoned(answer.requested.startMs, timeZone), isFree: answer.requested.isFree, reasons: answer.requested.reasons, nearest: answer.requested.nearestMs.map(span) },
  };
}

export function availabilityText(answer: Awaited<ReturnType<typeof availabilityByLink>>): string {
  const count = answer.days.reduce((sum, day) => sum + day.slots.length, 0);
  const first = answer.days[0]?.slots.slice(0, 5).map((slot) => slot.start.local) ?? [];
  const requested = answer.requested
    ? answer.requested.isFree
      ? `${answer.requested.start.local} is free. `
      : `${answer.requested.start.local} is not free (${answer.requested.reasons.map((reason) => reason.message).join(" ")}); nearest: ${answer.requested.nearest.map((slot) => slot.start.local).join(", ") || "none"}. `
    : "";
  return `${requested}${count} free ${answer.durationMin}-minute slot(s) in ${answer.timeZone}${first.length ? `, first: ${first.join(", ")}` : ""}.`;
}

export const bookInput = {
  linkId: z.uuid().describe("The booking link to book through; the start must be one of its free times (check_availability)"),
  start: isoInstantArg.describe("The start, an ISO 8601 instant with offset exactly as check_availability answered it, e.g. 2026-12-01T23:00:00+09:00"),
  timeZone: timeZoneArg,
  durationMin: z.number().int().min(5).max(1440).optional().describe("One of the link's durations; default the link's default"),
  attendee: z.object({ name: z.string().trim().min(1).max(200), email: z.email().max(320) }).describe("The prospect who is invited (gets the confirmation email and the invite)"),
  guests: z.array(z.email().max(320)).max(10).optional().describe("More attendees' email addresses (they get the invite too)"),
  notes: z.string().max(2000).optional().describe("Notes for the meeting (what it is about), shown to the host and in the invite"),
  answers: z.record(z.string(), z.unknown()).optional().describe("Answers to the link's questions by question id, when the link asks any (an INVALID_ANSWERS error lists what is missing)"),
};

export const bookOutput = {
  meeting: meetingView,
  location: locationView.nullable(),
  manageUrl: z.string().describe("The invitee's own page to reschedule or cancel (also in their email)"),
};

type BookArgs = z.infer<z.ZodObject<typeof bookInput>>;

/** The by-link path of book_meeting. */
export async function bookByLink(deps: McpDeps, ctx: RequestContext, args: BookArgs) {
  return bookThroughLink(deps, ctx, args.linkId, {
    startMs: instantMsOf(args.start),
    durationMin: args.durationMin,
    timeZone: args.timeZone,
    name: args.attendee.name,
    email: args.attendee.email,
    guests: args.guests,
    notes: args.notes,
    answers: args.answers ?? {},
  });
}

/** What book_meeting answers for a booking made by any path: the meeting, where it happens (its meeting link) and the invitee's page. */
export async function bookedAnswer(deps: McpDeps, ctx: RequestContext, booked: Booked) {
  const { location } = await getBookingDetail(deps, ctx, booked.booking.id);
  const meeting = toMeetingView(booked.booking);
  const structured = { meeting, location: toLocationView(location), manageUrl: manageUrls(deps.publicUrl, booked.manageToken).manageUrl };
  const where = location ? ` ${location.label}: ${location.text}.` : "";
  return { structured, text: `Booked. ${meetingLine(meeting)}${where} Confirmation and invite emails are on their way.`, target: { type: "booking", id: meeting.id } };
}
