// Redeems an email-change link: the address it was sent to becomes the user's
// sign-in email. Opening the link proves the mailbox; the request before it
// proved the password. If another account took the address meanwhile, the
// unique index refuses it (EMAIL_TAKEN) and the link stays unused.
import { ConveneError } from "../../core/errors.js";
import { tokenRefusal } from "../../core/account/token-redemption.js";
import type { UseCaseDeps } from "../ports/store.js";
import { recordAudit, type PublicRequestContext } from "../request-context.js";
import { hashToken } from "./secret-token.js";
import { mintTenantId } from "./tenant-scope.js";

const REFUSAL_DETAIL = {
  unknown: "This confirmation link is not known; ask for the change again from your settings.",
  used: "This confirmation link was already used.",
  expired: "This confirmation link has expired (links last a day); ask for the change again from your settings.",
} as const;

export async function confirmEmailChange(deps: UseCaseDeps, input: { token: string }, ctx: PublicRequestContext): Promise<{ email: string }> {
  const tokenHash = hashToken(input.token);
  const done = await deps.store.transaction(async (repos) => {
    const token = await repos.accountTokens.redeem("email_change", tokenHash, ctx.nowMs);
    if (!token?.newEmail) return null;
    const tenantId = mintTenantId(token.tenantId);
    const before = await repos.users.get(tenantId, token.userId);
    const user = await repos.users.update(tenantId, token.userId, { email: token.newEmail });
    if (!before || !user) return null;
    const actor = { type: "user" as const, id: user.id };
    await recordAudit(repos, { ...ctx, auth: { tenantId, actor } }, "account.email_changed", { type: "user", id: user.id }, { from: before.email, to: user.email });
    return { email: user.email };
  });
  if (done) return done;
  const reason = tokenRefusal(await deps.store.accountTokens.findByHash("email_change", tokenHash), ctx.nowMs) ?? "used";
  throw new ConveneError("EMAIL_CHANGE_TOKEN_INVALID", REFUSAL_DETAIL[reason], { details: { reason } });
}
