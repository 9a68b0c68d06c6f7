// Copies a link under a new slug ("intro" → "intro-copy"), keeping every rule.
import type { UseCaseDeps } from "../ports/store.js";
import { recordAudit, type RequestContext } from "../request-context.js";
import { reachableLink, withOwner } from "./get-link.js";
import { freeSlug } from "./link-input.js";

export async function duplicateLink(deps: UseCaseDeps, ctx: RequestContext, linkId: string) {
  const { tenantId } = ctx.auth;
  return deps.store.transaction(async (repos) => {
    const original = await reachableLink(repos, ctx, linkId, "write");
    const { id: _id, tenantId: _tenantId, ownerUserId, createdAt: _createdAt, updatedAt: _updatedAt, ...fields } = original;
    const slug = await freeSlug(repos, tenantId, ownerUserId, "", `${original.slug}-copy`);
    const copy = await repos.links.create(tenantId, ownerUserId, { ...fields, slug, title: `${original.title} (copy)` });
    await recordAudit(repos, ctx, "link.duplicated", { type: "link", id: copy.id }, { from: original.id, slug });
    return withOwner(repos, tenantId, copy);
  });
}
