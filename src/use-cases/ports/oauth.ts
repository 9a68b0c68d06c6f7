// OAuth 2.0 clients of the calendar providers reached by consent (Google,
// Microsoft): the authorization URL (with PKCE), the code exchange, refresh,
// and who the account is. Only providers whose client id and secret are
// configured are offered. Also the pending consents (`state`) between the
// redirect to the provider and its callback.
import type { OAuthProviderKind } from "../../core/calendars/connections.js";
import type { TenantId } from "../../core/tenancy.js";
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

/** What a consent was asked for: reconnecting an existing connection, extra scopes. */
export type OAuthPurpose = { reconnectConnectionId?: string; createContacts?: boolean };

/** A consent in flight: found by the SHA-256 of its `state`, bound to the session that asked. */
export type OAuthStateRecord = {
  stateHash: string;
  tenantId: string;
  userId: string;
  sessionId: string;
  provider: OAuthProviderKind;
  /** The PKCE code verifier, sealed. */
  codeVerifierSealed: string;
  purpose: OAuthPurpose;
  expiresAtMs: number;
};

export interface OAuthStateRepository {
  create(tenantId: TenantId, state: Omit<OAuthStateRecord, "tenantId">, nowMs: number): Promise<void>;
  /**
   * Deletes and returns the state in one statement, only if it belongs to this
   * session and has not expired: a state is used once, so a replay finds nothing.
   * A state presented by another session is left for its own.
   */
  consume(stateHash: string, sessionId: string, nowMs: number): Promise<OAuthStateRecord | null>;
  /** Unscoped, for housekeeping: consents never completed. */
  deleteExpired(nowMs: number): Promise<number>;
}
