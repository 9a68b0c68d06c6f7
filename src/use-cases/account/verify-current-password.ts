// A signed-in user proves they are at the keyboard before changing their
// password or email. Wrong guesses are audited and slowed down exactly like
// sign-in (core/account/sign-in-throttle.ts), per user and source: a stolen
// session must not become a password-guessing oracle.
import { signInWaitMs, SIGN_IN_FAILURE_WINDOW_MS } from "../../core/account/sign-in-throttle.js";
import { ConveneError } from "../../core/errors.js";
import type { UserRecord } from "../ports/accounts.js";
import type { UseCaseDeps } from "../ports/store.js";
import { recordAudit, type RequestContext } from "../request-context.js";

const FAILED = "account.current_password_failed";
/** More failures than this from one source change nothing: the pause is at its cap by then. */
const SOURCE_FAILURES_READ = 20;

export async function verifyCurrentPassword(deps: UseCaseDeps, ctx: RequestContext, password: string): Promise<UserRecord> {
  const { auth, nowMs } = ctx;
  const sinceMs = nowMs - SIGN_IN_FAILURE_WINDOW_MS;
  const [sourceFailuresMs, userFailures] = await Promise.all([
    deps.store.audit.recentFromIp(FAILED, auth.userId, ctx.ip, sinceMs, SOURCE_FAILURES_READ),
    deps.store.audit.countSince(FAILED, auth.userId, sinceMs),
  ]);
  const waitMs = signInWaitMs(sourceFailuresMs, userFailures, nowMs);
  if (waitMs > 0) {
    const retryAfterSeconds = Math.ceil(waitMs / 1000);
    throw new ConveneError("ACCOUNT_LOCKED", `Too many wrong passwords; try again in ${retryAfterSeconds} s.`, { details: { retryAfterSeconds } });
  }
  const user = await deps.store.users.get(auth.tenantId, auth.userId);
  if (!user) throw new ConveneError("UNAUTHENTICATED");
  if (!user.passwordHash || !(await deps.passwords.verify(user.passwordHash, password))) {
    await recordAudit(deps.store, ctx, FAILED, { type: "user", id: auth.userId });
    throw new ConveneError("CURRENT_PASSWORD_WRONG", "Your current password is not right.", { details: { errors: [{ path: "body.currentPassword", message: "not your current password" }] } });
  }
  return user;
}
