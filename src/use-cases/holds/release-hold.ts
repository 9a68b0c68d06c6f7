// Frees a held time before it expires: the invitee went back or picked
// another time (by token, through the link it was taken on), or the owner
// side lets it go (by id, within reach: NOT_FOUND otherwise, like any id).
// Releasing a hold that no longer holds anything answers HOLD_NOT_FOUND.
import { ConveneError } from "../../core/errors.js";
import { openPublicLink, type PublicLinkRef } from "../auth/public-access.js";
import { reachOf } from "../auth/reach.js";
import { hashToken } from "../auth/secret-token.js";
import type { UseCaseDeps } from "../ports/store.js";
import { recordAudit, type PublicRequestContext, type RequestContext } from "../request-context.js";

const gone = () => new ConveneError("HOLD_NOT_FOUND", "No such hold, or it no longer holds a time.");

export async function releaseLinkHold(deps: UseCaseDeps, ref: PublicLinkRef, holdToken: string, ctx: PublicRequestContext): Promise<void> {
  const access = await openPublicLink(deps, ref, ctx.nowMs);
  await deps.store.transaction(async (repos) => {
    const hold = await repos.holds.findByTokenHashForUpdate(access.tenantId, hashToken(holdToken));
    // A token works only through the link it was taken on.
    if (!hold || hold.linkId !== access.link.id || hold.oneTimeLinkId !== (access.oneTimeLink?.id ?? null)) throw gone();
    if (!(await repos.holds.release(access.tenantId, hold.id, ctx.nowMs))) throw gone();
  });
}

export async function releaseHold(deps: UseCaseDeps, ctx: RequestContext, holdId: string): Promise<void> {
  const reach = reachOf(ctx.auth, "bookings.write");
  await deps.store.transaction(async (repos) => {
    const hold = await repos.holds.get(ctx.auth.tenantId, holdId);
    // A member reaches the holds on their own time; others' (and other organisations') are answered as missing, like any id.
    if (!hold || (reach.scope === "own" && !hold.hostUserIds.includes(reach.userId))) throw new ConveneError("NOT_FOUND", "No such hold.");
    if (!(await repos.holds.release(ctx.auth.tenantId, hold.id, ctx.nowMs))) throw gone();
    await recordAudit(repos, ctx, "hold.released", { type: "hold", id: hold.id });
  });
}
