// `convene user reset-password`: an operator without SMTP helps a locked-out
// user. By default it makes the same single-use, hour-long link the reset mail
// carries (the operator passes it on; the user chooses the password, so the
// operator never knows it); with a password given, it sets that one at once.
// Either way the account's sessions end when the password changes.
import { normalizeEmail } from "../../core/account/limits.js";
import { ConveneError } from "../../core/errors.js";
import type { UseCaseDeps } from "../ports/store.js";
import { recordAudit, type PublicRequestContext } from "../request-context.js";
import { mintTenantId } from "./tenant-scope.js";
import { issuePasswordReset } from "./request-password-reset.js";

export type OperatorReset = { kind: "link"; email: string; url: string } | { kind: "password"; email: string; sessionsEnded: number };

export async function resetPasswordByOperator(
  deps: UseCaseDeps & { publicUrl: string },
  input: { email: string; password: string | null },
  ctx: PublicRequestContext,
): Promise<OperatorReset> {
  const user = await deps.store.users.findByEmailForSignIn(normalizeEmail(input.email));
  // The operator runs the server: telling them the address is unknown gives nothing away.
  if (!user) throw new ConveneError("NOT_FOUND", `No account uses ${input.email}.`);
  const tenantId = mintTenantId(user.tenantId);
  const audit = { ...ctx, auth: { tenantId, actor: { type: "system" as const, id: null } } };
  const passwordHash = input.password === null ? null : await deps.passwords.hash(input.password);
  return deps.store.transaction(async (repos): Promise<OperatorReset> => {
    if (passwordHash === null) {
      const link = await issuePasswordReset(repos, deps.publicUrl, user, ctx.nowMs);
      await recordAudit(repos, audit, "auth.password_reset_link_issued", { type: "user", id: user.id }, { via: "cli" });
      return { kind: "link", email: user.email, url: link.url };
    }
    await repos.users.update(tenantId, user.id, { passwordHash });
    await repos.accountTokens.closeOpen(tenantId, user.id, "password_reset", ctx.nowMs);
    const sessionsEnded = await repos.sessions.deleteForUser(tenantId, user.id);
    await recordAudit(repos, audit, "auth.password_reset", { type: "user", id: user.id }, { via: "cli", sessionsEnded });
    return { kind: "password", email: user.email, sessionsEnded };
  });
}
