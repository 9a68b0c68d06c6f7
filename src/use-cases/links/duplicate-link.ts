// Copies a link under a new slug ("intro" → "intro-copy"), keeping every rule.
import { ConveneError } from "../../core/errors.js";
import type { AuthContext } from "../auth/authenticate.js";
import type { UseCaseDeps } from "../ports.js";
import { withOwner } from "./get-link.js";
import { freeSlug } from "./link-input.js";

export async function duplicateLink(deps: UseCaseDeps, auth: AuthContext, linkId: string, meta: { ip: string | null }, nowMs: number) {
  return deps.store.transaction(async (repos) => {
    const original = await repos.links.get(auth.tenantId, linkId);
    if (!original) throw new ConveneError("NOT_FOUND", "No such link.");
    const { id: _id, tenantId: _tenantId, ownerUserId, createdAt: _createdAt, updatedAt: _updatedAt, ...fields } = original;
    const slug = await freeSlug(repos, ownerUserId, "", `${original.slug}-copy`);
    const copy = await repos.links.create(auth.tenantId, ownerUserId, { ...fields, slug, title: `${original.title} (copy)` });
    await repos.audit.record({
      tenantId: auth.tenantId,
      actor: auth.actor,
      action: "link.duplicated",
      target: { type: "link", id: copy.id },
      ip: meta.ip,
      changes: { from: original.id, slug },
      atMs: nowMs,
    });
    return withOwner(repos, auth.tenantId, copy);
  });
}
