// Owner-side slot holds (REST): reserve a time for a few minutes on hosts'
// own hours or through a link, list the live ones, let one go. The token is
// in the creation answer only; a booking made with it cannot lose the race.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { MAX_HOLD_MINUTES, MIN_HOLD_MINUTES } from "../../core/booking/slot-hold.js";
import { MAX_DURATION_MIN, MIN_DURATION_MIN } from "../../core/booking/link-rules.js";
import { holdHostsSlot } from "../../use-cases/holds/hold-slot.js";
import { listHolds } from "../../use-cases/holds/list-holds.js";
import { releaseHold } from "../../use-cases/holds/release-hold.js";
import type { SlotHoldRecord } from "../../use-cases/ports/holds.js";
import type { RouteContext } from "../route-context.js";
import { AUTHENTICATED, contextOf } from "../auth.js";
import { isoInstant } from "./booking-views.js";
import { idParams } from "./params.js";

export const holdView = z.object({
  id: z.uuid(),
  start: z.string(),
  end: z.string(),
  durationMin: z.number(),
  expiresAt: z.string().describe("The hold ends then unless booked or released first"),
  hostUserIds: z.array(z.uuid()),
  linkId: z.uuid().nullable(),
});

function toHoldView(hold: Pick<SlotHoldRecord, "id" | "startMs" | "endMs" | "expiresAtMs" | "hostUserIds" | "linkId">): z.infer<typeof holdView> {
  return {
    id: hold.id,
    start: new Date(hold.startMs).toISOString(),
    end: new Date(hold.endMs).toISOString(),
    durationMin: Math.round((hold.endMs - hold.startMs) / 60_000),
    expiresAt: new Date(hold.expiresAtMs).toISOString(),
    hostUserIds: hold.hostUserIds,
    linkId: hold.linkId,
  };
}

const holdBody = z.strictObject({
  start: isoInstant,
  durationMin: z.number().int().min(MIN_DURATION_MIN).max(MAX_DURATION_MIN),
  hostUserIds: z.array(z.uuid()).min(1).max(20).optional().describe("Whose time to hold on their own working hours and calendars; default: yours. Not with linkId"),
  linkId: z.uuid().optional().describe("Hold through this link instead: its hours, buffers and hosts (round-robin picks one)"),
  ttlMinutes: z.number().int().min(MIN_HOLD_MINUTES).max(MAX_HOLD_MINUTES).optional().describe(`How long to hold, ${MIN_HOLD_MINUTES}–${MAX_HOLD_MINUTES} minutes; default 5`),
});

export const holdRoutes: FastifyPluginAsyncZod<{ context: RouteContext }> = async (app, { context }) => {
  const { deps } = context;
  const tags = ["holds"];

  app.post(
    "/holds",
    {
      config: { permission: "bookings.write" },
      schema: {
        tags,
        summary: "Hold a time for a few minutes; book it with the holdToken (SLOT_TAKEN 409 with nearest free slots when it is not free)",
        security: AUTHENTICATED,
        body: holdBody,
        response: { 201: holdView.extend({ holdToken: z.string().describe("Send as holdToken when booking; shown only here") }) },
      },
    },
    async (request, reply) => {
      const { start, ...rest } = request.body;
      const { holdToken, hold } = await holdHostsSlot(deps, contextOf(request, deps.clock), { ...rest, startMs: start });
      return reply.status(201).send({ ...toHoldView({ ...hold, linkId: rest.linkId ?? null }), holdToken });
    },
  );

  app.get(
    "/holds",
    {
      config: { permission: "bookings.read" },
      schema: { tags, summary: "Live holds (a member's: those on their own time), newest first", security: AUTHENTICATED, response: { 200: z.object({ holds: z.array(holdView) }) } },
    },
    async (request) => ({ holds: (await listHolds(deps, contextOf(request, deps.clock))).map(toHoldView) }),
  );

  app.delete(
    "/holds/:id",
    {
      config: { permission: "bookings.write" },
      schema: { tags, summary: "Release a live hold (HOLD_NOT_FOUND when it is already gone)", security: AUTHENTICATED, params: idParams, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await releaseHold(deps, contextOf(request, deps.clock), request.params.id);
      return reply.status(204).send(null);
    },
  );
};
