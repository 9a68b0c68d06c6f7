// Sign-up: a new organisation, its owner, and a signed-in session, in one transaction.
import type { UseCaseDeps } from "../ports/store.js";
import { createAccount, type NewAccount } from "./create-account.js";
import { startSession, type SignInContext } from "./start-session.js";

export async function signUp(deps: UseCaseDeps, account: NewAccount, ctx: SignInContext) {
  return deps.store.transaction(async (repos) => {
    const { tenantId, user } = await createAccount(repos, deps.passwords, account, { ip: ctx.ip, nowMs: ctx.nowMs, via: "signup" });
    const session = await startSession(repos, tenantId, user, ctx);
    return { user, ...session };
  });
}
