// Removes an endpoint and its log; its pending deliveries find it gone and are skipped.
import { ConveneError } from "../../core/errors.js";
import type { UseCaseDeps } from "../ports/store.js";
import { recordAudit, type RequestContext } from "../request-context.js";

export async function deleteWebhookEndpoint(deps: UseCaseDeps, ctx: RequestContext, id: string): Promise<void> {
  await deps.store.transaction(async (repos) => {
    const endpoint = await repos.webhookEndpoints.get(ctx.auth.tenantId, id);
    if (!endpoint || !(await repos.webhookEndpoints.delete(ctx.auth.tenantId, id))) throw new ConveneError("NOT_FOUND", "No such webhook endpoint in this organisation.");
    await recordAudit(repos, ctx, "webhook_endpoint.deleted", { type: "webhook_endpoint", id }, { url: endpoint.url });
  });
}
