// The organisation's people: list them, add members who can host team links,
// change their roles and remove them.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { EMAIL_MAX_LENGTH, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, USER_ROLES } from "../../core/account/limits.js";
import { addMember } from "../../use-cases/account/add-member.js";
import { changeMemberRole } from "../../use-cases/account/change-member-role.js";
import { removeMember } from "../../use-cases/account/remove-member.js";
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
      config: { permission: "members.manage" },
      schema: {
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

  const idParams = z.strictObject({ id: z.uuid() });

  app.patch(
    "/members/:id",
    {
      config: { permission: "members.manage" },
      schema: {
        tags,
        summary: "Change a member's role (owners only); the last owner cannot be demoted",
        security: AUTHENTICATED,
        params: idParams,
        body: z.strictObject({ role: z.enum(USER_ROLES) }),
        response: { 200: userView },
      },
    },
    async (request) => toUserView(await changeMemberRole(deps, contextOf(request, deps.clock), request.params.id, request.body.role)),
  );

  app.delete(
    "/members/:id",
    {
      config: { permission: "members.manage" },
      schema: {
        tags,
        summary: "Remove a member (owners only): their future bookings go to another free host of the link, or are cancelled with notices; nothing of theirs remains",
        description:
          "With futureBookings=reassign, a booking no other host of its link can take at its time is cancelled with notices; the answer lists which bookings went where. " +
          "Their links are deleted (bookings made through them stay) and they leave other links' hosts; past meetings they hosted pass to the owner removing them.",
        security: AUTHENTICATED,
        params: idParams,
        // Without a body, reassign: it never drops a meeting silently (what nobody can take is cancelled with notices).
        body: z.strictObject({ futureBookings: z.enum(["reassign", "cancel"]).default("reassign") }).nullish(),
        response: {
          200: z.object({
            reassigned: z.array(z.object({ bookingId: z.uuid(), hostUserIds: z.array(z.uuid()) })),
            cancelled: z.array(z.uuid()).describe("Bookings cancelled with notices to the invitee"),
          }),
        },
      },
    },
    async (request) => removeMember(deps, contextOf(request, deps.clock), request.params.id, request.body?.futureBookings ?? "reassign"),
  );
};
