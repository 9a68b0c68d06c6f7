// OAuth 2.0 clients of the calendar providers reached by consent (Google,
// Microsoft): the authorization URL (with PKCE), the code exchange, refresh,
// and who the account is. Only providers whose client id and secret are
// configured are offered.
import type { OAuthProviderKind } from "../../core/calendars/connections.js";
import type { OAuthTokens } from "./calendars.js";

export type { OAuthProviderKind, OAuthTokens };

/** The account a grant belongs to. */
export type OAuthAccount = { accountId: string; email: string; name: string | null };

export interface OAuthClient {
  readonly kind: OAuthProviderKind;
  /** The least scopes connecting a calendar needs (listed in the README). */
  readonly scopes: readonly string[];
  /** The provider's consent page for this request. */
  authorizationUrl(input: { state: string; codeChallenge: string; redirectUri: string; scopes: readonly string[]; loginHint?: string | undefined }): string;
  /** Exchanges an authorization code (CalendarFailure "auth" when the provider refuses it). */
  exchangeCode(input: { code: string; codeVerifier: string; redirectUri: string }, nowMs: number): Promise<OAuthTokens>;
  /**
   * A fresh access token; keeps the old refresh token when the provider sends
   * none, stores the rotated one when it does (Microsoft rotates every time).
   * invalid_grant (revoked, expired, password changed) throws CalendarFailure "auth".
   */
  refresh(tokens: OAuthTokens, nowMs: number): Promise<OAuthTokens>;
  /** Who granted access (Google: the primary calendar's id is the account's email; Microsoft: /me). */
  account(accessToken: string): Promise<OAuthAccount>;
}

/** The configured OAuth clients by provider; a provider without a client id and secret is absent. */
export type OAuthClients = Partial<Record<OAuthProviderKind, OAuthClient>>;
