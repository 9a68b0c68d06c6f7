// Sign-in with email and password. Failed attempts are audited and, past a
// threshold per account, lock that account for a while (per-IP limits are the
// HTTP layer's rate limiter).
import { ConveneError } from "../../core/errors.js";
import type { UseCaseDeps } from "../ports.js";
import { newSecretToken } from "./secret-token.js";
import { startSession, type RequestMeta } from "./start-session.js";
import { mintTenantId } from "./tenant-scope.js";

export const FAILED_SIGN_IN_LIMIT = 10;
export const FAILED_SIGN_IN_WINDOW_MS = 15 * 60 * 1000;

/** Verified against when the email is unknown, so both cases take the same time. */
let dummyHash: Promise<string> | undefined;

export async function signIn(deps: UseCaseDeps, credentials: { email: string; password: string }, meta: RequestMeta, nowMs: number) {
  const email = credentials.email.toLowerCase();
  const failures = await deps.store.audit.countSince("auth.sign_in_failed", email, nowMs - FAILED_SIGN_IN_WINDOW_MS);
  if (failures >= FAILED_SIGN_IN_LIMIT) {
    throw new ConveneError("ACCOUNT_LOCKED", "Too many failed sign-ins for this account; try again in 15 minutes.", {
      details: { retryAfterSeconds: Math.ceil(FAILED_SIGN_IN_WINDOW_MS / 1000) },
    });
  }
  const user = await deps.store.users.findByEmailForSignIn(email);
  dummyHash ??= deps.passwords.hash(newSecretToken());
  const isValid = await deps.passwords.verify(user?.passwordHash ?? (await dummyHash), credentials.password);
  if (!user || !user.passwordHash || !isValid) {
    await deps.store.audit.record({
      tenantId: user ? mintTenantId(user.tenantId) : null,
      actor: { type: "anonymous", id: null },
      action: "auth.sign_in_failed",
      target: { type: "email", id: email },
      ip: meta.ip,
      changes: { reason: user ? "wrong_password" : "unknown_email" },
      atMs: nowMs,
    });
    throw new ConveneError("INVALID_CREDENTIALS");
  }
  return deps.store.transaction(async (repos) => {
    const tenantId = mintTenantId(user.tenantId);
    const session = await startSession(repos, tenantId, user, meta, nowMs);
    await repos.audit.record({
      tenantId,
      actor: { type: "user", id: user.id },
      action: "auth.signed_in",
      target: { type: "user", id: user.id },
      ip: meta.ip,
      atMs: nowMs,
    });
    return { user, ...session };
  });
}
