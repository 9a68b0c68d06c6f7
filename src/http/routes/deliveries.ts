// The organisation's delivery log: every booking event's deliveries on every channel, newest first.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { DELIVERY_STATES } from "../../core/booking/events.js";
import { listDeliveries } from "../../use-cases/deliveries/delivery-log.js";
import { AUTHENTICATED, contextOf } from "../auth.js";
import type { RouteContext } from "../route-context.js";
import { deliveryView, toDeliveryView } from "./delivery-views.js";

export const deliveryRoutes: FastifyPluginAsyncZod<{ context: RouteContext }> = async (app, { context }) => {
  app.get(
    "/deliveries",
    {
      config: { permission: "deliveries.read" },
      schema: {
        tags: ["notifications"],
        summary: "The delivery log (a member: of the bookings they host): what booking events, and the organisation's lead and calendar events (webhooks; bookingId null), became on each channel, newest first; paginated by cursor",
        security: AUTHENTICATED,
        querystring: z.strictObject({
          state: z.enum(DELIVERY_STATES).optional(),
          channel: z.string().min(1).max(40).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          cursor: z.string().max(200).optional().describe("The previous page's nextCursor"),
        }),
        response: { 200: z.object({ items: z.array(deliveryView), nextCursor: z.string().nullable() }) },
      },
    },
    async (request) => {
      const page = await listDeliveries(context.deps, contextOf(request, context.deps.clock), request.query);
      return { items: page.items.map(toDeliveryView), nextCursor: page.nextCursor };
    },
  );
};
