// Sign-out ends the current session only.
import type { UseCaseDeps } from "../ports.js";
import type { AuthContext } from "./authenticate.js";

export async function signOut(deps: UseCaseDeps, auth: AuthContext, meta: { ip: string | null }, nowMs: number): Promise<void> {
  if (auth.sessionId === null) return;
  await deps.store.transaction(async (repos) => {
    await repos.sessions.delete(auth.tenantId, auth.sessionId!);
    await repos.audit.record({
      tenantId: auth.tenantId,
      actor: auth.actor,
      action: "auth.signed_out",
      target: { type: "user", id: auth.userId },
      ip: meta.ip,
      atMs: nowMs,
    });
  });
}
