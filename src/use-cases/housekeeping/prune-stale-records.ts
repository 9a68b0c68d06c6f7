// Removes what is kept only for a while: Idempotency-Key answers once a
// client can no longer be retrying (24 hours, as Stripe and the IETF draft
// suggest), and sign-in sessions past their expiry. Run on a schedule by the
// job runner; safe to run twice or on several nodes at once.
import type { Repositories } from "../ports/store.js";

export const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60_000;

export async function pruneStaleRecords(repos: Pick<Repositories, "idempotency" | "sessions">, nowMs: number): Promise<{ idempotencyKeys: number; sessions: number }> {
  return {
    idempotencyKeys: await repos.idempotency.deleteStoredBefore(nowMs - IDEMPOTENCY_KEY_TTL_MS),
    sessions: await repos.sessions.deleteExpired(nowMs),
  };
}
