// The signed-in user's own security: password, sign-in email and sessions.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { EMAIL_MAX_LENGTH, PASSWORD_MAX_LENGTH } from "../../core/account/limits.js";
import { changePassword } from "../../use-cases/account/change-password.js";
import { endOtherSessions, endOwnSession, listOwnSessions } from "../../use-cases/account/own-sessions.js";
import { pendingEmailChange, requestEmailChange, type PendingEmailChange } from "../../use-cases/account/request-email-change.js";
import type { RouteContext } from "../route-context.js";
import { AUTHENTICATED, contextOf, SESSION_COOKIE } from "../auth.js";
import { idParams } from "./params.js";
import { newPassword } from "./password-reset.js";

const currentPassword = z.string().min(1).max(PASSWORD_MAX_LENGTH);
const pendingView = z.object({ newEmail: z.string(), expiresAt: z.string() }).describe("An email change waiting for its link to be opened");
const sessionView = z.object({
  id: z.uuid(),
  createdAt: z.string(),
  expiresAt: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  current: z.boolean().describe("The session this request came with"),
});
const sessionsEnded = z.object({ sessionsEnded: z.number().int() });
const self = { permission: "account.self" as const };

const toPendingView = (pending: PendingEmailChange) => ({ newEmail: pending.newEmail, expiresAt: pending.expiresAt.toISOString() });

export const accountSecurityRoutes: FastifyPluginAsyncZod<{ context: RouteContext }> = async (app, { context }) => {
  const { deps, rateLimits } = context;
  const passwordRateLimit = { max: rateLimits.signInPerMinute, timeWindow: "1 minute" };

  app.post(
    "/me/password",
    {
      config: { ...self, rateLimit: passwordRateLimit },
      schema: {
        tags: ["account"],
        summary: "Change your password (with the current one); your other sessions end, this one stays",
        description: "A wrong current password is CURRENT_PASSWORD_WRONG (422); repeated wrong ones wait like sign-in (ACCOUNT_LOCKED, 429).",
        security: AUTHENTICATED,
        body: z.strictObject({ currentPassword, newPassword }),
        response: { 200: sessionsEnded },
      },
    },
    async (request) => changePassword(deps, contextOf(request, deps.clock), request.body),
  );

  app.get(
    "/me/email",
    { config: self, schema: { tags: ["account"], summary: "Your email and the change waiting for confirmation, if any", security: AUTHENTICATED, response: { 200: z.object({ pending: pendingView.nullable() }) } } },
    async (request) => {
      const pending = await pendingEmailChange(deps, contextOf(request, deps.clock));
      return { pending: pending ? toPendingView(pending) : null };
    },
  );

  app.post(
    "/me/email",
    {
      config: { ...self, rateLimit: passwordRateLimit },
      schema: {
        tags: ["account"],
        summary: "Change your sign-in email: a confirmation link goes to the new address, a notice to the current one",
        description: "Nothing changes until the link is opened (POST /auth/email-change/confirm), within 24 hours; a newer request replaces an open one.",
        security: AUTHENTICATED,
        body: z.strictObject({ newEmail: z.email().max(EMAIL_MAX_LENGTH), currentPassword }),
        response: { 202: z.object({ pending: pendingView }) },
      },
    },
    async (request, reply) => {
      const pending = await requestEmailChange(deps, contextOf(request, deps.clock), request.body);
      return reply.status(202).send({ pending: toPendingView(pending) });
    },
  );

  app.get(
    "/me/sessions",
    { config: self, schema: { tags: ["account"], summary: "Your signed-in sessions, newest first", security: AUTHENTICATED, response: { 200: z.object({ items: z.array(sessionView) }) } } },
    async (request) => {
      const sessions = await listOwnSessions(deps, contextOf(request, deps.clock));
      return {
        items: sessions.map(({ isCurrent, ...session }) => ({
          id: session.id,
          createdAt: session.createdAt.toISOString(),
          expiresAt: session.expiresAt.toISOString(),
          ip: session.ip,
          userAgent: session.userAgent,
          current: isCurrent,
        })),
      };
    },
  );

  app.delete(
    "/me/sessions/:id",
    { config: self, schema: { tags: ["account"], summary: "Sign out one of your sessions", security: AUTHENTICATED, params: idParams, response: { 204: z.null() } } },
    async (request, reply) => {
      const ctx = contextOf(request, deps.clock);
      await endOwnSession(deps, ctx, request.params.id);
      if (ctx.auth.sessionId === request.params.id) reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/me/sessions/sign-out-others",
    { config: self, schema: { tags: ["account"], summary: "Sign out every session but this one", security: AUTHENTICATED, response: { 200: sessionsEnded } } },
    async (request) => endOtherSessions(deps, contextOf(request, deps.clock)),
  );
};
