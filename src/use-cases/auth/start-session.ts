// Opens a signed-in session: a random cookie token (stored hashed) and a CSRF token.
import type { TenantId } from "../../core/tenancy.js";
import type { UserRecord } from "../ports/accounts.js";
import type { Repositories } from "../ports/store.js";
import type { PublicRequestContext } from "../request-context.js";
import { hashToken, newSecretToken } from "./secret-token.js";

export const SESSION_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;

/** A request that signs someone in: where from, with what client, when. */
export type SignInContext = PublicRequestContext & { userAgent: string | null };

export async function startSession(repos: Repositories, tenantId: TenantId, user: UserRecord, ctx: SignInContext) {
  const sessionToken = newSecretToken();
  const csrfToken = newSecretToken();
  const expiresAtMs = ctx.nowMs + SESSION_LIFETIME_MS;
  await repos.sessions.create(tenantId, {
    userId: user.id,
    tokenHash: hashToken(sessionToken),
    csrfToken,
    ip: ctx.ip,
    userAgent: ctx.userAgent?.slice(0, 500) ?? null,
    expiresAtMs,
  });
  return { sessionToken, csrfToken, expiresAtMs };
}
