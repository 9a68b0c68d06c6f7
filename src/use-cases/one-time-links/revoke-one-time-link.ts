// Revokes a one-time link so its URL stops working. Revoking twice answers the
// revoked link again; a booked link cannot be revoked (cancel its booking instead).
import { assertOneTimeLinkRevocable } from "../../core/booking/one-time-link.js";
import { ConveneError } from "../../core/errors.js";
import type { OneTimeLinkRecord } from "../ports/links.js";
import type { UseCaseDeps } from "../ports/store.js";
import { recordAudit, type RequestContext } from "../request-context.js";

export async function revokeOneTimeLink(deps: UseCaseDeps, ctx: RequestContext, token: string): Promise<OneTimeLinkRecord> {
  const { auth } = ctx;
  return deps.store.transaction(async (repos) => {
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
