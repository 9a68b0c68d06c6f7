// What every use case called for a request knows about it: who (auth), from
// where (ip) and when (nowMs, from the injected clock, never Date.now()). The
// one way to write an audit entry for it.
import type { Actor, TenantId } from "../core/tenancy.js";
import type { AuthContext } from "./auth/authenticate.js";
import type { Repositories } from "./ports/store.js";

export type RequestContext = { auth: AuthContext; ip: string | null; nowMs: number };

/** A public (invitee) request: no account, so no AuthContext; what it may touch comes from the token or link it opens. */
export type PublicRequestContext = { ip: string | null; nowMs: number };

/** Enough to audit: requests before sign-in have an actor and perhaps a tenant, but no AuthContext. */
export type AuditContext = { auth: { tenantId: TenantId | null; actor: Actor }; ip: string | null; nowMs: number };

export async function recordAudit(
  repos: Pick<Repositories, "audit">,
  ctx: AuditContext,
  action: string,
  target?: { type: string; id: string },
  changes?: Record<string, unknown>,
): Promise<void> {
  await repos.audit.record({
    tenantId: ctx.auth.tenantId,
    actor: ctx.auth.actor,
    action,
    ...(target ? { target } : {}),
    ip: ctx.ip,
    ...(changes ? { changes } : {}),
    atMs: ctx.nowMs,
  });
}
