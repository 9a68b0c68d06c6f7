// Connecting Google and Microsoft calendars by consent: the browser is sent to
// the provider and comes back to the callback, which always ends on the
// dashboard's Calendars page (?connected=<id> or ?error=<CODE>), never on an
// error document. Both are top-level GET navigations carrying the SameSite=Lax
// session cookie; a GET needs no CSRF token, and the state bound to the
// session is what proves the callback belongs to the consent this browser
// started. They sit outside the authenticated scope because a browser without
// a session must be redirected too, not answered with JSON.
import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { OAUTH_PROVIDER_KINDS } from "../../core/calendars/connections.js";
import { ConveneError, isConveneError } from "../../core/errors.js";
import { authenticateSession } from "../../use-cases/auth/authenticate.js";
import { completeOAuthConnect, configuredOAuthProviders, startOAuthConnect } from "../../use-cases/calendars/oauth-connect.js";
import type { RequestContext } from "../../use-cases/request-context.js";
import { AUTHENTICATED, readBearer, SESSION_COOKIE } from "../auth.js";
import { STATUS_BY_CODE } from "../problem.js";
import type { AppDeps, RouteContext } from "../route-context.js";

const CALENDARS_PAGE = "/dashboard/calendars";

const providerParams = z.object({ provider: z.enum(OAUTH_PROVIDER_KINDS).describe("google or microsoft") });

const SESSION_ONLY = "Signed-in browser session only (the session cookie); an API key is answered OAUTH_SESSION_REQUIRED, since the consent comes back to a browser.";

/** The caller's session as a RequestContext, or null when the browser is not signed in. An API key is refused: there is no browser to come back to. */
async function sessionContext(deps: AppDeps, request: FastifyRequest): Promise<RequestContext | null> {
  if (readBearer(request) !== null) throw new ConveneError("OAUTH_SESSION_REQUIRED");
  const nowMs = deps.clock();
  const token = request.cookies[SESSION_COOKIE];
  const auth = token ? await authenticateSession(deps, token, nowMs) : null;
  return auth ? { auth, ip: request.ip, nowMs } : null;
}

/** Back to the Calendars page with the problem's code; the cause goes to the log, where a server fault is an error and a refusal is not. */
function toCalendarsPage(reply: FastifyReply, log: FastifyBaseLogger, error: unknown) {
  const code = isConveneError(error) ? error.code : "INTERNAL";
  if (code === "INTERNAL" || STATUS_BY_CODE[code] >= 500) log.error({ err: error }, "calendar consent failed");
  else log.warn({ code, detail: error instanceof Error ? error.message : String(error) }, "calendar consent refused");
  return redirect(reply, `${CALENDARS_PAGE}?error=${code}`);
}

/** A redirect no cache keeps: each carries a one-time state or outcome. */
function redirect(reply: FastifyReply, location: string) {
  return reply.header("cache-control", "no-store").redirect(location, 302);
}

export const calendarOAuthRoutes: FastifyPluginAsyncZod<{ context: RouteContext }> = async (app, { context }) => {
  const { deps } = context;
  const tags = ["calendars"];

  app.get(
    "/calendars/connect/:provider",
    {
      schema: {
        tags,
        summary: "Connect a Google or Microsoft calendar: redirects to the provider's consent page",
        description: `${SESSION_ONLY} With ?reconnect=<connectionId> the consent renews that connection's grant. The provider sends the browser back to /api/v1/calendars/callback/{provider}, which ends on /dashboard/calendars.`,
        params: providerParams,
        querystring: z.object({
          reconnect: z.uuid().optional().describe("A connection (of this provider) whose grant was refused: sign in to the same account again"),
          createContacts: z.enum(["true"]).optional().describe("Also ask for the scope that adds new invitees to the account's contacts"),
        }),
        response: { 302: z.null().describe("To the provider's consent page, or to /dashboard/calendars?error=<CODE>") },
      },
    },
    async (request, reply) => {
      const ctx = await sessionContext(deps, request);
      if (!ctx) return toCalendarsPage(reply, request.log, new ConveneError("UNAUTHENTICATED"));
      try {
        const { consentUrl } = await startOAuthConnect(deps, ctx, request.params.provider, {
          reconnectConnectionId: request.query.reconnect,
          purpose: { createContacts: request.query.createContacts === "true" },
        });
        return redirect(reply, consentUrl);
      } catch (error) {
        return toCalendarsPage(reply, request.log, error);
      }
    },
  );

  app.get(
    "/calendars/callback/:provider",
    {
      schema: {
        tags,
        summary: "Where the provider sends the browser back after consent (the registered redirect URI)",
        description: `${SESSION_ONLY} Exchanges the code, stores the tokens encrypted, lists the calendars and syncs; the same account connected again renews its connection instead of adding one.`,
        params: providerParams,
        querystring: z.object({
          code: z.string().optional(),
          state: z.string().optional(),
          error: z.string().optional().describe("access_denied when the owner declined"),
          error_description: z.string().optional(),
        }),
        response: { 302: z.null().describe("To /dashboard/calendars?connected=<connectionId>, or ?error=<CODE> (OAUTH_STATE_INVALID, OAUTH_CONSENT_DENIED, CALENDAR_AUTH_FAILED, …)") },
      },
    },
    async (request, reply) => {
      try {
        const ctx = await sessionContext(deps, request);
        if (!ctx) throw new ConveneError("UNAUTHENTICATED");
        const { code, state, error } = request.query;
        const connection = await completeOAuthConnect(deps, ctx, request.params.provider, { code, state, error });
        return redirect(reply, `${CALENDARS_PAGE}?connected=${connection.id}`);
      } catch (error) {
        return toCalendarsPage(reply, request.log, error);
      }
    },
  );
};

/** Inside the authenticated scope: what the dashboard may offer. */
export const calendarProviderRoutes: FastifyPluginAsyncZod<{ context: RouteContext }> = async (app, { context }) => {
  app.get(
    "/calendars/providers",
    {
      config: { permission: "calendars.read" },
      schema: {
        tags: ["calendars"],
        summary: "The calendar providers connected by consent that this server is configured for",
        security: AUTHENTICATED,
        response: { 200: z.object({ oauth: z.array(z.enum(OAUTH_PROVIDER_KINDS)).describe("Offer a Connect button for each; start it with GET /api/v1/calendars/connect/{provider}") }) },
      },
    },
    async () => ({ oauth: configuredOAuthProviders(context.deps) }),
  );
};
