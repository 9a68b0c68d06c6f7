// Opens a signed-in session: a random cookie token (stored hashed) and a CSRF token.
import type { TenantId } from "../../core/tenancy.js";
import type { Repositories, UserRecord } from "../ports.js";
import { hashToken, newSecretToken } from "./secret-token.js";

export const SESSION_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;

export type RequestMeta = { ip: string | null; userAgent: string | null };

export async function startSession(repos: Repositories, tenantId: TenantId, user: UserRecord, meta: RequestMeta, nowMs: number) {
  const sessionToken = newSecretToken();
  const csrfToken = newSecretToken();
  const expiresAtMs = nowMs + SESSION_LIFETIME_MS;
  await repos.sessions.create(tenantId, {
    userId: user.id,
    tokenHash: hashToken(sessionToken),
    csrfToken,
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 500) ?? null,
    expiresAtMs,
  });
  return { sessionToken, csrfToken, expiresAtMs };
}
