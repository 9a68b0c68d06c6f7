// The organisation's people.
import type { UserRecord } from "../ports/accounts.js";
import type { UseCaseDeps } from "../ports/store.js";
import type { RequestContext } from "../request-context.js";

export async function listMembers(deps: UseCaseDeps, ctx: RequestContext): Promise<UserRecord[]> {
  return deps.store.users.list(ctx.auth.tenantId);
}
