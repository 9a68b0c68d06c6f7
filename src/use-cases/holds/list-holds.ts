// The organisation's live holds (a member's: those on their own time), newest first.
import { ownUserIdOf, reachOf } from "../auth/reach.js";
import type { SlotHoldRecord } from "../ports/holds.js";
import type { UseCaseDeps } from "../ports/store.js";
import type { RequestContext } from "../request-context.js";

/** Holds last minutes, so a page of this many is every live hold of any real organisation. */
export const MAX_LISTED_HOLDS = 200;

export async function listHolds(deps: UseCaseDeps, ctx: RequestContext): Promise<SlotHoldRecord[]> {
  const reach = reachOf(ctx.auth, "bookings.read");
  return deps.store.holds.listLive(ctx.auth.tenantId, ctx.nowMs, { hostUserId: ownUserIdOf(reach), limit: MAX_LISTED_HOLDS });
}
