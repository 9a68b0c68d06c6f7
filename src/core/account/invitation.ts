// Where an invitation stands, decided from its stamps and the clock; what an
// owner may invite someone as.

export type InvitationStatus = "pending" | "expired" | "revoked" | "accepted";

/** Owners are made by promoting a member (PATCH /members/:id), never by an emailed link. */
export const INVITABLE_ROLES = ["admin", "member"] as const;

export function invitationStatus(invitation: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, nowMs: number): InvitationStatus {
  if (invitation.acceptedAt) return "accepted";
  if (invitation.revokedAt) return "revoked";
  return invitation.expiresAt.getTime() <= nowMs ? "expired" : "pending";
}
