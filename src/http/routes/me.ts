// The signed-in caller: who they are, their organisation, and the CSRF token for cookie writes.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ConveneError } from "../../core/errors.js";
import type { UserRecord } from "../../use-cases/ports.js";
import type { RouteContext } from "../app.js";
import { AUTHENTICATED, authOf } from "../auth.js";

export const userView = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  handle: z.string(),
  timeZone: z.string(),
  role: z.enum(["owner", "member"]),
  createdAt: z.string(),
});

export function toUserView(user: UserRecord): z.infer<typeof userView> {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    handle: user.handle,
    timeZone: user.timeZone,
    role: user.role,
    createdAt: user.createdAt.toISOString(),
  };
}

export const meRoutes: FastifyPluginAsyncZod<{ context: RouteContext }> = async (app, { context }) => {
  app.get(
    "/me",
    {
      schema: {
        tags: ["account"],
        summary: "The signed-in user and organisation",
        security: AUTHENTICATED,
        response: {
          200: z.object({
            user: userView,
            organization: z.object({ id: z.uuid(), name: z.string() }),
            authenticatedWith: z.enum(["session", "api_key"]),
            csrfToken: z.string().nullable().describe("Send as x-csrf-token on cookie-authenticated writes"),
          }),
        },
      },
    },
    async (request) => {
      const auth = authOf(request);
      const [user, tenant] = await Promise.all([
        context.deps.store.users.get(auth.tenantId, auth.userId),
        context.deps.store.tenants.get(auth.tenantId),
      ]);
      if (!user || !tenant) throw new ConveneError("UNAUTHENTICATED", "This account no longer exists.");
      return {
        user: toUserView(user),
        organization: { id: tenant.id, name: tenant.name },
        authenticatedWith: auth.sessionId ? ("session" as const) : ("api_key" as const),
        csrfToken: auth.csrfToken,
      };
    },
  );
};
