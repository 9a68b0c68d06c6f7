// Sign-out ends the current session only.
import type { UseCaseDeps } from "../ports/store.js";
import { recordAudit, type RequestContext } from "../request-context.js";

export async function signOut(deps: UseCaseDeps, ctx: RequestContext): Promise<void> {
  const { auth } = ctx;
  if (auth.sessionId === null) return;
  await deps.store.transaction(async (repos) => {
    await repos.sessions.delete(auth.tenantId, auth.sessionId!);
    await recordAudit(repos, ctx, "auth.signed_out", { type: "user", id: auth.userId });
  });
}
