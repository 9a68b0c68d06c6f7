// The caller's own API keys (account.self: nobody lists another's, not even an owner), revoked ones included (never the keys themselves: only their hashes are kept).
import type { ApiKeyRecord } from "../ports/accounts.js";
import type { UseCaseDeps } from "../ports/store.js";
import type { RequestContext } from "../request-context.js";

export async function listApiKeys(deps: UseCaseDeps, ctx: RequestContext): Promise<ApiKeyRecord[]> {
  return deps.store.apiKeys.list(ctx.auth.tenantId, { userId: ctx.auth.userId });
}
