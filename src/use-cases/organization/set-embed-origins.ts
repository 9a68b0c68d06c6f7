// Replaces the organisation's allow-list of embedding sites (owners and admins, by
// route permission). Every entry is checked and normalised in core first, so the
// CSP header built from it can never carry anything but origins.
import { normalizeEmbedOrigins } from "../../core/embedding/embed-origins.js";
import type { UseCaseDeps } from "../ports/store.js";
import { recordAudit, type RequestContext } from "../request-context.js";

export async function setEmbedOrigins(deps: UseCaseDeps, ctx: RequestContext, inputs: readonly string[]): Promise<string[]> {
  const origins = normalizeEmbedOrigins(inputs);
  const { tenantId } = ctx.auth;
  return deps.store.transaction(async (repos) => {
    const before = await repos.embedOrigins.get(tenantId);
    await repos.embedOrigins.set(tenantId, origins);
    await recordAudit(repos, ctx, "organization.embed_origins_updated", { type: "organization", id: tenantId }, { embedOrigins: { from: before, to: origins } });
    return origins;
  });
}
