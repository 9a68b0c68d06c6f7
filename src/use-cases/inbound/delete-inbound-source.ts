// Removes a source and, with it, the bookings it brought (they cascade with
// the source; their history goes too). A Calendly subscription Convene made is
// deleted first, best effort: a provider that does not answer does not keep
// the owner from removing the source (Calendly then gets 404s and gives up).
import { ConveneError } from "../../core/errors.js";
import type { RequestContext } from "../request-context.js";
import { recordAudit } from "../request-context.js";
import type { InboundDeps } from "./inbound-deps.js";
import { sourceOrNotFound } from "./inbound-source-views.js";

export async function deleteInboundSource(deps: InboundDeps, ctx: RequestContext, sourceId: string): Promise<{ isUnsubscribed: boolean | null }> {
  const { tenantId } = ctx.auth;
  const source = await sourceOrNotFound(deps.store, tenantId, sourceId);
  const adapter = deps.inboundProviders[source.provider];
  let isUnsubscribed: boolean | null = null;
  if (source.providerWebhookRef && source.apiTokenSealed && adapter.unsubscribe) {
    isUnsubscribed = await adapter.unsubscribe(deps.secrets.open(source.apiTokenSealed), source.providerWebhookRef).then(
      () => true,
      () => false,
    );
  }
  await deps.store.transaction(async (repos) => {
    if (!(await repos.inboundSources.delete(tenantId, sourceId))) throw new ConveneError("NOT_FOUND", "No such inbound source.");
    await recordAudit(repos, ctx, "inbound_source.deleted", { type: "inbound_source", id: sourceId }, { provider: source.provider, name: source.name, isUnsubscribed });
  });
  return { isUnsubscribed };
}
