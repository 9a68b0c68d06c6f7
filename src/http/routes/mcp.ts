// The MCP endpoint for AI agents: Streamable HTTP at /mcp, stateless (a new
// server and transport per request, so any node answers any call), JSON
// answers rather than SSE streams. API keys only — no cookies, so a browser
// page cannot ride an owner's session — behind a Host/Origin check against
// DNS rebinding. GET (a server-to-client stream) and DELETE (ending a session)
// have nothing to do without sessions: they answer 405, as the spec allows.
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import { ConveneError } from "../../core/errors.js";
import { createMcpServer } from "../../mcp/server.js";
import { API_KEY_PREFIX, authenticateApiKey, requireScope } from "../../use-cases/auth/authenticate.js";
import { readBearer } from "../auth.js";
import { sendProblem } from "../problem.js";
import { allowedHostnames, hostRefusal } from "../host-allow-list.js";
import type { RouteContext } from "../route-context.js";

export const MCP_PATH = "/mcp";

/** RFC 6750: a 401 says which scheme to use. */
const WWW_AUTHENTICATE = 'Bearer realm="convene", error="invalid_token", error_description="Send an API key (cv_...) from POST /api/v1/api-keys"';

export const mcpRoutes: FastifyPluginAsync<{ context: RouteContext }> = async (app, { context }) => {
  const { deps, rateLimits } = context;
  const allowed = allowedHostnames(deps.publicUrl);

  const headerOf = (request: FastifyRequest, name: string) => {
    const value = request.headers[name];
    return typeof value === "string" ? value : undefined;
  };

  app.post(
    MCP_PATH,
    {
      config: { permission: "account.self", rateLimit: { max: rateLimits.mcpRequestsPerMinute, timeWindow: "1 minute" } },
      // JSON-RPC, not a REST resource: described by the MCP specification rather than the OpenAPI document.
      schema: { hide: true },
      onRequest: async (request, reply) => {
        const refusal = hostRefusal(allowed, headerOf(request, "host"), headerOf(request, "origin"));
        if (refusal) throw new ConveneError("HOST_NOT_ALLOWED", refusal);
        const key = readBearer(request);
        const auth = key?.startsWith(API_KEY_PREFIX) ? await authenticateApiKey(deps, key, deps.clock()) : null;
        if (!auth) {
          // Sent here rather than thrown: the error handler starts the answer's headers afresh.
          reply.header("www-authenticate", WWW_AUTHENTICATE);
          return sendProblem(reply, new ConveneError("UNAUTHENTICATED", key ? "The API key is unknown or revoked." : "Send an API key as 'Authorization: Bearer cv_…'."));
        }
        requireScope(auth, "account.self");
        request.auth = auth;
      },
    },
    async (request, reply) => {
      const auth = request.auth!;
      const server = createMcpServer({
        deps,
        auth,
        ip: request.ip,
        clock: deps.clock,
        logError: (error, tool) => request.log.error({ err: error, tool }, "MCP tool failed"),
      });
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
      // From here the SDK writes the answer; Fastify's onSend hooks do not run, so set their headers now.
      reply.hijack();
      reply.raw.setHeader("x-request-id", request.id);
      reply.raw.setHeader("x-content-type-options", "nosniff");
      reply.raw.on("close", () => {
        void transport.close();
        void server.close();
      });
      await server.connect(transport);
      await transport.handleRequest(request.raw, reply.raw, request.body);
    },
  );
};
