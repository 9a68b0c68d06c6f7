// Revokes a one-time link so its URL stops working. Revoking twice answers the
// revoked link again; a booked link cannot be revoked (cancel its booking instead).
import { assertOneTimeLinkRevocable } from "../../core/booking/one-time-link.js";
import { ConveneError } from "../../core/errors.js";
import { reachOf } from "../auth/reach.js";
import { isLinkInReach } from "../links/get-link.js";
import type { OneTimeLinkRecord } from "../ports/links.js";
import type { UseCaseDeps } from "../ports/store.js";
import { recordAudit, type RequestContext } from "../request-context.js";

export async function revokeOneTimeLink(deps: UseCaseDeps, ctx: RequestContext, token: string): Promise<OneTimeLinkRecord> {
  const { auth } = ctx;
  return deps.store.transaction(async (repos) => {
    // Only through a link the caller may change: another member's one-time link is as unknown as another organisation's.
    const reach = reachOf(auth, "links.write");
    if (reach.scope === "own") {
      const found = await repos.oneTimeLinks.findByToken(auth.tenantId, token);
      const link = found && (await repos.links.get(auth.tenantId, found.linkId));
      if (!link || !isLinkInReach(link, reach, "write")) throw new ConveneError("NOT_FOUND", "No such one-time link.");
    }
    const revoked = await repos.oneTimeLinks.revokeByToken(auth.tenantId, token, ctx.nowMs);
    if (!revoked) {
      // Nothing changed: no such link here, or it was booked or revoked (perhaps a moment ago).
      const current = await repos.oneTimeLinks.findByToken(auth.tenantId, token);
      if (!current) throw new ConveneError("NOT_FOUND", "No such one-time link.");
      assertOneTimeLinkRevocable(current);
      return current;
    }
    await recordAudit(repos, ctx, "one_time_link.revoked", { type: "one_time_link", id: revoked.id }, { linkId: revoked.linkId, recipientEmail: revoked.recipientEmail });
    return revoked;
  });
}
