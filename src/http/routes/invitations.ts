// Invitations: owners invite, list, resend and revoke; the invited person opens
// the link (public, by token) and accepts, which signs them in.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { INVITABLE_ROLES, invitationStatus } from "../../core/account/invitation.js";
import { EMAIL_MAX_LENGTH, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, USER_ROLES } from "../../core/account/limits.js";
import { acceptInvitation, describeInvitation } from "../../use-cases/auth/accept-invitation.js";
import { inviteMember, listInvitations, resendInvitation, revokeInvitation } from "../../use-cases/account/invitations.js";
import type { InvitationRecord } from "../../use-cases/ports/invitations.js";
import type { RouteContext } from "../route-context.js";
import { AUTHENTICATED, contextOf, publicContextOf } from "../auth.js";
import { setSessionCookie } from "./auth.js";
import { toUserView, userView } from "./me.js";

const tags = ["account"];

const invitationView = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: z.enum(USER_ROLES),
  timeZone: z.string(),
  status: z.enum(["pending", "expired"]).describe("expired: the link no longer works; resend to send a new one"),
  expiresAt: z.string(),
  lastSentAt: z.string(),
  createdAt: z.string(),
});

function toInvitationView(invitation: InvitationRecord, nowMs: number): z.infer<typeof invitationView> {
  return {
    id: invitation.id,
    email: invitation.email,
    name: invitation.name,
    role: invitation.role,
    timeZone: invitation.timeZone,
    // Only open invitations are listed or returned, so the status is one of these two.
    status: invitationStatus(invitation, nowMs) === "pending" ? "pending" : "expired",
    expiresAt: invitation.expiresAt.toISOString(),
    lastSentAt: invitation.lastSentAt.toISOString(),
    createdAt: invitation.createdAt.toISOString(),
  };
}

const idParams = z.strictObject({ id: z.uuid() });

export const invitationRoutes: FastifyPluginAsyncZod<{ context: RouteContext }> = async (app, { context }) => {
  const { deps } = context;
  const manage = { permission: "members.manage" } as const;

  app.post(
    "/invitations",
    {
      config: manage,
      schema: {
        tags,
        summary: "Invite someone by email (owners only): they get a link, valid 7 days, to set their own password and join",
        security: AUTHENTICATED,
        body: z.strictObject({
          email: z.email().max(EMAIL_MAX_LENGTH),
          name: z.string().trim().min(1).max(200),
          role: z.enum(INVITABLE_ROLES),
          timeZone: z.string().min(1).max(64).describe("IANA time zone, e.g. Europe/Berlin; the person can change it when accepting"),
        }),
        response: { 201: invitationView },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request, deps.clock);
      return reply.status(201).send(toInvitationView(await inviteMember(deps, ctx, request.body), ctx.nowMs));
    },
  );

  app.get(
    "/invitations",
    { config: manage, schema: { tags, summary: "Open invitations (neither accepted nor revoked), newest first", security: AUTHENTICATED, response: { 200: z.object({ items: z.array(invitationView) }) } } },
    async (request) => {
      const ctx = contextOf(request, deps.clock);
      return { items: (await listInvitations(deps, ctx)).map((invitation) => toInvitationView(invitation, ctx.nowMs)) };
    },
  );

  app.post(
    "/invitations/:id/resend",
    {
      config: manage,
      schema: { tags, summary: "Send the invitation again with a new link and a new 7 days; the old link stops working", security: AUTHENTICATED, params: idParams, response: { 200: invitationView } },
    },
    async (request) => {
      const ctx = contextOf(request, deps.clock);
      return toInvitationView(await resendInvitation(deps, ctx, request.params.id), ctx.nowMs);
    },
  );

  app.delete(
    "/invitations/:id",
    { config: manage, schema: { tags, summary: "Withdraw an invitation: its link then says so", security: AUTHENTICATED, params: idParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await revokeInvitation(deps, contextOf(request, deps.clock), request.params.id);
      return reply.status(204).send(null);
    },
  );
};

/** Public: the invited person holds only the token from the mail. */
export const invitationAcceptRoutes: FastifyPluginAsyncZod<{ context: RouteContext }> = async (app, { context }) => {
  const { deps, rateLimits } = context;
  const token = z.string().min(20).max(200);
  const rateLimit = { max: rateLimits.signInPerMinute, timeWindow: "1 minute" };

  app.get(
    "/invitations/accept/:token",
    {
      config: { rateLimit },
      schema: {
        tags,
        summary: "What an invitation link shows: the organisation, who invited, the address",
        params: z.strictObject({ token }),
        response: {
          200: z.object({
            organization: z.string(),
            inviterName: z.string().nullable(),
            email: z.string(),
            name: z.string(),
            role: z.enum(USER_ROLES),
            timeZone: z.string(),
            expiresAt: z.string(),
          }),
        },
      },
    },
    async (request) => {
      const view = await describeInvitation(deps, request.params.token, deps.clock());
      return { organization: view.organisation, inviterName: view.inviterName, email: view.email, name: view.name, role: view.role, timeZone: view.timeZone, expiresAt: view.expiresAt.toISOString() };
    },
  );

  app.post(
    "/invitations/accept",
    {
      config: { rateLimit },
      schema: {
        tags,
        summary: "Accept an invitation: creates the account with your own password and signs in",
        body: z.strictObject({
          token,
          name: z.string().trim().min(1).max(200).optional(),
          password: z.string().min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`).max(PASSWORD_MAX_LENGTH),
          timeZone: z.string().min(1).max(64).optional(),
        }),
        response: { 201: z.object({ user: userView, csrfToken: z.string() }) },
      },
    },
    async (request, reply) => {
      const ctx = { ...publicContextOf(request, deps.clock), userAgent: request.headers["user-agent"] ?? null };
      const result = await acceptInvitation(deps, request.body, ctx);
      setSessionCookie(reply, context, result);
      return reply.status(201).send({ user: toUserView(result.user), csrfToken: result.csrfToken });
    },
  );
};
