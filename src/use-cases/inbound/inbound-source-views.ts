// What the owner sees of inbound sources: the list, and one source with its
// recent deliveries (refused ones with their reason). Secrets never leave.
import { ConveneError } from "../../core/errors.js";
import type { TenantId } from "../../core/tenancy.js";
import type { InboundDeliveryRecord, InboundSourceRecord } from "../ports/inbound-sources.js";
import type { Repositories, UseCaseDeps } from "../ports/store.js";
import type { RequestContext } from "../request-context.js";

export const RECENT_DELIVERIES = 50;

export async function sourceOrNotFound(repos: Pick<Repositories, "inboundSources">, tenantId: TenantId, sourceId: string): Promise<InboundSourceRecord> {
  const source = await repos.inboundSources.get(tenantId, sourceId);
  if (!source) throw new ConveneError("NOT_FOUND", "No such inbound source.");
  return source;
}

export function listInboundSources(deps: UseCaseDeps, ctx: RequestContext): Promise<InboundSourceRecord[]> {
  return deps.store.inboundSources.list(ctx.auth.tenantId);
}

export async function describeInboundSource(deps: UseCaseDeps, ctx: RequestContext, sourceId: string): Promise<{ source: InboundSourceRecord; deliveries: InboundDeliveryRecord[] }> {
  const source = await sourceOrNotFound(deps.store, ctx.auth.tenantId, sourceId);
  return { source, deliveries: await deps.store.inboundSources.recentDeliveries(ctx.auth.tenantId, source.id, RECENT_DELIVERIES) };
}
