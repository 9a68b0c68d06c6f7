// The invitee's private manage link: see the booking, reschedule it to another
// free slot of the same link, or cancel it with a reason.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { openManagedBooking } from "../../use-cases/auth/public-access.js";
import { eraseManagedBooking } from "../../use-cases/bookings/erase-invitee.js";
import { cancelManagedBooking, getManagedBooking, managedBookingSlots, managedCalendarFile, rescheduleManagedBooking, type ManagedBookingView } from "../../use-cases/bookings/manage-booking.js";
import type { RouteContext } from "../route-context.js";
import { linkUrls, PUBLIC_API } from "../../core/public-urls.js";
import { publicContextOf } from "../auth.js";
import { isoInstant, isoOrNull, meetingLocationView, sendIcs, SLOTS_SERIALIZER, slotsView, toSlotsView } from "./booking-views.js";
import { expectedSequence } from "./bookings.js";

const params = z.object({ token: z.string().min(16).max(100) });

const managedView = z.object({
  id: z.uuid(),
  start: z.string(),
  end: z.string(),
  durationMin: z.number(),
  status: z.string(),
  sequence: z.number().describe("iCalendar SEQUENCE: bumped on every change; send it back to change only this version"),
  timeZone: z.string().describe("The invitee's zone"),
  invitee: z.object({ name: z.string(), email: z.string() }),
  link: z.object({
    title: z.string().describe("The meeting's title: the booking's own (booked directly), else the link's"),
    ownerName: z.string().describe("The link's owner, or the organizer of a booking made without a link"),
    bookingUrl: z.string().nullable(),
    bookableUntil: z.string().nullable().describe("Slots to reschedule to start before this instant; null: no limit"),
  }),
  hosts: z.array(z.object({ name: z.string() })).describe("Who the invitee meets"),
  location: meetingLocationView,
  cancelReason: z.string().nullable(),
});

function toManagedView({ booking, link, owner, title, hostNames, bookableUntilMs, location }: ManagedBookingView, publicUrl: string): z.infer<typeof managedView> {
  return {
    id: booking.id,
    start: booking.startAt.toISOString(),
    end: booking.endAt.toISOString(),
    durationMin: booking.durationMin,
    status: booking.status,
    sequence: booking.sequence,
    timeZone: booking.inviteeTimeZone,
    invitee: { name: booking.inviteeName, email: booking.inviteeEmail },
    link: {
      title,
      ownerName: owner?.name ?? "",
      bookingUrl: link && owner ? linkUrls(publicUrl, owner.handle, link.slug).bookingUrl : null,
      bookableUntil: isoOrNull(bookableUntilMs),
    },
    hosts: hostNames.map((name) => ({ name })),
    location,
    cancelReason: booking.cancelReason,
  };
}

export const manageRoutes: FastifyPluginAsyncZod<{ context: RouteContext }> = async (app, { context }) => {
  const { deps, rateLimits } = context;
  const tags = ["public booking"];
  const config = { rateLimit: { max: rateLimits.publicReadsPerMinute, timeWindow: "1 minute" } };
  // Slots are the expensive read: the same bucket as the booking page's slots.
  const slotReads = { rateLimit: { max: rateLimits.slotReadsPerMinute, timeWindow: "1 minute" } };
  const prefix = `${PUBLIC_API}/manage/:token`;
  const view = (managed: ManagedBookingView) => toManagedView(managed, deps.publicUrl);

  app.get(prefix, { config, schema: { tags, summary: "The invitee's booking", params, response: { 200: managedView } } }, async (request) =>
    view(await getManagedBooking(deps, request.params.token, publicContextOf(request, deps.clock))),
  );

  app.get(
    `${prefix}/slots`,
    {
      config: slotReads,
      schema: {
        tags,
        summary: "Free slots to reschedule to, for the same duration: the same link's, or the hosts' own hours for a booking made without one",
        params,
        querystring: z.strictObject({ from: isoInstant.optional(), to: isoInstant.optional(), timeZone: z.string().min(1).max(64).optional() }),
        response: { 200: slotsView },
      },
      ...SLOTS_SERIALIZER,
    },
    async (request) => {
      const ctx = publicContextOf(request, deps.clock);
      // Opened before taking a turn: a bad token should not wait behind slot answers.
      const managed = await openManagedBooking(deps, request.params.token);
      const { from, to, timeZone } = request.query;
      return context.slotTurns.run(async () => toSlotsView(await managedBookingSlots(deps, managed, { fromMs: from, toMs: to, timeZone }, ctx)));
    },
  );

  app.get(`${prefix}/ics`, { config, schema: { tags, summary: "The booking as an iCalendar file", params } }, async (request, reply) =>
    sendIcs(reply, await managedCalendarFile(deps, request.params.token)),
  );

  app.post(
    `${prefix}/cancel`,
    { config, schema: { tags, summary: "Cancel the booking", params, body: z.strictObject({ reason: z.string().trim().max(2000).optional(), sequence: expectedSequence }).default({}), response: { 200: managedView } } },
    async (request) =>
      view(await cancelManagedBooking(deps, request.params.token, { reason: request.body.reason || null, seenSequence: request.body.sequence }, publicContextOf(request, deps.clock))),
  );

  app.post(
    `${prefix}/erase`,
    {
      config,
      schema: {
        tags,
        summary: "Erase the invitee's data: cancels the meeting if it is ahead (with the usual notices), tells the hosts, blanks the booking's personal fields; the link stops opening it. Asking again answers the same.",
        params,
        response: { 200: z.object({ erased: z.literal(true), erasedAt: z.string() }) },
      },
    },
    async (request) => {
      const { erasedAtMs } = await eraseManagedBooking(deps, request.params.token, publicContextOf(request, deps.clock));
      return { erased: true as const, erasedAt: new Date(erasedAtMs).toISOString() };
    },
  );

  app.post(
    `${prefix}/reschedule`,
    { config, schema: { tags, summary: "Move the booking to another free slot of the same link", params, body: z.strictObject({ start: isoInstant, sequence: expectedSequence }), response: { 200: managedView } } },
    async (request) =>
      view(await rescheduleManagedBooking(deps, request.params.token, { startMs: request.body.start, seenSequence: request.body.sequence }, publicContextOf(request, deps.clock))),
  );
};
