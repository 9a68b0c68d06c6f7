// API keys for programs: created (shown once), listed, revoked.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { createApiKey } from "../../use-cases/account/create-api-key.js";
import { listApiKeys } from "../../use-cases/account/list-api-keys.js";
import type { ApiKeyRecord } from "../../use-cases/ports/accounts.js";
import { revokeApiKey } from "../../use-cases/account/revoke-api-key.js";
import type { RouteContext } from "../route-context.js";
import { AUTHENTICATED, contextOf } from "../auth.js";
import { idParams } from "./params.js";

const apiKeyView = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string().describe("The first characters of the key, to tell keys apart"),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

function toApiKeyView(key: ApiKeyRecord): z.infer<typeof apiKeyView> {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
  };
}

export const apiKeyRoutes: FastifyPluginAsyncZod<{ context: RouteContext }> = async (app, { context }) => {
  const { deps } = context;

  app.post(
    "/api-keys",
    {
      config: { permission: "account.self" },
      schema: {
        tags: ["api keys"],
        summary: "Create an API key (the key is in this answer only)",
        security: AUTHENTICATED,
        body: z.strictObject({ name: z.string().trim().min(1).max(100) }),
        response: { 201: apiKeyView.extend({ key: z.string().describe("cv_…: store it now, it is never shown again") }) },
      },
    },
    async (request, reply) => {
      const created = await createApiKey(deps, contextOf(request, deps.clock), request.body);
      return reply.status(201).send({ ...toApiKeyView(created), key: created.key });
    },
  );

  app.get(
    "/api-keys",
    {
      config: { permission: "account.self" },
      schema: {
        tags: ["api keys"],
        summary: "List your own API keys (revoked ones included)",
        security: AUTHENTICATED,
        response: { 200: z.object({ items: z.array(apiKeyView) }) },
      },
    },
    async (request) => ({ items: (await listApiKeys(deps, contextOf(request, deps.clock))).map(toApiKeyView) }),
  );

  app.delete(
    "/api-keys/:id",
    {
      config: { permission: "account.self" },
      schema: {
        tags: ["api keys"],
        summary: "Revoke one of your API keys (another user's: 404)",
        security: AUTHENTICATED,
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await revokeApiKey(deps, contextOf(request, deps.clock), request.params.id);
      return reply.status(204).send(null);
    },
  );
};
