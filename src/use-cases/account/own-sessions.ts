// A user's own sign-in sessions: list them (which one is this browser), end
// one, or end all the others. Only one's own: every query is by user.
import { ConveneError } from "../../core/errors.js";
import type { SessionListing } from "../ports/accounts.js";
import type { UseCaseDeps } from "../ports/store.js";
import { recordAudit, type RequestContext } from "../request-context.js";

export async function listOwnSessions(deps: UseCaseDeps, ctx: RequestContext): Promise<(SessionListing & { isCurrent: boolean })[]> {
  const sessions = await deps.store.sessions.listForUser(ctx.auth.tenantId, ctx.auth.userId, ctx.nowMs);
  return sessions.map((session) => ({ ...session, isCurrent: session.id === ctx.auth.sessionId }));
}

export async function endOwnSession(deps: UseCaseDeps, ctx: RequestContext, sessionId: string): Promise<void> {
  const { auth } = ctx;
  await deps.store.transaction(async (repos) => {
    if (!(await repos.sessions.deleteOneForUser(auth.tenantId, auth.userId, sessionId))) throw new ConveneError("NOT_FOUND", "You have no such session.");
    await recordAudit(repos, ctx, "account.session_ended", { type: "session", id: sessionId });
  });
}

export async function endOtherSessions(deps: UseCaseDeps, ctx: RequestContext): Promise<{ sessionsEnded: number }> {
  const { auth } = ctx;
  return deps.store.transaction(async (repos) => {
    const sessionsEnded = await repos.sessions.deleteForUser(auth.tenantId, auth.userId, auth.sessionId);
    await recordAudit(repos, ctx, "account.other_sessions_ended", { type: "user", id: auth.userId }, { sessionsEnded });
    return { sessionsEnded };
  });
}
