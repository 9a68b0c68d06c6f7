// A signed-in user changes their password: the current one first, then every
// other session ends (this one stays, so the user is not thrown out) and open
// reset links close.
import type { UseCaseDeps } from "../ports/store.js";
import { recordAudit, type RequestContext } from "../request-context.js";
import { verifyCurrentPassword } from "./verify-current-password.js";

export async function changePassword(deps: UseCaseDeps, ctx: RequestContext, input: { currentPassword: string; newPassword: string }): Promise<{ sessionsEnded: number }> {
  const { auth, nowMs } = ctx;
  const user = await verifyCurrentPassword(deps, ctx, input.currentPassword);
  const passwordHash = await deps.passwords.hash(input.newPassword);
  return deps.store.transaction(async (repos) => {
    await repos.users.update(auth.tenantId, user.id, { passwordHash });
    await repos.accountTokens.closeOpen(auth.tenantId, user.id, "password_reset", nowMs);
    const sessionsEnded = await repos.sessions.deleteForUser(auth.tenantId, user.id, auth.sessionId);
    await recordAudit(repos, ctx, "account.password_changed", { type: "user", id: user.id }, { sessionsEnded });
    return { sessionsEnded };
  });
}
