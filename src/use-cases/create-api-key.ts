// Creates an API key for the signed-in user; the key is returned once and stored as a hash.
import type { UseCaseDeps } from "./ports.js";
import { API_KEY_PREFIX, type AuthContext } from "./auth/authenticate.js";
import { hashToken, newSecretToken } from "./auth/secret-token.js";

export async function createApiKey(deps: UseCaseDeps, auth: AuthContext, input: { name: string }, meta: { ip: string | null }, nowMs: number) {
  const key = `${API_KEY_PREFIX}${newSecretToken()}`;
  const record = await deps.store.transaction(async (repos) => {
    const created = await repos.apiKeys.create(auth.tenantId, {
      userId: auth.userId,
      name: input.name,
      prefix: key.slice(0, API_KEY_PREFIX.length + 6),
      keyHash: hashToken(key),
    });
    await repos.audit.record({
      tenantId: auth.tenantId,
      actor: auth.actor,
      action: "api_key.created",
      target: { type: "api_key", id: created.id },
      ip: meta.ip,
      changes: { name: created.name, prefix: created.prefix },
      atMs: nowMs,
    });
    return created;
  });
  return { ...record, key };
}
