// The sweep: marks holds past their expiry released and frees their rows, in
// batches. Readers already ignore an expired hold (by its expires_at) and
// every booking frees its hosts' expired holds under their locks first, so
// this only keeps dead rows from piling up under the exclusion constraint.
// Safe on several nodes at once (SKIP LOCKED).
import type { Repositories } from "../ports/store.js";

const BATCH = 500;

export async function releaseExpiredHolds(repos: Pick<Repositories, "holds">, nowMs: number): Promise<number> {
  let total = 0;
  for (;;) {
    const released = await repos.holds.releaseExpired(nowMs, BATCH);
    total += released;
    if (released < BATCH) return total;
  }
}
