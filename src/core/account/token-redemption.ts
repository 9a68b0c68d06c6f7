// Why a mailed account token (reset, email change) cannot be redeemed, so the
// page that opened it can say "already used" or "expired" rather than "invalid".

export type TokenRefusal = "unknown" | "used" | "expired";

/** The reason a token found (or not) by its hash is refused at nowMs; null when it is redeemable. */
export function tokenRefusal(token: { usedAt: Date | null; expiresAt: Date } | null, nowMs: number): TokenRefusal | null {
  if (!token) return "unknown";
  if (token.usedAt) return "used";
  if (token.expiresAt.getTime() <= nowMs) return "expired";
  return null;
}
