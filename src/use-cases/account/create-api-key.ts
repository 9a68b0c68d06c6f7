// Creates an API key for the signed-in user; the key is returned once and stored as a hash.
import type { UseCaseDeps } from "../ports/store.js";
import { API_KEY_PREFIX } from "../auth/authenticate.js";
import { hashToken, newSecretToken } from "../auth/secret-token.js";
import { recordAudit, type RequestContext } from "../request-context.js";

export async function createApiKey(deps: UseCaseDeps, ctx: RequestContext, input: { name: string }) {
  const { auth } = ctx;
  const key = `${API_KEY_PREFIX}${newSecretToken()}`;
  const record = await deps.store.transaction(async (repos) => {
    const created = await repos.apiKeys.create(auth.tenantId, {
      userId: auth.userId,
      name: input.name,
      prefix: key.slice(0, API_KEY_PREFIX.length + 6),
      keyHash: hashToken(key),
    });
    await recordAudit(repos, ctx, "api_key.created", { type: "api_key", id: created.id }, { name: created.name, prefix: created.prefix });
    return created;
  });
  return { ...record, key };
}
