// The public half of account recovery: ask for a reset link, redeem it, and
// redeem an email-change link. Reached without a session (the mailed token is
// the proof), rate-limited per IP like sign-in.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { EMAIL_MAX_LENGTH, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "../../core/account/limits.js";
import { confirmEmailChange } from "../../use-cases/auth/confirm-email-change.js";
import { confirmPasswordReset } from "../../use-cases/auth/confirm-password-reset.js";
import { requestPasswordReset } from "../../use-cases/auth/request-password-reset.js";
import type { RouteContext } from "../route-context.js";
import { publicContextOf } from "../auth.js";

/** The mailed tokens are 43 base64url characters; anything far off is not one. */
const token = z.string().min(1).max(200);
export const newPassword = z.string().min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`).max(PASSWORD_MAX_LENGTH);
const RESET_ANSWER = "If an account uses this address, a link to choose a new password is on its way. It works once, for one hour.";

export const passwordResetRoutes: FastifyPluginAsyncZod<{ context: RouteContext }> = async (app, { context }) => {
  const { deps, rateLimits } = context;
  const rateLimit = { max: rateLimits.signInPerMinute, timeWindow: "1 minute" };

  app.post(
    "/auth/password-reset",
    {
      config: { rateLimit },
      schema: {
        tags: ["account"],
        summary: "Mail a password reset link (the same answer whether or not the address has an account)",
        body: z.strictObject({ email: z.email().max(EMAIL_MAX_LENGTH) }),
        response: { 202: z.object({ message: z.string() }) },
      },
    },
    async (request, reply) => {
      // The mail goes out after the answer; its outcome is the use case's to log, never the caller's to see.
      const { mailSent } = await requestPasswordReset(deps, request.body, publicContextOf(request, deps.clock));
      void mailSent;
      return reply.status(202).send({ message: RESET_ANSWER });
    },
  );

  app.post(
    "/auth/password-reset/confirm",
    {
      config: { rateLimit },
      schema: {
        tags: ["account"],
        summary: "Set a new password with a reset link's token; every session of the account ends",
        description: "Refused with RESET_TOKEN_INVALID (410) and `reason` unknown, used or expired.",
        body: z.strictObject({ token, password: newPassword }),
        response: { 200: z.object({ email: z.string().describe("The account's address, to sign in with") }) },
      },
    },
    async (request) => confirmPasswordReset(deps, request.body, publicContextOf(request, deps.clock)),
  );

  app.post(
    "/auth/email-change/confirm",
    {
      config: { rateLimit },
      schema: {
        tags: ["account"],
        summary: "Confirm a new sign-in email with the token mailed to it",
        description: "Refused with EMAIL_CHANGE_TOKEN_INVALID (410) and `reason` unknown, used or expired, or EMAIL_TAKEN when another account took the address meanwhile.",
        body: z.strictObject({ token }),
        response: { 200: z.object({ email: z.string() }) },
      },
    },
    async (request) => confirmEmailChange(deps, request.body, publicContextOf(request, deps.clock)),
  );
};
