// Revokes a one-time link so its URL stops working. Revoking twice answers the
// revoked link again; a booked link cannot be revoked (cancel its booking instead).
import { assertOneTimeLinkRevocable } from "../../core/booking/one-time-link.js";
import { ConveneError } from "../../core/errors.js";
import type { AuthContext } from "../auth/authenticate.js";
import type { OneTimeLinkRecord, UseCaseDeps } from "../ports.js";

export async function revokeOneTimeLink(deps: UseCaseDeps, auth: AuthContext, token: string, meta: { ip: string | null }, nowMs: number): Promise<OneTimeLinkRecord> {
  return deps.store.transaction(async (repos) => {
    const revoked = await repos.oneTimeLinks.revokeByToken(auth.tenantId, token, nowMs);
    if (!revoked) {
      // Nothing changed: no such link here, or it was booked or revoked (perhaps a moment ago).
      const current = await repos.oneTimeLinks.findByToken(auth.tenantId, token);
      if (!current) throw new ConveneError("NOT_FOUND", "No such one-time link.");
      assertOneTimeLinkRevocable(current);
      return current;
    }
    await repos.audit.record({
      tenantId: auth.tenantId,
      actor: auth.actor,
      action: "one_time_link.revoked",
      target: { type: "one_time_link", id: revoked.id },
      ip: meta.ip,
      changes: { linkId: revoked.linkId, recipientEmail: revoked.recipientEmail },
      atMs: nowMs,
    });
    return revoked;
  });
}
