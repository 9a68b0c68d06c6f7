// Builds the Fastify application: zod-typed routes, OpenAPI at /docs, problem+json
// errors, request ids, rate limits, metrics. No I/O of its own: everything it
// touches comes in as dependencies, so tests run it in-process through inject().
import fastifyCompress from "@fastify/compress";
import fastifyCookie from "@fastify/cookie";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import { randomUUID } from "node:crypto";
import { constants as zlibConstants } from "node:zlib";
import { ConveneError } from "../core/errors.js";
import { requireAuth, SESSION_COOKIE } from "./auth.js";
import { RequestLogsAtDebug } from "./request-logs.js";
import type { AppDeps, RateLimits, RouteContext } from "./route-context.js";
import { CpuTurns } from "./cpu-turns.js";
import { createMetrics } from "./metrics.js";
import { clientErrorHandler, frameworkErrorHandler } from "./framework-errors.js";
import { registerInputGuards } from "./input-guards.js";
import { addProblemResponses, errorHandler, sendProblem } from "./problem.js";
import { accountSecurityRoutes } from "./routes/account-security.js";
import { analyticsRoutes } from "./routes/analytics.js";
import { apiKeyRoutes } from "./routes/api-keys.js";
import { webhookRoutes } from "./routes/webhooks.js";
import { WEBHOOKS_DOCUMENT } from "./openapi-webhooks.js";
import { calendarOAuthRoutes, calendarProviderRoutes } from "./routes/calendar-oauth.js";
import { calendarRoutes } from "./routes/calendars.js";
import { contactRoutes } from "./routes/contacts.js";
import { calendarPushRoutes } from "./routes/calendar-push.js";
import { auditLogRoutes } from "./routes/audit-log.js";
import { authRoutes } from "./routes/auth.js";
import { healthRoutes } from "./routes/health.js";
import { bookingRoutes } from "./routes/bookings.js";
import { directBookingRoutes } from "./routes/direct-bookings.js";
import { deliveryRoutes } from "./routes/deliveries.js";
import { devOutboxRoutes } from "./routes/dev-outbox.js";
import { linkRoutes } from "./routes/links.js";
import { manageRoutes } from "./routes/manage.js";
import { publicLinkRoutes } from "./routes/public-links.js";
import { memberRoutes } from "./routes/members.js";
import { invitationAcceptRoutes, invitationRoutes } from "./routes/invitations.js";
import { meRoutes } from "./routes/me.js";
import { oneTimeLinkRoutes } from "./routes/one-time-links.js";
import { passwordResetRoutes } from "./routes/password-reset.js";
import { organizationRoutes } from "./routes/organization.js";
import { templateRoutes } from "./routes/templates.js";
import { unmatchedRoutes } from "./routes/unmatched.js";
import { leadFunnelRoutes } from "./routes/lead-funnel.js";
import { inboundSourceRoutes } from "./routes/inbound-sources.js";
import { inboundWebhookRoutes } from "./routes/inbound-webhook.js";
import { campaignRoutes } from "./routes/campaigns.js";
import { leadRoutes } from "./routes/leads.js";
import { leadEventRoutes } from "./routes/lead-events.js";
import { leadImportRoutes } from "./routes/lead-import.js";
import { notificationRoutes } from "./routes/notifications.js";
import { attendanceLinkRoutes } from "./routes/attendance-links.js";
import { mcpRoutes } from "./routes/mcp.js";
import { holdRoutes } from "./routes/holds.js";
import { DEFAULT_HOLD_MINUTES } from "../core/booking/slot-hold.js";
import { notificationStreams } from "../use-cases/notifications/notification-streams.js";
import { methodsAllowedFor, type RouteEntry } from "./route-catalog.js";
import type { Permission } from "../core/account/permissions.js";
import { isPageRequest, readIndexHtml, registerWebApp, sendPage, webRootExists } from "./web-app.js";
import { addNosniff, bookingPageRef, docsPolicy, NO_FRAMING, pageHeadersFor } from "./security-headers.js";
import { registerEmbedScript } from "./embed-script.js";
import { pageEmbedOrigins } from "../use-cases/bookings/page-embed-origins.js";

export type AppOptions = {
  /** A pino logger; none means silent (tests). */
  logger?: FastifyBaseLogger;
  trustProxy?: boolean;
  bodyLimitBytes?: number;
  rateLimits?: Partial<RateLimits>;
  /** The built web app (web/dist); pages are served from it when it exists. */
  webRoot?: string;
  /** How long a public booking page's hold lasts (HOLD_MINUTES); default 5. */
  holdMinutes?: number;
  /** Longest a request may take to arrive, headers and body; a slower client gets 408. Default 30. */
  requestTimeoutSeconds?: number;
  /** Open connections accepted at once; the socket of one more is closed at once. Default 1000. */
  maxConnections?: number;
  /** When set, GET /metrics needs `Authorization: Bearer <token>`. */
  metricsToken?: string;
  /** frame-ancestors sources for booking pages (/{handle}/{slug}, /t/{token}); default 'none'. */
  embedFrameAncestors?: string;
};

export type { AppDeps, RateLimits, RouteContext };

export const DEFAULT_REQUEST_TIMEOUT_SECONDS = 30;
export const DEFAULT_MAX_CONNECTIONS = 4096;
/** JSON answers smaller than this go out as they are: compressing them costs more than it saves. */
const COMPRESS_THRESHOLD_BYTES = 1024;

declare module "fastify" {
  interface FastifyInstance {
    /** Every route registered, for 405 answers and for tests that must cover routes added later. */
    routeCatalog: RouteEntry[];
  }
}

const REQUEST_ID = /^[\w.:-]{1,128}$/;

export async function buildApp(deps: AppDeps, options: AppOptions = {}): Promise<FastifyInstance> {
  const requestTimeoutMs = (options.requestTimeoutSeconds ?? DEFAULT_REQUEST_TIMEOUT_SECONDS) * 1000;
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    logController: new RequestLogsAtDebug(),
    trustProxy: options.trustProxy ?? false,
    bodyLimit: options.bodyLimitBytes ?? 1024 * 1024,
    // A request (headers and body) must arrive within the timeout; Node answers a late one
    // through clientErrorHandler (408). Node checks its connections every 30 s by default,
    // which would let a timeout overrun by that much: check four times per timeout, at most
    // once a second.
    requestTimeout: requestTimeoutMs,
    http: {
      requestTimeout: requestTimeoutMs,
      headersTimeout: Math.min(requestTimeoutMs, 60_000),
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(requestTimeoutMs / 4))),
    },
    clientErrorHandler,
    frameworkErrors: frameworkErrorHandler,
    genReqId: (request) => {
      const given = request.headers["x-request-id"];
      return typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();

  const rateLimits: RateLimits = { signInPerMinute: 10, signUpPerMinute: 10, publicReadsPerMinute: 300, publicBookingsPerMinute: 30, slotReadsPerMinute: 60, inboundDeliveriesPerMinute: 1200, mcpRequestsPerMinute: 600, ...options.rateLimits };
  // One at a time: a slot answer is synchronous CPU (the reads behind it are cached), so a second at
  // once would only lengthen the wait of the cheap requests queued behind both.
  const context: RouteContext = { deps, rateLimits, isSecureCookie: deps.publicUrl.startsWith("https:"), slotTurns: new CpuTurns(1), embedFrameAncestors: options.embedFrameAncestors ?? NO_FRAMING, holdMinutes: options.holdMinutes ?? DEFAULT_HOLD_MINUTES };

  app.server.maxConnections = options.maxConnections ?? DEFAULT_MAX_CONNECTIONS;

  const routeCatalog: RouteEntry[] = [];
  app.decorate("routeCatalog", routeCatalog);
  app.decorateRequest("auth", null);
  app.addHook("onRoute", (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const permission = (route.config as { permission?: Permission } | undefined)?.permission;
    for (const method of methods) routeCatalog.push({ method, url: route.url, isAuthenticated: Boolean(route.schema?.security), permission });
    addProblemResponses(route);
  });
  app.addHook("onSend", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });

  addNosniff(app);
  registerInputGuards(app);

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  const webRoot = webRootExists(options.webRoot) ? options.webRoot : null;
  // Read once: the policy allows index.html's inline script by hash, so a rebuilt app needs a restart.
  const pageHeaders = webRoot ? pageHeadersFor(readIndexHtml(webRoot), options.embedFrameAncestors ?? NO_FRAMING) : null;
  app.setNotFoundHandler(async (request, reply) => {
    if (webRoot && pageHeaders && isPageRequest(request)) {
      const pathname = request.url.split("?")[0] ?? "/";
      const ref = bookingPageRef(pathname);
      return sendPage(reply, webRoot, pageHeaders(pathname, ref ? await pageEmbedOrigins(deps, ref) : []));
    }
    const allowed = methodsAllowedFor(routeCatalog, request.url);
    // A route that takes this method but found nothing (a missing asset) is a 404, not a 405.
    if (allowed.length > 0 && !allowed.includes(request.method)) {
      reply.header("allow", allowed.join(", "));
      return sendProblem(reply, new ConveneError("METHOD_NOT_ALLOWED", `${request.method} is not allowed here; use ${allowed.join(", ")}.`));
    }
    return sendProblem(reply, new ConveneError("ROUTE_NOT_FOUND", `No route ${request.method} ${request.url.split("?")[0]}.`));
  });

  // Before any route, so its onSend hook sees every answer: JSON over 1 KB leaves as br or gzip when the
  // client accepts it. Brotli at quality 4 (the plugin's default, pinned here on purpose): a 600 KB slot
  // list took 9 ms to 12 KB here, gzip 17 ms to 43 KB, and zlib's default quality 11 took 2.5 s.
  // Requests stay uncompressed: no client of ours needs it, and it would be one more parser to attack.
  await app.register(fastifyCompress, {
    globalDecompression: false,
    threshold: COMPRESS_THRESHOLD_BYTES,
    encodings: ["br", "gzip"],
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } },
  });
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new ConveneError("RATE_LIMITED", `Too many requests; retry in ${Math.ceil(context.ttl / 1000)} s.`, {
        details: { retryAfterSeconds: Math.ceil(context.ttl / 1000) },
      }),
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: { title: "Convene API", version: "1", description: "Meeting booking: links, availability, bookings. Errors are RFC 9457 problem+json with a stable `code` (see /docs/errors)." },
      servers: [{ url: deps.publicUrl }],
      // OpenAPI 3.1: what Convene POSTs to webhook endpoints (Standard Webhooks).
      webhooks: WEBHOOKS_DOCUMENT,
      components: {
        securitySchemes: {
          sessionCookie: { type: "apiKey", in: "cookie", name: SESSION_COOKIE },
          apiKey: { type: "http", scheme: "bearer", description: "An API key (cv_…) from POST /api/v1/api-keys" },
        },
      },
    },
    transform: jsonSchemaTransform,
    // Puts the schemas with an id (Problem) into components.schemas, where the routes' $refs point.
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/docs", staticCSP: true, transformStaticCSP: docsPolicy });
  if (webRoot) {
    await registerWebApp(app, webRoot);
    registerEmbedScript(app, webRoot);
  }

  const metrics = createMetrics(app);
  await app.register(healthRoutes, { context, metrics, metricsToken: options.metricsToken ?? null });
  await app.register(authRoutes, { context, prefix: "/api/v1" });
  await app.register(invitationAcceptRoutes, { context, prefix: "/api/v1" });
  await app.register(passwordResetRoutes, { context, prefix: "/api/v1" });
  await app.register(publicLinkRoutes, { context });
  await app.register(manageRoutes, { context });
  await app.register(attendanceLinkRoutes, { context });
  // Browser navigations to and from a calendar provider's consent: they read the session themselves and always redirect.
  await app.register(calendarOAuthRoutes, { context, prefix: "/api/v1" });
  // Called by Google and Microsoft, not by a signed-in user: the channel's secret vouches for each call.
  await app.register(calendarPushRoutes, { context, prefix: "/api/v1" });
  // Called by Cal.com and Calendly: the URL's token finds the source, the signature on the raw body vouches for the call.
  await app.register(inboundWebhookRoutes, { context, prefix: "/api/v1" });
  // AI agents (MCP over Streamable HTTP): API keys only, its own gate (routes/mcp.ts).
  await app.register(mcpRoutes, { context });
  await app.register(
    async (scope) => {
      requireAuth(scope, deps, deps.clock);
      await scope.register(meRoutes, { context });
      await scope.register(accountSecurityRoutes, { context });
      await scope.register(apiKeyRoutes, { context });
      await scope.register(webhookRoutes, { context });
      await scope.register(auditLogRoutes, { context });
      await scope.register(memberRoutes, { context });
      await scope.register(invitationRoutes, { context });
      await scope.register(linkRoutes, { context });
      await scope.register(templateRoutes, { context });
      await scope.register(oneTimeLinkRoutes, { context });
      await scope.register(analyticsRoutes, { context });
      await scope.register(bookingRoutes, { context });
      await scope.register(directBookingRoutes, { context });
      await scope.register(holdRoutes, { context });
      await scope.register(deliveryRoutes, { context });
      await scope.register(calendarProviderRoutes, { context });
      await scope.register(calendarRoutes, { context });
      await scope.register(contactRoutes, { context });
      await scope.register(devOutboxRoutes, { context });
      await scope.register(organizationRoutes, { context });
      await scope.register(unmatchedRoutes, { context });
      await scope.register(leadFunnelRoutes, { context });
      await scope.register(inboundSourceRoutes, { context });
      await scope.register(campaignRoutes, { context });
      await scope.register(leadRoutes, { context });
      await scope.register(leadEventRoutes, { context });
      await scope.register(leadImportRoutes, { context });
      await scope.register(notificationRoutes, { context, streams: notificationStreams(deps.liveFeed ?? { subscribe: () => () => undefined }) });
    },
    { prefix: "/api/v1" },
  );
  await app.ready();
  return app;
}
