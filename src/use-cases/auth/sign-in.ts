// Sign-in with email and password. Failed attempts are audited; a source
// (client IP) that keeps failing on an account is slowed down progressively
// for that account only (see core/account/sign-in-throttle.ts for why not a
// lock per account). Per-IP limits over all accounts are the HTTP layer's rate limiter.
import { normalizeEmail } from "../../core/account/limits.js";
import { signInWaitMs, SIGN_IN_FAILURE_WINDOW_MS } from "../../core/account/sign-in-throttle.js";
import { ConveneError } from "../../core/errors.js";
import type { UseCaseDeps } from "../ports/store.js";
import { newSecretToken } from "./secret-token.js";
import { recordAudit } from "../request-context.js";
import { startSession, type SignInContext } from "./start-session.js";
import { mintTenantId } from "./tenant-scope.js";

const FAILED = "auth.sign_in_failed";
/** More failures than this from one source change nothing: the pause is at its cap by then. */
const SOURCE_FAILURES_READ = 20;

/** Verified against when the email is unknown, so both cases take the same time. */
let dummyHash: Promise<string> | undefined;

export async function signIn(deps: UseCaseDeps, credentials: { email: string; password: string }, ctx: SignInContext) {
  const { ip, nowMs } = ctx;
  const email = normalizeEmail(credentials.email);
  const sinceMs = nowMs - SIGN_IN_FAILURE_WINDOW_MS;
  const [sourceFailuresMs, accountFailures] = await Promise.all([
    deps.store.audit.recentFromIp(FAILED, email, ip, sinceMs, SOURCE_FAILURES_READ),
    deps.store.audit.countSince(FAILED, email, sinceMs),
  ]);
  // Checked before the password, so that a waiting source learns nothing about it.
  const waitMs = signInWaitMs(sourceFailuresMs, accountFailures, nowMs);
  if (waitMs > 0) {
    const retryAfterSeconds = Math.ceil(waitMs / 1000);
    throw new ConveneError("ACCOUNT_LOCKED", `Too many failed sign-ins for this account from here; try again in ${retryAfterSeconds} s.`, {
      details: { retryAfterSeconds },
    });
  }
  const user = await deps.store.users.findByEmailForSignIn(email);
  dummyHash ??= deps.passwords.hash(newSecretToken());
  const isValid = await deps.passwords.verify(user?.passwordHash ?? (await dummyHash), credentials.password);
  if (!user || !user.passwordHash || !isValid) {
    const anonymous = { ...ctx, auth: { tenantId: user ? mintTenantId(user.tenantId) : null, actor: { type: "anonymous" as const, id: null } } };
    await recordAudit(deps.store, anonymous, FAILED, { type: "email", id: email }, { reason: user ? "wrong_password" : "unknown_email" });
    throw new ConveneError("INVALID_CREDENTIALS");
  }
  return deps.store.transaction(async (repos) => {
    const tenantId = mintTenantId(user.tenantId);
    const session = await startSession(repos, tenantId, user, ctx);
    await recordAudit(repos, { ...ctx, auth: { tenantId, actor: { type: "user", id: user.id } } }, "auth.signed_in", { type: "user", id: user.id });
    return { user, ...session };
  });
}
