// A link's one-time links, newest first.
import { ConveneError } from "../../core/errors.js";
import type { OneTimeLinkRecord } from "../ports/links.js";
import type { UseCaseDeps } from "../ports/store.js";
import type { RequestContext } from "../request-context.js";

export async function listOneTimeLinks(deps: UseCaseDeps, ctx: RequestContext, linkId: string): Promise<OneTimeLinkRecord[]> {
  const link = await deps.store.links.get(ctx.auth.tenantId, linkId);
  if (!link) throw new ConveneError("NOT_FOUND", "No such link.");
  return deps.store.oneTimeLinks.listForLink(ctx.auth.tenantId, link.id);
}
