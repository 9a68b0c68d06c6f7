// Removes what is kept only for a while: Idempotency-Key answers once a
// client can no longer be retrying (24 hours, as Stripe and the IETF draft
// suggest), sign-in sessions past their expiry, and OAuth consents never
// completed (their state lives ten minutes). Run on a schedule by the
// job runner; safe to run twice or on several nodes at once.
import type { Repositories } from "../ports/store.js";

export const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60_000;

export async function pruneStaleRecords(
  repos: Pick<Repositories, "idempotency" | "sessions" | "oauthStates">,
  nowMs: number,
): Promise<{ idempotencyKeys: number; sessions: number; oauthStates: number }> {
  return {
    idempotencyKeys: await repos.idempotency.deleteStoredBefore(nowMs - IDEMPOTENCY_KEY_TTL_MS),
    sessions: await repos.sessions.deleteExpired(nowMs),
    oauthStates: await repos.oauthStates.deleteExpired(nowMs),
  };
}
