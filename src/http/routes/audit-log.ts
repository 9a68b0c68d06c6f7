// The organisation's audit log, newest first, paged by id.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { listAuditLog } from "../../use-cases/account/list-audit-log.js";
import type { RouteContext } from "../route-context.js";
import { AUTHENTICATED, contextOf } from "../auth.js";

export const auditLogRoutes: FastifyPluginAsyncZod<{ context: RouteContext }> = async (app, { context }) => {
  app.get(
    "/audit-log",
    {
      config: { permission: "audit.read" },
      schema: {
        tags: ["account"],
        summary: "Who did what and when in this organisation, newest first",
        security: AUTHENTICATED,
        querystring: z.strictObject({
          limit: z.coerce.number().int().min(1).max(200).default(50),
          before: z.coerce.number().int().positive().optional().describe("Return entries older than this id (the previous page's nextBefore)"),
        }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.number(),
                action: z.string(),
                actor: z.object({ type: z.string(), id: z.string().nullable() }),
                target: z.object({ type: z.string(), id: z.string() }).nullable(),
                ip: z.string().nullable(),
                changes: z.record(z.string(), z.unknown()).nullable(),
                at: z.string(),
              }),
            ),
            nextBefore: z.number().nullable(),
          }),
        },
      },
    },
    async (request) => {
      const { limit, before } = request.query;
      const page = await listAuditLog(context.deps, contextOf(request, context.deps.clock), { limit, beforeId: before });
      return {
        items: page.entries.map((row) => ({
          id: row.id,
          action: row.action,
          actor: row.actor,
          target: row.target ?? null,
          ip: row.ip ?? null,
          changes: row.changes ?? null,
          at: row.at.toISOString(),
        })),
        nextBefore: page.nextBeforeId,
      };
    },
  );
};
