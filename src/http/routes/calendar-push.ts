// Where Google and Microsoft post calendar push notifications. Nobody signs
// in here: a notification is believed only when it carries its channel's
// secret, and an unknown channel looks exactly like a wrong secret. The
// provider is answered at once; the sync it asks for runs right after, so the
// change reaches the slots within seconds, not at the next periodic sync.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ConveneError } from "../../core/errors.js";
import { createPushFollowUps } from "../../use-cases/calendars/push-follow-ups.js";
import { receiveGooglePush, receiveGraphNotifications } from "../../use-cases/calendars/receive-push.js";
import type { RouteContext } from "../route-context.js";

/**
 * Per client address. Providers post from a few addresses on behalf of every
 * account, so this is high: it only stops a single client hammering the
 * token checks.
 */
const PUSH_PER_MINUTE = 1200;
/** Graph's validation tokens are short; anything this long is not one. */
const MAX_VALIDATION_TOKEN_LENGTH = 1024;

const googleHeaders = z.object({
  "x-goog-channel-id": z.string().min(1).max(200),
  "x-goog-channel-token": z.string().max(512).optional(),
  "x-goog-resource-id": z.string().min(1).max(512),
  "x-goog-resource-state": z.string().min(1).max(64),
});

const graphNotification = z.looseObject({
  subscriptionId: z.string().min(1).max(200),
  clientState: z.string().max(256).nullish(),
  changeType: z.string().max(64).optional(),
  resource: z.string().max(2000).optional(),
  lifecycleEvent: z.string().max(64).optional(),
});
const graphBody = z.looseObject({ value: z.array(graphNotification).min(1).max(1000) });

export const calendarPushRoutes: FastifyPluginAsyncZod<{ context: RouteContext }> = async (app, { context }) => {
  const { deps } = context;
  const tags = ["calendar push"];
  const config = { rateLimit: { max: PUSH_PER_MINUTE, timeWindow: "1 minute" } };
  const followUps = createPushFollowUps(deps, deps.clock);
  // A sync a notification started finishes before the database closes.
  app.addHook("onClose", () => followUps.idle());

  app.post(
    "/calendars/push/google",
    {
      config,
      schema: {
        tags,
        summary: "Google Calendar push notifications (events.watch channels Convene opened)",
        description: "Called by Google. 200 for a notification of one of Convene's channels (X-Goog-Channel-ID with its X-Goog-Channel-Token); 404 otherwise, which makes Google stop the channel.",
        headers: googleHeaders,
        response: { 200: z.null() },
      },
    },
    async (request, reply) => {
      const headers = request.headers;
      const accepted = await receiveGooglePush(deps, {
        channelId: headers["x-goog-channel-id"],
        token: headers["x-goog-channel-token"],
        resourceId: headers["x-goog-resource-id"],
        resourceState: headers["x-goog-resource-state"],
      });
      if (accepted === null) throw new ConveneError("NOT_FOUND", "No such channel.");
      followUps.enqueue(accepted);
      return reply.status(200).send(null);
    },
  );

  app.post(
    "/calendars/push/microsoft",
    {
      config,
      schema: {
        tags,
        summary: "Microsoft Graph change and lifecycle notifications (subscriptions Convene created)",
        description:
          "Called by Microsoft Graph. With ?validationToken= (creating a subscription) the token is echoed as text/plain. Otherwise the body is Graph's {value: [...]}: each item whose clientState matches its subscription is acted on, and Graph is answered 202 either way.",
        querystring: z.object({ validationToken: z.string().min(1).max(MAX_VALIDATION_TOKEN_LENGTH).optional() }),
        // The validation request carries an empty text/plain body.
        body: z.union([graphBody, z.literal("")]).optional(),
        response: { 200: z.string(), 202: z.null() },
      },
    },
    async (request, reply) => {
      const { validationToken } = request.query;
      if (validationToken !== undefined) return reply.status(200).type("text/plain; charset=utf-8").send(validationToken);
      const body = request.body;
      if (body === undefined || body === "") throw new ConveneError("VALIDATION_FAILED", "body: expected Graph's notifications ({value: [...]}) or a validationToken.", { details: { errors: [{ path: "body", message: "is required" }] } });
      followUps.enqueue(await receiveGraphNotifications(deps, body.value));
      return reply.status(202).send(null);
    },
  );
};
