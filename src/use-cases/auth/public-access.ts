// Public capabilities: a booking link (handle + slug), a one-time link token, or
// an invitee's manage token. Each resolves to what it grants and the tenant it
// belongs to — the public counterpart of authenticate.ts.
import { oneTimeLinkStatus } from "../../core/booking/one-time-link.js";
import { ConveneError } from "../../core/errors.js";
import type { TenantId } from "../../core/tenancy.js";
import type { UserRecord } from "../ports/accounts.js";
import type { BookingRecord } from "../ports/bookings.js";
import type { LinkRecord, OneTimeLinkRecord } from "../ports/links.js";
import type { UseCaseDeps } from "../ports/store.js";
import { hashToken } from "./secret-token.js";
import { mintTenantId } from "./tenant-scope.js";

export type PublicLinkRef = { handle: string; slug: string } | { token: string };

export type PublicLinkAccess = { tenantId: TenantId; link: LinkRecord; owner: UserRecord; oneTimeLink: OneTimeLinkRecord | null };

const ONE_TIME_REFUSALS = {
  booked: ["LINK_USED", "This one-time link has already been used to book a meeting."],
  expired: ["LINK_EXPIRED", "This one-time link has expired; ask for a new one."],
  revoked: ["LINK_REVOKED", "This one-time link was withdrawn by its owner."],
} as const;

export async function openPublicLink(deps: Pick<UseCaseDeps, "store">, ref: PublicLinkRef, nowMs: number): Promise<PublicLinkAccess> {
  const repos = deps.store;
  let link: LinkRecord | null;
  let oneTimeLink: OneTimeLinkRecord | null = null;
  let tenantId: TenantId;
  if ("token" in ref) {
    oneTimeLink = await repos.oneTimeLinks.findByTokenForBooking(ref.token);
    if (!oneTimeLink) throw new ConveneError("NOT_FOUND", "No such booking link.");
    const status = oneTimeLinkStatus({ bookingId: oneTimeLink.bookingId, revokedAt: oneTimeLink.revokedAt, expiresAtMs: oneTimeLink.expiresAt.getTime() }, nowMs);
    if (status !== "pending") {
      const [code, detail] = ONE_TIME_REFUSALS[status];
      throw new ConveneError(code, detail);
    }
    tenantId = mintTenantId(oneTimeLink.tenantId);
    link = await repos.links.get(tenantId, oneTimeLink.linkId);
    if (!link) throw new ConveneError("NOT_FOUND", "No such booking link.");
  } else {
    link = await repos.links.findPublic(ref.handle, ref.slug);
    // A tenant id only for a link that exists: the link is what vouches for it.
    if (!link) throw new ConveneError("NOT_FOUND", "No such booking link.");
    tenantId = mintTenantId(link.tenantId);
  }
  if (!link.isActive) throw new ConveneError("LINK_INACTIVE", "This booking link is switched off by its owner.");
  const owner = await repos.users.get(tenantId, link.ownerUserId);
  if (!owner) throw new ConveneError("NOT_FOUND", "No such booking link.");
  return { tenantId, link, owner, oneTimeLink };
}

/**
 * The organisation a public link address belongs to, whatever the link's state
 * (used, expired, switched off): what a page of it may show around its message
 * is the organisation's choice. Null for an address that names no link.
 */
export async function publicLinkTenant(deps: Pick<UseCaseDeps, "store">, ref: PublicLinkRef): Promise<TenantId | null> {
  if ("token" in ref) {
    const oneTimeLink = await deps.store.oneTimeLinks.findByTokenForBooking(ref.token);
    return oneTimeLink ? mintTenantId(oneTimeLink.tenantId) : null;
  }
  const link = await deps.store.links.findPublic(ref.handle, ref.slug);
  return link ? mintTenantId(link.tenantId) : null;
}

export type ManagedBooking = { tenantId: TenantId; booking: BookingRecord };

/** The booking a manage link opens, erased or not (erasure itself must answer an erased booking again). */
export async function findManagedBooking(deps: Pick<UseCaseDeps, "store">, manageToken: string): Promise<ManagedBooking> {
  const booking = await deps.store.bookings.findByManageTokenHash(hashToken(manageToken));
  if (!booking) throw new ConveneError("NOT_FOUND", "No such booking.");
  return { tenantId: mintTenantId(booking.tenantId), booking };
}

/** The booking a manage link opens; once the invitee erased their data the link shows, and changes, nothing more. */
export async function openManagedBooking(deps: Pick<UseCaseDeps, "store">, manageToken: string): Promise<ManagedBooking> {
  const managed = await findManagedBooking(deps, manageToken);
  if (managed.booking.erasedAt) throw new ConveneError("BOOKING_ERASED", "The data of this booking was erased at the invitee's request; this link no longer opens it.");
  return managed;
}
