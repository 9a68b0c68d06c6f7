// The signed-in caller's user and organisation.
import { ConveneError } from "../../core/errors.js";
import type { TenantRecord, UserRecord } from "../ports/accounts.js";
import type { UseCaseDeps } from "../ports/store.js";
import type { RequestContext } from "../request-context.js";

export type Account = { user: UserRecord; tenant: TenantRecord };

/** `user` when the caller already holds it fresh (just changed), so it is not read again. */
export async function describeAccount(deps: UseCaseDeps, ctx: RequestContext, user?: UserRecord): Promise<Account> {
  const { tenantId, userId } = ctx.auth;
  const [current, tenant] = await Promise.all([user ?? deps.store.users.get(tenantId, userId), deps.store.tenants.get(tenantId)]);
  if (!current || !tenant) throw new ConveneError("UNAUTHENTICATED", "This account no longer exists.");
  return { user: current, tenant };
}
