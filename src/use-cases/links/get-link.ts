// Reading the organisation's links, each with its owner (whose handle is in the link's URLs).
import { ConveneError } from "../../core/errors.js";
import type { TenantId } from "../../core/tenancy.js";
import type { UserRecord } from "../ports/accounts.js";
import type { LinkRecord } from "../ports/links.js";
import type { Repositories, UseCaseDeps } from "../ports/store.js";
import type { RequestContext } from "../request-context.js";
import { ownUserIdOf, reachOf, type Reach } from "../auth/reach.js";

export type OwnedLink = { link: LinkRecord; owner: UserRecord };

/** The link with its owner; a link whose owner is gone is answered as no link at all. */
export async function withOwner(repos: Pick<Repositories, "users">, tenantId: TenantId, link: LinkRecord): Promise<OwnedLink> {
  const owner = await repos.users.get(tenantId, link.ownerUserId);
  if (!owner) throw new ConveneError("NOT_FOUND", "No such link.");
  return { link, owner };
}

/**
 * A member reads the links they own or host (a team link they are a host of:
 * its bookings are theirs too), and changes only the links they own; changing
 * a team link is for its owner, an admin or the organisation's owner.
 */
export function isLinkInReach(link: LinkRecord, reach: Reach, access: "read" | "write"): boolean {
  if (reach.scope === "all" || link.ownerUserId === reach.userId) return true;
  return access === "read" && link.hostUserIds.includes(reach.userId);
}

/** The live link if the caller may read (links.read) or change (links.write) it; NOT_FOUND otherwise, as for another organisation's. */
export async function reachableLink(repos: Pick<Repositories, "links">, ctx: RequestContext, linkId: string, access: "read" | "write"): Promise<LinkRecord> {
  const link = await repos.links.get(ctx.auth.tenantId, linkId);
  if (!link || !isLinkInReach(link, reachOf(ctx.auth, access === "read" ? "links.read" : "links.write"), access)) throw new ConveneError("NOT_FOUND", "No such link.");
  return link;
}

export async function getLink(deps: UseCaseDeps, ctx: RequestContext, linkId: string): Promise<OwnedLink> {
  return withOwner(deps.store, ctx.auth.tenantId, await reachableLink(deps.store, ctx, linkId, "read"));
}

export async function listLinks(deps: UseCaseDeps, ctx: RequestContext): Promise<OwnedLink[]> {
  const filter = { ownedOrHostedBy: ownUserIdOf(reachOf(ctx.auth, "links.read")) };
  const [links, users] = await Promise.all([deps.store.links.list(ctx.auth.tenantId, filter), deps.store.users.list(ctx.auth.tenantId)]);
  const userById = new Map(users.map((user) => [user.id, user]));
  return links.map((link) => ({ link, owner: userById.get(link.ownerUserId)! }));
}
