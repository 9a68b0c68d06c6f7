// The dev outbox: with no SMTP server set, every email Convene would send is
// kept and listed here (newest first), for owners trying Convene out.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { listDevOutbox } from "../../use-cases/deliveries/list-dev-outbox.js";
import type { RouteContext } from "../route-context.js";
import { AUTHENTICATED, contextOf } from "../auth.js";

export const devOutboxRoutes: FastifyPluginAsyncZod<{ context: RouteContext }> = async (app, { context }) => {
  app.get(
    "/dev/outbox",
    {
      config: { permission: "outbox.read" },
      schema: {
        tags: ["notifications"],
        summary: "Mail kept in the dev outbox (only filled while SMTP_URL is not set), and where mail goes now",
        security: AUTHENTICATED,
        querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(50) }),
        response: {
          200: z.object({
            mode: z.enum(["smtp", "outbox"]).describe("smtp: mail is sent through SMTP_URL (items are from before it was set); outbox: mail is only kept here"),
            items: z.array(
              z.object({
                id: z.number(),
                messageId: z.string(),
                from: z.string(),
                to: z.object({ name: z.string(), email: z.string() }),
                subject: z.string(),
                text: z.string(),
                html: z.string(),
                invite: z.object({ method: z.enum(["REQUEST", "CANCEL"]), content: z.string() }).nullable(),
                createdAt: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const { mode, mail } = await listDevOutbox(context.deps, contextOf(request, context.deps.clock), request.query.limit);
      return {
        mode,
        items: mail.map((item) => ({
            id: item.id,
            messageId: item.messageId,
            from: item.fromAddress,
            to: item.to,
            subject: item.subject,
            text: item.text,
            html: item.html,
            invite: item.invite ?? null,
            createdAt: new Date(item.createdAtMs).toISOString(),
          })),
      };
    },
  );
};
