// Liveness, readiness (the database answers), Prometheus metrics, and the error-code reference.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { createHash, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { ConveneError, ERROR_TITLES, type ErrorCode } from "../../core/errors.js";
import type { RouteContext } from "../route-context.js";
import { readBearer } from "../auth.js";
import type { Metrics } from "../metrics.js";
import { ERRORS_DOC_PATH, sendProblem, STATUS_BY_CODE } from "../problem.js";

/** Equal in time whatever the guess: both sides are hashed to the same length first. */
function isTokenEqual(sent: string, expected: string): boolean {
  const digest = (text: string) => createHash("sha256").update(text, "utf8").digest();
  return timingSafeEqual(digest(sent), digest(expected));
}

export const healthRoutes: FastifyPluginAsyncZod<{ context: RouteContext; metrics: Metrics; metricsToken: string | null }> = async (app, { context, metrics, metricsToken }) => {
  // What `curl localhost:3000/` should learn; a browser gets the web app, whose / is the sign-in page (the dashboard once signed in).
  app.get(
    "/",
    {
      schema: {
        tags: ["operations"],
        summary: "Where to go: browsers (Accept: text/html) get the web app's sign-in page, other clients pointers to the API",
        response: {
          200: z.object({ service: z.literal("convene"), dashboard: z.string(), docs: z.string(), openapi: z.string(), health: z.string() }),
        },
      },
    },
    async (request, reply) => {
      if ((request.headers.accept ?? "").includes("text/html")) {
        reply.callNotFound();
        return reply;
      }
      const base = context.deps.publicUrl;
      return { service: "convene" as const, dashboard: `${base}/dashboard`, docs: `${base}/docs`, openapi: `${base}/docs/json`, health: `${base}/healthz` };
    },
  );

  app.get(
    "/healthz",
    { schema: { tags: ["operations"], summary: "Liveness: the process answers", response: { 200: z.object({ status: z.literal("ok") }) } } },
    async () => ({ status: "ok" as const }),
  );

  app.get(
    "/readyz",
    {
      schema: {
        tags: ["operations"],
        summary: "Readiness: the database answers",
        response: { 200: z.object({ status: z.literal("ready"), database: z.string() }) },
      },
    },
    async (request, reply) => {
      try {
        await context.deps.database.ping();
      } catch (error) {
        request.log.warn({ err: error }, "readiness check failed");
        return sendProblem(reply, new ConveneError("DATABASE_UNAVAILABLE"));
      }
      return { status: "ready" as const, database: context.deps.database.engine };
    },
  );

  app.get("/metrics", { schema: { tags: ["operations"], summary: "Prometheus metrics (text format); needs the METRICS_TOKEN bearer when one is set" } }, async (request, reply) => {
    if (metricsToken !== null) {
      const sent = readBearer(request);
      if (sent === null || !isTokenEqual(sent, metricsToken)) {
        reply.header("www-authenticate", 'Bearer realm="metrics"');
        return sendProblem(reply, new ConveneError("UNAUTHENTICATED", "Send the metrics token as 'Authorization: Bearer <METRICS_TOKEN>'."));
      }
    }
    reply.type(metrics.registry.contentType);
    return metrics.registry.metrics();
  });

  app.get(
    ERRORS_DOC_PATH,
    {
      schema: {
        tags: ["operations"],
        summary: "Every error code Convene answers with, its HTTP status and title",
        response: { 200: z.object({ codes: z.array(z.object({ code: z.string(), status: z.number(), title: z.string() })) }) },
      },
    },
    async () => ({
      codes: (Object.keys(ERROR_TITLES) as ErrorCode[]).map((code) => ({ code, status: STATUS_BY_CODE[code], title: ERROR_TITLES[code] })),
    }),
  );
};
