// Where Cal.com and Calendly post their webhooks. Nobody signs in: the URL's
// token finds the source and the signature proves the sender holds its secret.
// The signature covers the bytes as sent, so this plugin keeps the body as a
// Buffer (for JSON and anything else) and never re-serialises it; the parser
// is registered inside this plugin only.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { receiveInboundDelivery } from "../../use-cases/inbound/receive-inbound-delivery.js";
import { publicContextOf } from "../auth.js";
import type { RouteContext } from "../route-context.js";

export const inboundWebhookRoutes: FastifyPluginAsyncZod<{ context: RouteContext }> = async (app, { context }) => {
  const { deps, rateLimits } = context;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "buffer" }, (_request, body, done) => done(null, body));

  app.post(
    "/inbound/:token",
    {
      // Per client address (RATE_LIMIT_INBOUND_DELIVERIES_PER_MINUTE). Providers post from a few addresses for
      // every account, so it is high: it only stops one client hammering the token lookups.
      config: { rateLimit: { max: rateLimits.inboundDeliveriesPerMinute, timeWindow: "1 minute" } },
      schema: {
        tags: ["inbound webhooks"],
        summary: "A Cal.com or Calendly webhook delivery (the URL comes from POST /api/v1/inbound-sources)",
        description:
          "Called by the provider. 401 INBOUND_SIGNATURE_INVALID for a missing, wrong or stale signature (kept in the source's delivery log); 400 INBOUND_PAYLOAD_INVALID for a body that is not a delivery; 200 otherwise: processed, ignored (a trigger Convene does not use) or duplicate (already processed once).",
        params: z.object({ token: z.string().min(20).max(200) }),
        response: { 200: z.object({ status: z.enum(["processed", "ignored", "duplicate"]) }) },
      },
    },
    async (request) => {
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const received = await receiveInboundDelivery(deps, request.params.token, body, request.headers, publicContextOf(request, deps.clock));
      return { status: received.status };
    },
  );
};
