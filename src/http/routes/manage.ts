// The invitee's private manage link: see the booking, reschedule it to another
// free slot of the same link, or cancel it with a reason.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { openManagedBooking } from "../../use-cases/auth/public-access.js";
import { cancelBooking, rescheduleBooking } from "../../use-cases/bookings/change-booking.js";
import { rescheduleSlots } from "../../use-cases/bookings/reschedule-slots.js";
import type { BookingRecord } from "../../use-cases/ports.js";
import type { RouteContext } from "../route-context.js";
import { linkUrls, PUBLIC_API } from "../../core/public-urls.js";
import { meetingFacts } from "../../use-cases/deliveries/meeting-facts.js";
import { bookableUntilMs } from "../../core/booking/link-rules.js";
import { isoInstant, isoOrNull, sendIcs, slotsView, toSlotsView } from "./booking-views.js";
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
    title: z.string(),
    ownerName: z.string(),
    bookingUrl: z.string().nullable(),
    bookableUntil: z.string().nullable().describe("Slots to reschedule to start before this instant; null: no limit"),
  }),
  cancelReason: z.string().nullable(),
});

export const manageRoutes: FastifyPluginAsyncZod<{ context: RouteContext }> = async (app, { context }) => {
  const { deps, rateLimits } = context;
  const tags = ["public booking"];
  const config = { rateLimit: { max: rateLimits.publicReadsPerMinute, timeWindow: "1 minute" } };
  // Slots are the expensive read: the same bucket as the booking page's slots.
  const slotReads = { rateLimit: { max: rateLimits.slotReadsPerMinute, timeWindow: "1 minute" } };
  const prefix = `${PUBLIC_API}/manage/:token`;

  const view = async (tenantId: Parameters<typeof deps.store.links.get>[0], booking: BookingRecord): Promise<z.infer<typeof managedView>> => {
    const link = await deps.store.links.get(tenantId, booking.linkId);
    const owner = link ? await deps.store.users.get(tenantId, link.ownerUserId) : null;
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
        title: link?.title ?? "Meeting",
        ownerName: owner?.name ?? "",
        bookingUrl: link && owner ? linkUrls(deps.publicUrl, owner.handle, link.slug).bookingUrl : null,
        bookableUntil: link ? isoOrNull(bookableUntilMs(link, deps.clock())) : null,
      },
      cancelReason: booking.cancelReason,
    };
  };
  // The version the invitee acts on: the one they name, else the one this request just read.
  const change = (tenantId: Parameters<typeof view>[0], booking: BookingRecord, seenSequence: number | undefined) => ({
    deps,
    tenantId,
    bookingId: booking.id,
    actor: { type: "invitee" as const, id: booking.inviteeEmail },
    nowMs: deps.clock(),
    seenSequence: seenSequence ?? booking.sequence,
  });

  app.get(prefix, { config, schema: { tags, summary: "The invitee's booking", params, response: { 200: managedView } } }, async (request) => {
    const { tenantId, booking } = await openManagedBooking(deps.store, request.params.token);
    return view(tenantId, booking);
  });

  app.get(
    `${prefix}/slots`,
    {
      config: slotReads,
      schema: {
        tags,
        summary: "Free slots to reschedule to (same link, same duration)",
        params,
        querystring: z.strictObject({ from: isoInstant.optional(), to: isoInstant.optional(), timeZone: z.string().min(1).max(64).optional() }),
        response: { 200: slotsView },
      },
    },
    async (request) => {
      const nowMs = deps.clock();
      const { tenantId, booking } = await openManagedBooking(deps.store, request.params.token);
      const { from, to, timeZone } = request.query;
      return context.slotTurns.run(async () => toSlotsView(await rescheduleSlots(deps.store, tenantId, booking.id, { fromMs: from, toMs: to, timeZone: timeZone ?? booking.inviteeTimeZone }, nowMs)));
    },
  );

  app.get(`${prefix}/ics`, { config, schema: { tags, summary: "The booking as an iCalendar file", params } }, async (request, reply) => {
    const { tenantId, booking } = await openManagedBooking(deps.store, request.params.token);
    return sendIcs(reply, deps.invites.build(await meetingFacts(deps, deps.store, tenantId, booking), "PUBLISH"));
  });

  app.post(
    `${prefix}/cancel`,
    { config, schema: { tags, summary: "Cancel the booking", params, body: z.strictObject({ reason: z.string().trim().max(2000).optional(), sequence: expectedSequence }).default({}), response: { 200: managedView } } },
    async (request) => {
      const { tenantId, booking } = await openManagedBooking(deps.store, request.params.token);
      return view(tenantId, await cancelBooking(change(tenantId, booking, request.body.sequence), request.body.reason || null));
    },
  );

  app.post(
    `${prefix}/reschedule`,
    { config, schema: { tags, summary: "Move the booking to another free slot of the same link", params, body: z.strictObject({ start: isoInstant, sequence: expectedSequence }), response: { 200: managedView } } },
    async (request) => {
      const { tenantId, booking } = await openManagedBooking(deps.store, request.params.token);
      return view(tenantId, await rescheduleBooking(change(tenantId, booking, request.body.sequence), request.body.start));
    },
  );
};
