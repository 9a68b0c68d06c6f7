// Revokes an API key of the caller's tenant; an unknown or foreign id is NOT_FOUND.
import { ConveneError } from "../core/errors.js";
import type { AuthContext } from "./auth/authenticate.js";
import type { UseCaseDeps } from "./ports.js";

export async function revokeApiKey(deps: UseCaseDeps, auth: AuthContext, keyId: string, meta: { ip: string | null }, nowMs: number) {
  return deps.store.transaction(async (repos) => {
    const revoked = await repos.apiKeys.revoke(auth.tenantId, keyId, nowMs);
    if (!revoked) throw new ConveneError("NOT_FOUND", "No such API key.");
    await repos.audit.record({
      tenantId: auth.tenantId,
      actor: auth.actor,
      action: "api_key.revoked",
      target: { type: "api_key", id: revoked.id },
      ip: meta.ip,
      changes: { name: revoked.name, prefix: revoked.prefix },
      atMs: nowMs,
    });
    return revoked;
  });
}
