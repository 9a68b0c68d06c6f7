// Turns a session cookie or an API key into an AuthContext: the only way a
// request gets a TenantId.
import type { UserRole } from "../../core/account/limits.js";
import { scopeOf, type Permission, type Scope } from "../../core/account/permissions.js";
import { ConveneError } from "../../core/errors.js";
import type { Actor, TenantId } from "../../core/tenancy.js";
import type { UseCaseDeps } from "../ports/store.js";
import { hashToken } from "./secret-token.js";
import { mintTenantId } from "./tenant-scope.js";

export type AuthContext = {
  tenantId: TenantId;
  userId: string;
  /** The user's role now (read with the session or key on every request). */
  role: UserRole;
  actor: Actor;
  /** Set for cookie sessions (which need CSRF checks); null for API keys. */
  sessionId: string | null;
  csrfToken: string | null;
};

export const API_KEY_PREFIX = "cv_";

export async function authenticateSession(deps: UseCaseDeps, sessionToken: string, nowMs: number): Promise<AuthContext | null> {
  const session = await deps.store.sessions.findLiveByTokenHash(hashToken(sessionToken), nowMs);
  if (!session) return null;
  return {
    tenantId: mintTenantId(session.tenantId),
    userId: session.userId,
    role: session.role,
    actor: { type: "user", id: session.userId },
    sessionId: session.id,
    csrfToken: session.csrfToken,
  };
}

export async function authenticateApiKey(deps: UseCaseDeps, apiKey: string, nowMs: number): Promise<AuthContext | null> {
  if (!apiKey.startsWith(API_KEY_PREFIX)) return null;
  const key = await deps.store.apiKeys.findLiveByHash(hashToken(apiKey));
  if (!key) return null;
  const tenantId = mintTenantId(key.tenantId);
  // Coarse last-used stamp: at most one write a minute per key keeps hot keys cheap.
  if (!key.lastUsedAt || nowMs - key.lastUsedAt.getTime() > 60_000) {
    await deps.store.apiKeys.markUsed(tenantId, key.id, nowMs);
  }
  return { tenantId, userId: key.userId, role: key.role, actor: { type: "api_key", id: key.id }, sessionId: null, csrfToken: null };
}

/**
 * What the caller may reach with this permission ("all" or "own"); a role
 * without it is refused with 403. The auth gate calls it for every route's
 * declared permission; use cases call it to narrow "own" to the caller's things.
 */
export function requireScope(auth: Pick<AuthContext, "role">, permission: Permission): Exclude<Scope, null> {
  const scope = scopeOf(auth.role, permission);
  if (scope === null) throw new ConveneError("FORBIDDEN", `Your role (${auth.role}) does not allow this (${permission}).`, { details: { permission, role: auth.role } });
  return scope;
}
