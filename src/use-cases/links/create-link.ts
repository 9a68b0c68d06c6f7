// Creates a booking link owned by the caller.
import { ConveneError } from "../../core/errors.js";
import type { AuthContext } from "../auth/authenticate.js";
import type { UseCaseDeps } from "../ports.js";
import { withOwner } from "./get-link.js";
import { checkLink, freeSlug, withDefaults, type LinkInput } from "./link-input.js";

export async function createLink(deps: UseCaseDeps, auth: AuthContext, input: LinkInput, meta: { ip: string | null }, nowMs: number) {
  return deps.store.transaction(async (repos) => {
    const owner = await repos.users.get(auth.tenantId, auth.userId);
    if (!owner) throw new ConveneError("UNAUTHENTICATED");
    const fields = withDefaults(input, owner);
    await checkLink(repos, auth.tenantId, fields);
    fields.slug = await freeSlug(repos, owner.id, fields.slug, fields.title);
    const link = await repos.links.create(auth.tenantId, owner.id, fields);
    await repos.audit.record({
      tenantId: auth.tenantId,
      actor: auth.actor,
      action: "link.created",
      target: { type: "link", id: link.id },
      ip: meta.ip,
      changes: { ...fields },
      atMs: nowMs,
    });
    return withOwner(repos, auth.tenantId, link);
  });
}
