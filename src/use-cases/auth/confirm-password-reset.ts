// Redeems a reset link: the new password, the token used (and any other open
// reset links closed), every session of the user ended. API keys stay: they
// are the user's programs, not their browsers.
import { ConveneError } from "../../core/errors.js";
import { tokenRefusal } from "../../core/account/token-redemption.js";
import type { UseCaseDeps } from "../ports/store.js";
import { recordAudit, type PublicRequestContext } from "../request-context.js";
import { hashToken } from "./secret-token.js";
import { mintTenantId } from "./tenant-scope.js";

const REFUSAL_DETAIL = {
  unknown: "This reset link is not known; ask for a new one.",
  used: "This reset link was already used; ask for a new one if you need to.",
  expired: "This reset link has expired (links last an hour); ask for a new one.",
} as const;

export async function confirmPasswordReset(deps: UseCaseDeps, input: { token: string; password: string }, ctx: PublicRequestContext): Promise<{ email: string }> {
  const tokenHash = hashToken(input.token);
  // Hashed outside the transaction: argon2 takes a while and holds no row.
  const passwordHash = await deps.passwords.hash(input.password);
  const done = await deps.store.transaction(async (repos) => {
    const token = await repos.accountTokens.redeem("password_reset", tokenHash, ctx.nowMs);
    if (!token) return null;
    const tenantId = mintTenantId(token.tenantId);
    const user = await repos.users.update(tenantId, token.userId, { passwordHash });
    if (!user) return null;
    await repos.accountTokens.closeOpen(tenantId, user.id, "password_reset", ctx.nowMs);
    const sessionsEnded = await repos.sessions.deleteForUser(tenantId, user.id);
    const actor = { type: "user" as const, id: user.id };
    await recordAudit(repos, { ...ctx, auth: { tenantId, actor } }, "auth.password_reset", { type: "user", id: user.id }, { sessionsEnded });
    return { email: user.email };
  });
  if (done) return done;
  const reason = tokenRefusal(await deps.store.accountTokens.findByHash("password_reset", tokenHash), ctx.nowMs) ?? "used";
  throw new ConveneError("RESET_TOKEN_INVALID", REFUSAL_DETAIL[reason], { details: { reason } });
}
