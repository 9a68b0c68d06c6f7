// The HTTP side of authentication: reads the session cookie or the Bearer API
// key, checks CSRF on cookie-authenticated writes, and puts the AuthContext on
// the request. Routes registered in an authenticated scope can rely on it.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { ConveneError } from "../core/errors.js";
import type { Permission } from "../core/account/permissions.js";
import { authenticateApiKey, authenticateSession, requireScope, type AuthContext } from "../use-cases/auth/authenticate.js";
import { tokensEqual } from "../use-cases/auth/secret-token.js";
import type { UseCaseDeps } from "../use-cases/ports/store.js";
import type { PublicRequestContext, RequestContext } from "../use-cases/request-context.js";

export const SESSION_COOKIE = "convene_session";
export const CSRF_HEADER = "x-csrf-token";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** OpenAPI security requirement for authenticated routes. */
export const AUTHENTICATED: { [scheme: string]: string[] }[] = [{ sessionCookie: [] }, { apiKey: [] }];

declare module "fastify" {
  interface FastifyRequest {
    auth: AuthContext | null;
  }
  interface FastifyContextConfig {
    /** What an authenticated route needs (core/account/permissions.ts); a route without one answers 403 to everyone. */
    permission?: Permission;
  }
}

export function readBearer(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1] ?? null;
}

async function identify(deps: UseCaseDeps, request: FastifyRequest, nowMs: number): Promise<AuthContext | null> {
  const bearer = readBearer(request);
  if (bearer) {
    const auth = await authenticateApiKey(deps, bearer, nowMs);
    if (!auth) throw new ConveneError("UNAUTHENTICATED", "The API key is unknown or revoked.");
    return auth;
  }
  const sessionToken = request.cookies[SESSION_COOKIE];
  if (!sessionToken) return null;
  return authenticateSession(deps, sessionToken, nowMs);
}

/**
 * Registers the auth gate on a scope: every route inside requires a signed-in caller.
 * It runs on request, before the body is read or anything is validated, so a caller
 * who may not write learns nothing about what a valid request looks like (401/403 first).
 */
export function requireAuth(scope: FastifyInstance, deps: UseCaseDeps, clock: () => number) {
  scope.addHook("onRequest", async (request: FastifyRequest, _reply: FastifyReply) => {
    const auth = await identify(deps, request, clock());
    if (!auth) throw new ConveneError("UNAUTHENTICATED", "Sign in, or send an API key as 'Authorization: Bearer cv_…'.");
    if (auth.csrfToken !== null && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== "string" || !tokensEqual(sent, auth.csrfToken)) {
        throw new ConveneError("CSRF_TOKEN_INVALID", `Cookie-authenticated writes need the ${CSRF_HEADER} header from GET /api/v1/me.`);
      }
    }
    const permission = request.routeOptions.config.permission;
    if (!permission) throw new ConveneError("FORBIDDEN", "This route declares no permission.");
    requireScope(auth, permission);
    request.auth = auth;
  });
}

/** The caller's auth context inside an authenticated scope. */
export function authOf(request: FastifyRequest): AuthContext {
  if (!request.auth) throw new ConveneError("UNAUTHENTICATED");
  return request.auth;
}

/** Who, from where and when, for the use case a route calls: "now" is read once per request, from the injected clock. */
export function contextOf(request: FastifyRequest, clock: () => number): RequestContext {
  return { auth: authOf(request), ip: request.ip, nowMs: clock() };
}

/** The same for a public route, where the caller has no account. */
export function publicContextOf(request: FastifyRequest, clock: () => number): PublicRequestContext {
  return { ip: request.ip, nowMs: clock() };
}
