// Reading the organisation's links, each with its owner (whose handle is in the link's URLs).
import { ConveneError } from "../../core/errors.js";
import type { TenantId } from "../../core/tenancy.js";
import type { UserRecord } from "../ports/accounts.js";
import type { LinkRecord } from "../ports/links.js";
import type { Repositories, UseCaseDeps } from "../ports/store.js";
import type { RequestContext } from "../request-context.js";

export type OwnedLink = { link: LinkRecord; owner: UserRecord };

/** The link with its owner; a link whose owner is gone is answered as no link at all. */
export async function withOwner(repos: Pick<Repositories, "users">, tenantId: TenantId, link: LinkRecord): Promise<OwnedLink> {
  const owner = await repos.users.get(tenantId, link.ownerUserId);
  if (!owner) throw new ConveneError("NOT_FOUND", "No such link.");
  return { link, owner };
}

export async function getLink(deps: UseCaseDeps, ctx: RequestContext, linkId: string): Promise<OwnedLink> {
  const link = await deps.store.links.get(ctx.auth.tenantId, linkId);
  if (!link) throw new ConveneError("NOT_FOUND", "No such link.");
  return withOwner(deps.store, ctx.auth.tenantId, link);
}

export async function listLinks(deps: UseCaseDeps, ctx: RequestContext): Promise<OwnedLink[]> {
  const [links, users] = await Promise.all([deps.store.links.list(ctx.auth.tenantId), deps.store.users.list(ctx.auth.tenantId)]);
  const userById = new Map(users.map((user) => [user.id, user]));
  return links.map((link) => ({ link, owner: userById.get(link.ownerUserId)! }));
}
