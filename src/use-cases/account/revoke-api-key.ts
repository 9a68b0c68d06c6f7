// Revokes one of the caller's own API keys; an unknown id, or another user's, is NOT_FOUND.
import { ConveneError } from "../../core/errors.js";
import type { UseCaseDeps } from "../ports/store.js";
import { recordAudit, type RequestContext } from "../request-context.js";

export async function revokeApiKey(deps: UseCaseDeps, ctx: RequestContext, keyId: string) {
  return deps.store.transaction(async (repos) => {
    const revoked = await repos.apiKeys.revoke(ctx.auth.tenantId, keyId, ctx.nowMs, { userId: ctx.auth.userId });
    if (!revoked) throw new ConveneError("NOT_FOUND", "No such API key.");
    await recordAudit(repos, ctx, "api_key.revoked", { type: "api_key", id: revoked.id }, { name: revoked.name, prefix: revoked.prefix });
    return revoked;
  });
}
