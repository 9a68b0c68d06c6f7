// Sign-up: a new organisation, its owner, and a signed-in session, in one transaction.
import type { UseCaseDeps } from "../ports.js";
import { createAccount, type NewAccount } from "./create-account.js";
import { startSession, type RequestMeta } from "./start-session.js";

export async function signUp(deps: UseCaseDeps, account: NewAccount, meta: RequestMeta, nowMs: number) {
  return deps.store.transaction(async (repos) => {
    const { tenantId, user } = await createAccount(repos, deps.passwords, account, { ip: meta.ip, nowMs, via: "signup" });
    const session = await startSession(repos, tenantId, user, meta, nowMs);
    return { user, ...session };
  });
}
