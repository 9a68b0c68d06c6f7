// Deletes a link softly: its page stops answering, its bookings stay.
import { ConveneError } from "../../core/errors.js";
import type { AuthContext } from "../auth/authenticate.js";
import type { UseCaseDeps } from "../ports.js";

export async function deleteLink(deps: UseCaseDeps, auth: AuthContext, linkId: string, meta: { ip: string | null }, nowMs: number) {
  await deps.store.transaction(async (repos) => {
    const deleted = await repos.links.softDelete(auth.tenantId, linkId, nowMs);
    if (!deleted) throw new ConveneError("NOT_FOUND", "No such link.");
    await repos.audit.record({
      tenantId: auth.tenantId,
      actor: auth.actor,
      action: "link.deleted",
      target: { type: "link", id: linkId },
      ip: meta.ip,
      changes: { slug: deleted.slug, title: deleted.title },
      atMs: nowMs,
    });
  });
}
