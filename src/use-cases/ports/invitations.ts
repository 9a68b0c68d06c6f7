// Invitations to join an organisation: an owner invites an address, the person
// accepts through a mailed link and sets their own password. Tokens are kept
// only as their hash; resending replaces the hash, so an older link stops working.
import type { UserRole } from "../../core/account/limits.js";
import type { TenantId } from "../../core/tenancy.js";

export type InvitationRecord = {
  id: string;
  tenantId: string;
  email: string;
  name: string;
  role: UserRole;
  timeZone: string;
  invitedByUserId: string | null;
  expiresAt: Date;
  lastSentAt: Date;
  acceptedAt: Date | null;
  acceptedUserId: string | null;
  revokedAt: Date | null;
  createdAt: Date;
};

export type InvitationFields = Pick<InvitationRecord, "email" | "name" | "role" | "timeZone">;

/** A fresh token for an invitation: its hash and when it stops working. */
export type InvitationToken = { tokenHash: string; expiresAtMs: number };

export interface InvitationRepository {
  /** The caller renews an open invitation instead of creating a second; a race on the open-email index surfaces as INVITATION_PENDING. */
  create(tenantId: TenantId, invitation: InvitationFields & InvitationToken & { invitedByUserId: string; nowMs: number }): Promise<InvitationRecord>;
  /** Open invitations (neither accepted nor revoked), newest first; expired ones included. */
  listOpen(tenantId: TenantId): Promise<InvitationRecord[]>;
  findOpenByEmail(tenantId: TenantId, email: string): Promise<InvitationRecord | null>;
  /** A new token, expiry and (optionally) new fields for an open invitation; null when it is not open. */
  renew(tenantId: TenantId, invitationId: string, token: InvitationToken & { nowMs: number; invitedByUserId: string }, fields?: InvitationFields): Promise<InvitationRecord | null>;
  /** Null when there is no open invitation with this id. */
  revoke(tenantId: TenantId, invitationId: string, nowMs: number): Promise<InvitationRecord | null>;
  /** Unscoped: the mailed token is how the organisation is found. With forUpdate, holds the row until the transaction ends. */
  findByTokenHash(tokenHash: string, options?: { forUpdate: boolean }): Promise<InvitationRecord | null>;
  markAccepted(tenantId: TenantId, invitationId: string, userId: string, nowMs: number): Promise<void>;
}
