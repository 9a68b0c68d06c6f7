// A link's one-time links, newest first.
import { reachableLink } from "../links/get-link.js";
import type { OneTimeLinkRecord } from "../ports/links.js";
import type { UseCaseDeps } from "../ports/store.js";
import type { RequestContext } from "../request-context.js";

export async function listOneTimeLinks(deps: UseCaseDeps, ctx: RequestContext, linkId: string): Promise<OneTimeLinkRecord[]> {
  const link = await reachableLink(deps.store, ctx, linkId, "read");
  return deps.store.oneTimeLinks.listForLink(ctx.auth.tenantId, link.id);
}
