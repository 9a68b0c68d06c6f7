// "Forgot password?": mails a single-use reset link valid for an hour. The
// answer and the work are the same whether or not the address has an account
// (a token is made and hashed either way, one audit entry either way), and the
// mail is sent after the answer: neither its timing nor a failure shows.
// A form anyone may post must not flood a mailbox: past a few mails an hour
// per address, requests are recorded but send nothing.
import { PASSWORD_RESET_TTL_MS } from "../../core/account/account-tokens.js";
import { passwordResetUrl } from "../../core/account/account-urls.js";
import { normalizeEmail } from "../../core/account/limits.js";
import type { TenantId } from "../../core/tenancy.js";
import type { UserRecord } from "../ports/accounts.js";
import type { Repositories, UseCaseDeps } from "../ports/store.js";
import { recordAudit, type PublicRequestContext } from "../request-context.js";
import { hashToken, newSecretToken } from "./secret-token.js";
import { mintTenantId } from "./tenant-scope.js";
import { sendAccountMail, type AccountMailDeps } from "../account/account-mail.js";

export const RESET_REQUESTED = "auth.password_reset_requested";
const RESET_MAIL_WINDOW_MS = 60 * 60_000;
const MAX_RESET_MAILS_PER_WINDOW = 5;

export type PasswordResetDeps = UseCaseDeps & AccountMailDeps & { logger?: { error(fields: Record<string, unknown>, message: string): void } | undefined };

/** Stores a new reset token for the user and returns the link that redeems it (also what the operator's CLI prints). */
export async function issuePasswordReset(repos: Repositories, publicUrl: string, user: UserRecord, nowMs: number): Promise<{ id: string; url: string; expiresAtMs: number }> {
  const token = newSecretToken();
  const expiresAtMs = nowMs + PASSWORD_RESET_TTL_MS;
  const stored = await repos.accountTokens.create(mintTenantId(user.tenantId), { userId: user.id, purpose: "password_reset", tokenHash: hashToken(token), expiresAtMs });
  return { id: stored.id, url: passwordResetUrl(publicUrl, token), expiresAtMs };
}

/** Without an account the token is still made and hashed, and thrown away: the same work either way. */
function decoyToken(): null {
  hashToken(newSecretToken());
  return null;
}

/** Resolves once the mail is handed over, or not sent (true/false); never rejects. The HTTP answer does not wait for it. */
export type ResetRequestOutcome = { mailSent: Promise<boolean> };

export async function requestPasswordReset(deps: PasswordResetDeps, input: { email: string }, ctx: PublicRequestContext): Promise<ResetRequestOutcome> {
  const email = normalizeEmail(input.email);
  const [user, recentRequests] = await Promise.all([
    deps.store.users.findByEmailForSignIn(email),
    deps.store.audit.countSince(RESET_REQUESTED, email, ctx.nowMs - RESET_MAIL_WINDOW_MS),
  ]);
  const tenantId: TenantId | null = user ? mintTenantId(user.tenantId) : null;
  const isMailed = user !== null && recentRequests < MAX_RESET_MAILS_PER_WINDOW;
  const link = await deps.store.transaction(async (repos) => {
    const issued = isMailed ? await issuePasswordReset(repos, deps.publicUrl, user, ctx.nowMs) : decoyToken();
    const outcome = !user ? "unknown_email" : isMailed ? "mailed" : "throttled";
    await recordAudit(repos, { ...ctx, auth: { tenantId, actor: { type: "anonymous", id: null } } }, RESET_REQUESTED, { type: "email", id: email }, { outcome });
    return issued;
  });
  if (!user || !link) return { mailSent: Promise.resolve(false) };
  const sent = sendAccountMail(deps, {
    tenantId,
    to: { name: user.name, email: user.email },
    subject: "Reset your Convene password",
    paragraphs: ["Someone (hopefully you) asked to reset the password of your Convene account. Choose a new one with the button below."],
    actions: [{ label: "Choose a new password", url: link.url }],
    afterActions: ["The link works once, for one hour. Resetting signs you out everywhere. If you did not ask for this, ignore this mail: your password stays as it is."],
    idempotencyKey: `password-reset:${link.id}`,
  });
  return {
    mailSent: sent.then(
      () => true,
      (error: unknown) => {
        deps.logger?.error({ err: error, userId: user.id }, "the password reset mail was not sent");
        return false;
      },
    ),
  };
}
