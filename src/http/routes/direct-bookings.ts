// Owner-side scheduling without a link: an owner's or a team's free times
// (GET /availability) and booking directly (POST /bookings). Schema and
// mapping only: the rules live in the use cases the MCP tools call too.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { EMAIL_MAX_LENGTH } from "../../core/account/limits.js";
import { defaultIntervalMin, MAX_OWNER_WINDOW_DAYS, OWNER_AVAILABILITY_MODES } from "../../core/availability/owner-availability.js";
import { MAX_DURATION_MIN, MIN_DURATION_MIN } from "../../core/availability/query-bounds.js";
import { DIRECT_LOCATION_KINDS } from "../../core/booking/direct-location.js";
import { MAX_LOCATION_VALUE_LENGTH } from "../../core/booking/link-options.js";
import { formatIsoInstant } from "../../core/time/iso-instant.js";
import { formatLocalIso } from "../../core/time/local-iso.js";
import { assertTimeZone } from "../../core/time/zone.js";
import { bookDirectWithIdempotencyKey, MAX_IDEMPOTENCY_KEY_LENGTH } from "../../use-cases/bookings/idempotency.js";
import { ownerAvailability } from "../../use-cases/bookings/owner-availability.js";
import { AUTHENTICATED, contextOf } from "../auth.js";
import type { RouteContext } from "../route-context.js";
import { isoInstant } from "./booking-views.js";

const minutes = z.coerce.number().int().min(MIN_DURATION_MIN).max(MAX_DURATION_MIN);

const availabilityQuery = z.strictObject({
  from: isoInstant.describe("Start of the window (an instant with a zone)"),
  to: isoInstant.describe(`End of the window; at most ${MAX_OWNER_WINDOW_DAYS} days after from (WINDOW_TOO_LONG)`),
  durationMin: minutes.describe("The meeting's length in minutes"),
  hostUserIds: z
    .string()
    .max(2000)
    .transform((text) => text.split(",").map((id) => id.trim()))
    .pipe(z.array(z.uuid()).min(1).max(20))
    .optional()
    .describe("Comma-separated member ids; default you. A member may ask only about themselves (403); an id outside your organisation: 404 HOST_NOT_FOUND"),
  mode: z.enum(OWNER_AVAILABILITY_MODES).default("all").describe("all: times every host is free; any: times at least one host is free (each slot lists who)"),
  intervalMin: minutes.optional().describe("Minutes between slot starts; default the duration, at most 30"),
  timeZone: z.string().min(1).max(64).optional().describe("Also write every time as wall time in this IANA zone (localStart, localEnd)"),
  at: isoInstant.optional().describe("A time to judge on its own: free or not, why (the engine's reasons), and the nearest free times"),
});

const localTimes = { localStart: z.string().optional().describe("start in timeZone, e.g. 2026-12-07T09:00:00-05:00 (only with timeZone)"), localEnd: z.string().optional() };
const slotView = z.object({ start: z.string(), end: z.string(), hostUserIds: z.array(z.uuid()), ...localTimes });

const availabilityView = z.object({
  durationMin: z.number(),
  intervalMin: z.number(),
  timeZone: z.string().nullable(),
  slots: z.array(slotView),
  requested: z
    .object({
      start: z.string(),
      localStart: z.string().optional(),
      free: z.boolean(),
      reasons: z.array(z.object({ code: z.string().describe("OUTSIDE_HOURS, BUSY, TOO_SOON, OFF_GRID…"), message: z.string() })),
      nearest: z.array(z.object({ start: z.string(), end: z.string(), ...localTimes })).describe("Up to five free times nearest to it (within three days), when it is not free"),
    })
    .optional(),
});

const attendee = z.strictObject({
  name: z.string().trim().min(1).max(200),
  email: z.email().max(EMAIL_MAX_LENGTH),
  timeZone: z.string().min(1).max(64).optional().describe("The attendee's IANA zone (the invitee's emails use it); default the organizer's"),
});

const directBookingBody = z.strictObject({
  start: isoInstant.describe("When the meeting starts (on a five-minute mark)"),
  durationMin: z.number().int().min(MIN_DURATION_MIN).max(MAX_DURATION_MIN),
  title: z.string().trim().min(1).max(200).optional().describe("Default: the link's title, else \"Meeting\""),
  attendees: z.array(attendee).min(1).max(20).describe("The first is the invitee; the others are guests"),
  location: z
    .strictObject({
      kind: z.enum(DIRECT_LOCATION_KINDS),
      value: z.string().max(MAX_LOCATION_VALUE_LENGTH).optional().describe("url: the meeting URL; phone: the number; in_person: the address"),
    })
    .optional()
    .describe("google_meet / teams: made by the first host's Google / Microsoft calendar (422 CALENDAR_NOT_CONNECTED without one); jitsi: a room of its own. Default: the link's location, else none"),
  hostUserIds: z.array(z.uuid()).min(1).max(20).optional().describe("Default you; the first host is the organizer. A member may book only themselves"),
  linkId: z.uuid().optional().describe("One of your links: lends its questions, buffers and title"),
  answers: z.record(z.string(), z.unknown()).optional().describe("Answers to the link's questions"),
  leadId: z.uuid().optional().describe("The lead this meeting is with"),
  notes: z.string().trim().max(5000).optional(),
  allowOutsideHours: z.boolean().optional().describe("Book outside the hosts' working hours; their busy time still refuses (OUTSIDE_AVAILABILITY)"),
  holdToken: z.string().min(1).max(200).optional().describe("A hold on this time (POST /holds): the booking cannot lose the race"),
});

const bookedView = z.object({
  id: z.uuid(),
  start: z.string(),
  end: z.string(),
  durationMin: z.number(),
  status: z.string(),
  timeZone: z.string().describe("The invitee's zone"),
  manageUrl: z.string().describe("The invitee's private page to reschedule or cancel (their emails carry it)"),
  manageApiUrl: z.string(),
});

export const directBookingRoutes: FastifyPluginAsyncZod<{ context: RouteContext }> = async (app, { context }) => {
  const { deps } = context;
  const tags = ["bookings"];

  app.get(
    "/availability",
    {
      config: { permission: "availability.read" },
      schema: {
        tags,
        summary: "Free times of you (or of members, together or any one of them) without a link: their working hours, bookings and calendars' busy time",
        security: AUTHENTICATED,
        querystring: availabilityQuery,
        response: { 200: availabilityView },
      },
    },
    async (request) => {
      const { from, to, durationMin, hostUserIds, mode, intervalMin, timeZone, at } = request.query;
      if (timeZone) assertTimeZone(timeZone);
      const answer = await ownerAvailability(deps, contextOf(request, deps.clock), { fromMs: from, toMs: to, durationMin, hostUserIds, mode, intervalMin, atMs: at });
      const span = (startMs: number, endMs: number) => ({
        start: formatIsoInstant(startMs),
        end: formatIsoInstant(endMs),
        ...(timeZone ? { localStart: formatLocalIso(timeZone, startMs), localEnd: formatLocalIso(timeZone, endMs) } : {}),
      });
      const requested = answer.requested;
      return {
        durationMin,
        intervalMin: intervalMin ?? defaultIntervalMin(durationMin),
        timeZone: timeZone ?? null,
        slots: answer.slots.map((slot) => ({ ...span(slot.startMs, slot.endMs), hostUserIds: slot.hostUserIds })),
        ...(requested
          ? {
              requested: {
                start: formatIsoInstant(requested.startMs),
                ...(timeZone ? { localStart: formatLocalIso(timeZone, requested.startMs) } : {}),
                free: requested.free,
                reasons: requested.reasons,
                nearest: requested.nearestMs.map((startMs) => span(startMs, startMs + durationMin * 60_000)),
              },
            }
          : {}),
      };
    },
  );

  app.post(
    "/bookings",
    {
      config: { permission: "bookings.write" },
      schema: {
        tags,
        summary:
          "Book a meeting directly (no invitee picks a slot): checked against the hosts' working hours (422 OUTSIDE_AVAILABILITY unless allowOutsideHours) and calendars; a time already booked is 409 SLOT_TAKEN with the nearest free times. Emails, invites and calendar events follow. Optional Idempotency-Key header",
        security: AUTHENTICATED,
        body: directBookingBody,
        headers: z.object({ "idempotency-key": z.string().min(1).max(MAX_IDEMPOTENCY_KEY_LENGTH).optional() }),
        response: { 201: bookedView },
      },
    },
    async (request, reply) => {
      const { start, ...rest } = request.body;
      const answer = await bookDirectWithIdempotencyKey(deps, contextOf(request, deps.clock), { ...rest, startMs: start }, request.headers["idempotency-key"]);
      if (answer.isReplayed) reply.header("idempotent-replayed", "true");
      return reply.status(201).send(answer.body);
    },
  );
};
