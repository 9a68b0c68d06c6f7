// Single-use tokens mailed to a user (password reset, email change), stored as
// their SHA-256 only. Redeeming is one conditional update, so a link used
// twice at the same moment works once.
import type { AccountTokenPurpose } from "../../core/account/account-tokens.js";
import type { TenantId } from "../../core/tenancy.js";

export type AccountTokenRecord = {
  id: string;
  tenantId: string;
  userId: string;
  purpose: AccountTokenPurpose;
  newEmail: string | null;
  expiresAt: Date;
  usedAt: Date | null;
  createdAt: Date;
};

export interface AccountTokenRepository {
  create(
    tenantId: TenantId,
    token: { userId: string; purpose: AccountTokenPurpose; tokenHash: string; newEmail?: string | null; expiresAtMs: number },
  ): Promise<AccountTokenRecord>;
  /** Unscoped (the token is how a tenant is found): marks a live, unused token used and returns it; null when it is unknown, used or expired. */
  redeem(purpose: AccountTokenPurpose, tokenHash: string, nowMs: number): Promise<AccountTokenRecord | null>;
  /** Unscoped: the token whatever its state, to say why it cannot be redeemed. */
  findByHash(purpose: AccountTokenPurpose, tokenHash: string): Promise<AccountTokenRecord | null>;
  /** The user's newest live, unused token for the purpose (a pending email change), or null. */
  findOpen(tenantId: TenantId, userId: string, purpose: AccountTokenPurpose, nowMs: number): Promise<AccountTokenRecord | null>;
  /** Marks the user's unused tokens for the purpose used (a newer one, or a reset, supersedes them); returns how many. */
  closeOpen(tenantId: TenantId, userId: string, purpose: AccountTokenPurpose, nowMs: number): Promise<number>;
}
