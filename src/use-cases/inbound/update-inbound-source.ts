// Renames a source or replaces its API token (null removes it: no more backfill).
import type { InboundSourceRecord } from "../ports/inbound-sources.js";
import type { UseCaseDeps } from "../ports/store.js";
import { recordAudit, type RequestContext } from "../request-context.js";
import { sourceOrNotFound } from "./inbound-source-views.js";

export async function updateInboundSource(deps: UseCaseDeps, ctx: RequestContext, sourceId: string, input: { name?: string | undefined; apiToken?: string | null | undefined }): Promise<InboundSourceRecord> {
  const { tenantId } = ctx.auth;
  return deps.store.transaction(async (repos) => {
    await sourceOrNotFound(repos, tenantId, sourceId);
    const updated = await repos.inboundSources.update(tenantId, sourceId, {
      ...(input.name === undefined ? {} : { name: input.name }),
      ...(input.apiToken === undefined ? {} : { apiTokenSealed: input.apiToken === null ? null : deps.secrets.seal(input.apiToken), unreachableSince: null, lastError: null }),
    });
    await recordAudit(repos, ctx, "inbound_source.updated", { type: "inbound_source", id: sourceId }, { ...(input.name === undefined ? {} : { name: input.name }), ...(input.apiToken === undefined ? {} : { apiToken: input.apiToken === null ? "removed" : "replaced" }) });
    return updated!;
  });
}
