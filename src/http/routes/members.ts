// The organisation's people: list them, and add members who can host team links.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { EMAIL_MAX_LENGTH, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "../../core/account/limits.js";
import { addMember } from "../../use-cases/account/add-member.js";
import { listMembers } from "../../use-cases/account/list-members.js";
import type { RouteContext } from "../route-context.js";
import { AUTHENTICATED, contextOf } from "../auth.js";
import { toUserView, userView } from "./me.js";

export const memberRoutes: FastifyPluginAsyncZod<{ context: RouteContext }> = async (app, { context }) => {
  const { deps } = context;
  const tags = ["account"];

  app.get(
    "/members",
    { config: { permission: "members.read" }, schema: { tags, summary: "List the organisation's users", security: AUTHENTICATED, response: { 200: z.object({ items: z.array(userView) }) } } },
    async (request) => ({ items: (await listMembers(deps, contextOf(request, deps.clock))).map(toUserView) }),
  );

  app.post(
    "/members",
    {
      config: { permission: "members.manage" }, schema: {
        tags,
        summary: "Add a member (owners only); without a password the member hosts meetings but cannot sign in",
        security: AUTHENTICATED,
        body: z.strictObject({
          email: z.email().max(EMAIL_MAX_LENGTH),
          name: z.string().trim().min(1).max(200),
          timeZone: z.string().min(1).max(64),
          password: z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH).optional(),
        }),
        response: { 201: userView },
      },
    },
    async (request, reply) => reply.status(201).send(toUserView(await addMember(deps, contextOf(request, deps.clock), request.body))),
  );
};
