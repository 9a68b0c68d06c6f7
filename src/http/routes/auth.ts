// Sign-up, sign-in and sign-out with an httpOnly SameSite=Lax session cookie.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { EMAIL_MAX_LENGTH, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "../../core/account/limits.js";
import { signIn } from "../../use-cases/auth/sign-in.js";
import { signOut } from "../../use-cases/auth/sign-out.js";
import { signUp } from "../../use-cases/auth/sign-up.js";
import type { RouteContext } from "../route-context.js";
import { AUTHENTICATED, contextOf, publicContextOf, requireAuth, SESSION_COOKIE } from "../auth.js";
import { toUserView, userView } from "./me.js";

const email = z.email().max(EMAIL_MAX_LENGTH);
const signedIn = z.object({ user: userView, csrfToken: z.string() });

export function setSessionCookie(reply: FastifyReply, context: RouteContext, session: { sessionToken: string; expiresAtMs: number }) {
  reply.setCookie(SESSION_COOKIE, session.sessionToken, {
    httpOnly: true,
    sameSite: "lax",
    secure: context.isSecureCookie,
    path: "/",
    expires: new Date(session.expiresAtMs),
  });
}

export const authRoutes: FastifyPluginAsyncZod<{ context: RouteContext }> = async (app, { context }) => {
  const { deps, rateLimits } = context;
  const signInContextOf = (request: FastifyRequest) => ({ ...publicContextOf(request, deps.clock), userAgent: request.headers["user-agent"] ?? null });

  app.post(
    "/auth/signup",
    {
      config: { rateLimit: { max: rateLimits.signUpPerMinute, timeWindow: "1 minute" } },
      schema: {
        tags: ["account"],
        summary: "Create an organisation and its owner, and sign in",
        body: z.strictObject({
          email,
          password: z.string().min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`).max(PASSWORD_MAX_LENGTH),
          name: z.string().trim().min(1).max(200),
          organization: z.string().trim().min(1).max(200),
          timeZone: z.string().min(1).max(64).describe("IANA time zone, e.g. Europe/Berlin"),
        }),
        response: { 201: signedIn },
      },
    },
    async (request, reply) => {
      const result = await signUp(deps, request.body, signInContextOf(request));
      setSessionCookie(reply, context, result);
      return reply.status(201).send({ user: toUserView(result.user), csrfToken: result.csrfToken });
    },
  );

  app.post(
    "/auth/login",
    {
      config: { rateLimit: { max: rateLimits.signInPerMinute, timeWindow: "1 minute" } },
      schema: {
        tags: ["account"],
        summary: "Sign in with email and password",
        body: z.strictObject({ email, password: z.string().min(1).max(PASSWORD_MAX_LENGTH) }),
        response: { 200: signedIn },
      },
    },
    async (request, reply) => {
      const result = await signIn(deps, request.body, signInContextOf(request));
      setSessionCookie(reply, context, result);
      return { user: toUserView(result.user), csrfToken: result.csrfToken };
    },
  );

  await app.register(async (scope) => {
    requireAuth(scope, deps, deps.clock);
    scope.withTypeProvider<import("fastify-type-provider-zod").ZodTypeProvider>().post(
      "/auth/logout",
      { config: { permission: "account.self" }, schema: { tags: ["account"], summary: "Sign out of this session", security: AUTHENTICATED, response: { 204: z.null() } } },
      async (request, reply) => {
        await signOut(deps, contextOf(request, deps.clock));
        reply.clearCookie(SESSION_COOKIE, { path: "/" });
        return reply.status(204).send(null);
      },
    );
  });
};
