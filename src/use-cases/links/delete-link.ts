// Deletes a link softly: its page stops answering, its bookings stay.
import { ConveneError } from "../../core/errors.js";
import type { UseCaseDeps } from "../ports/store.js";
import { reachableLink } from "./get-link.js";
import { recordAudit, type RequestContext } from "../request-context.js";

export async function deleteLink(deps: UseCaseDeps, ctx: RequestContext, linkId: string) {
  await deps.store.transaction(async (repos) => {
    await reachableLink(repos, ctx, linkId, "write");
    const deleted = await repos.links.softDelete(ctx.auth.tenantId, linkId, ctx.nowMs);
    if (!deleted) throw new ConveneError("NOT_FOUND", "No such link.");
    await recordAudit(repos, ctx, "link.deleted", { type: "link", id: linkId }, { slug: deleted.slug, title: deleted.title });
  });
}
