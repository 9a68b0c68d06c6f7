// Changes a link (PATCH semantics); the audit log keeps the old and new values of what changed.
import { ConveneError } from "../../core/errors.js";
import type { AuthContext } from "../auth/authenticate.js";
import type { LinkFields, UseCaseDeps } from "../ports.js";
import { withOwner } from "./get-link.js";
import { checkLink } from "./link-input.js";

export async function updateLink(
  deps: UseCaseDeps,
  auth: AuthContext,
  linkId: string,
  changes: Partial<LinkFields>,
  meta: { ip: string | null },
  nowMs: number,
) {
  return deps.store.transaction(async (repos) => {
    const before = await repos.links.get(auth.tenantId, linkId);
    if (!before) throw new ConveneError("NOT_FOUND", "No such link.");
    const merged: LinkFields = { ...before, ...changes };
    if (changes.durationsMin && changes.defaultDurationMin === undefined && !changes.durationsMin.includes(before.defaultDurationMin)) {
      merged.defaultDurationMin = changes.durationsMin[0]!;
    }
    await checkLink(repos, auth.tenantId, merged);
    const changed = (Object.keys(changes) as (keyof LinkFields)[]).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(merged[key]));
    const after = await repos.links.update(auth.tenantId, linkId, merged, nowMs);
    if (!after) throw new ConveneError("NOT_FOUND", "No such link.");
    if (changed.length > 0) {
      await repos.audit.record({
        tenantId: auth.tenantId,
        actor: auth.actor,
        action: "link.updated",
        target: { type: "link", id: linkId },
        ip: meta.ip,
        changes: Object.fromEntries(changed.map((key) => [key, { old: before[key], new: merged[key] }])),
        atMs: nowMs,
      });
    }
    return withOwner(repos, auth.tenantId, after);
  });
}
