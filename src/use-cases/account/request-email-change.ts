// A signed-in user asks to change their email: with the current password, a
// link to the NEW address (the change happens only when it is opened there,
// within a day) and a notice to the old one, so a hijacked session cannot move
// the account away quietly. A newer request replaces an open one.
import { EMAIL_CHANGE_TTL_MS } from "../../core/account/account-tokens.js";
import { emailChangeUrl, securitySettingsUrl } from "../../core/account/account-urls.js";
import { normalizeEmail } from "../../core/account/limits.js";
import { ConveneError } from "../../core/errors.js";
import type { UseCaseDeps } from "../ports/store.js";
import { recordAudit, type RequestContext } from "../request-context.js";
import { hashToken, newSecretToken } from "../auth/secret-token.js";
import { sendAccountMail, type AccountMailDeps } from "./account-mail.js";
import { verifyCurrentPassword } from "./verify-current-password.js";

export type PendingEmailChange = { newEmail: string; expiresAt: Date };

export async function requestEmailChange(
  deps: UseCaseDeps & AccountMailDeps,
  ctx: RequestContext,
  input: { newEmail: string; currentPassword: string },
): Promise<PendingEmailChange> {
  const { auth, nowMs } = ctx;
  const user = await verifyCurrentPassword(deps, ctx, input.currentPassword);
  const newEmail = normalizeEmail(input.newEmail);
  if (newEmail === user.email) {
    const message = "this is already your address";
    throw new ConveneError("VALIDATION_FAILED", `body.newEmail: ${message}`, { details: { errors: [{ path: "body.newEmail", message }] } });
  }
  // Sign-up tells anyone the same without a password; confirming checks again, since the address may be taken meanwhile.
  if (await deps.store.users.isEmailTaken(newEmail)) throw new ConveneError("EMAIL_TAKEN", `An account with ${newEmail} already exists.`);
  const token = newSecretToken();
  const expiresAtMs = nowMs + EMAIL_CHANGE_TTL_MS;
  const stored = await deps.store.transaction(async (repos) => {
    await repos.accountTokens.closeOpen(auth.tenantId, user.id, "email_change", nowMs);
    const created = await repos.accountTokens.create(auth.tenantId, { userId: user.id, purpose: "email_change", tokenHash: hashToken(token), newEmail, expiresAtMs });
    await recordAudit(repos, ctx, "account.email_change_requested", { type: "user", id: user.id }, { newEmail });
    return created;
  });
  const key = `email-change:${stored.id}`;
  await sendAccountMail(deps, {
    tenantId: auth.tenantId,
    to: { name: user.name, email: newEmail },
    subject: "Confirm your new email for Convene",
    paragraphs: [`You asked to sign in to Convene with ${newEmail} instead of ${user.email}. Confirm that this address is yours.`],
    actions: [{ label: "Confirm this address", url: emailChangeUrl(deps.publicUrl, token) }],
    afterActions: ["The link works once, for 24 hours. Until then you keep signing in with your current address."],
    idempotencyKey: `${key}:confirm`,
  });
  await sendAccountMail(deps, {
    tenantId: auth.tenantId,
    to: { name: user.name, email: user.email },
    subject: "Your Convene email is about to change",
    paragraphs: [`Someone signed in to your Convene account asked to change its email to ${newEmail}. It changes once the link sent there is opened.`],
    actions: [{ label: "Review your security settings", url: securitySettingsUrl(deps.publicUrl) }],
    afterActions: ["If this was not you, change your password now: that signs out every other session."],
    idempotencyKey: `${key}:notice`,
  });
  return { newEmail, expiresAt: new Date(expiresAtMs) };
}

/** The user's open email change, if any, for the settings page. */
export async function pendingEmailChange(deps: UseCaseDeps, ctx: RequestContext): Promise<PendingEmailChange | null> {
  const token = await deps.store.accountTokens.findOpen(ctx.auth.tenantId, ctx.auth.userId, "email_change", ctx.nowMs);
  return token?.newEmail ? { newEmail: token.newEmail, expiresAt: token.expiresAt } : null;
}
