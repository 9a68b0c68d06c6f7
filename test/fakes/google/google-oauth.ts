// The OAuth 2.0 half of the Google fake: the authorization endpoint (auto-consent),
// the token endpoint (authorization_code with PKCE, refresh_token) and bearer-token
// checks for the Calendar API, per "Using OAuth 2.0 for Web Server Applications".
// Limits: one registered client; a refresh token is issued on every offline
// consent (Google issues it only on the first one unless prompt=consent).
import { createHash, randomBytes } from "node:crypto";
import { GoogleApiError, OAuthError } from "./google-errors.js";

export interface RegisteredClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

interface Grant {
  email: string;
  scopes: string[];
  isRevoked: boolean;
}

interface PendingCode {
  grant: Grant;
  redirectUri: string;
  challenge?: { value: string; method: "S256" | "plain" };
  isOffline: boolean;
  isUsed: boolean;
  expiresAtMs: number;
}

interface AccessToken {
  grant: Grant;
  expiresAtMs: number;
}

export const CALENDAR_SCOPE = "https://www.googleapis.com/auth/calendar";
const KNOWN_SCOPES = new Set([
  "openid", "email", "profile",
  "https://www.googleapis.com/auth/userinfo.email",
  "https://www.googleapis.com/auth/userinfo.profile",
  CALENDAR_SCOPE,
  `${CALENDAR_SCOPE}.readonly`,
  `${CALENDAR_SCOPE}.events`,
  `${CALENDAR_SCOPE}.events.readonly`,
  `${CALENDAR_SCOPE}.calendarlist`,
  `${CALENDAR_SCOPE}.calendarlist.readonly`,
  // People API (contacts), https://developers.google.com/people/api/rest/v1/people/searchContacts#authorization-scopes
  "https://www.googleapis.com/auth/contacts",
  "https://www.googleapis.com/auth/contacts.readonly",
  "https://www.googleapis.com/auth/contacts.other.readonly",
]);
const ACCESS_TOKEN_SECONDS = 3599;
const CODE_SECONDS = 600;
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

const opaque = (prefix: string) => `${prefix}${randomBytes(24).toString("base64url")}`;

export class FakeOAuthServer {
  private readonly codes = new Map<string, PendingCode>();
  private readonly refreshTokens = new Map<string, Grant>();
  private readonly accessTokens = new Map<string, AccessToken>();
  /** The signed-in Google user who consents at the authorization endpoint; undefined denies consent. */
  consentingUser: string | undefined;

  constructor(
    private readonly client: RegisteredClient,
    private readonly nowMs: () => number,
    private readonly isKnownUser: (email: string) => boolean,
  ) {}

  /** Answers GET /o/oauth2/v2/auth with the redirect URL; errors Google shows as a page are thrown. */
  authorize(query: URLSearchParams): string {
    const clientId = query.get("client_id");
    if (clientId !== this.client.clientId) throw new OAuthError(401, "invalid_client", "The OAuth client was not found.");
    const redirectUri = query.get("redirect_uri") ?? "";
    if (!this.client.redirectUris.includes(redirectUri)) {
      throw new OAuthError(400, "redirect_uri_mismatch", `redirect_uri ${redirectUri || "(missing)"} is not registered for this client.`);
    }
    if (query.get("response_type") !== "code") throw new OAuthError(400, "unsupported_response_type", "response_type must be code for web server apps.");
    const scopes = (query.get("scope") ?? "").split(" ").filter(Boolean);
    if (scopes.length === 0) throw new OAuthError(400, "invalid_request", "Missing required parameter: scope");
    const unknown = scopes.find((scope) => !KNOWN_SCOPES.has(scope));
    if (unknown) throw new OAuthError(400, "invalid_scope", `Some requested scopes were invalid: ${unknown}`);
    const accessType = query.get("access_type") ?? "online";
    if (accessType !== "online" && accessType !== "offline") throw new OAuthError(400, "invalid_request", `Invalid access_type: ${accessType}`);
    const challengeValue = query.get("code_challenge");
    const method = query.get("code_challenge_method") ?? (challengeValue ? "plain" : null);
    if (method !== null && method !== "S256" && method !== "plain") throw new OAuthError(400, "invalid_request", "Invalid code_challenge_method.");
    if (method !== null && !challengeValue) throw new OAuthError(400, "invalid_request", "Missing code_challenge.");

    const target = new URL(redirectUri);
    const state = query.get("state");
    if (state !== null) target.searchParams.set("state", state);
    const email = this.consentingUser;
    if (email === undefined || !this.isKnownUser(email)) {
      target.searchParams.set("error", "access_denied");
      return target.toString();
    }
    const code = opaque("4/0A");
    this.codes.set(code, {
      grant: { email, scopes, isRevoked: false },
      redirectUri,
      ...(challengeValue && method ? { challenge: { value: challengeValue, method } } : {}),
      isOffline: accessType === "offline",
      isUsed: false,
      expiresAtMs: this.nowMs() + CODE_SECONDS * 1000,
    });
    target.searchParams.set("code", code);
    target.searchParams.set("scope", scopes.join(" "));
    return target.toString();
  }

  /** Answers POST /token (form already parsed; Basic credentials passed if sent). */
  token(form: URLSearchParams, basic: { id: string; secret: string } | undefined): Record<string, unknown> {
    const id = basic?.id ?? form.get("client_id");
    const secret = basic?.secret ?? form.get("client_secret");
    if (id !== this.client.clientId || secret !== this.client.clientSecret) throw new OAuthError(401, "invalid_client", "Unauthorized");
    const grantType = form.get("grant_type");
    if (grantType === "authorization_code") return this.exchangeCode(form);
    if (grantType === "refresh_token") return this.refresh(form);
    if (grantType === null) throw new OAuthError(400, "invalid_request", "Missing required parameter: grant_type");
    throw new OAuthError(400, "unsupported_grant_type", `Invalid grant_type: ${grantType}`);
  }

  private exchangeCode(form: URLSearchParams): Record<string, unknown> {
    const code = form.get("code");
    if (!code) throw new OAuthError(400, "invalid_request", "Missing required parameter: code");
    const pending = this.codes.get(code);
    if (!pending || pending.isUsed || pending.expiresAtMs <= this.nowMs()) throw new OAuthError(400, "invalid_grant", "Malformed auth code.");
    if (form.get("redirect_uri") !== pending.redirectUri) throw new OAuthError(400, "redirect_uri_mismatch", "Bad Request");
    if (pending.challenge) {
      const verifier = form.get("code_verifier");
      if (!verifier) throw new OAuthError(400, "invalid_grant", "Missing code verifier.");
      const derived = pending.challenge.method === "S256" ? createHash("sha256").update(verifier).digest("base64url") : verifier;
      if (!VERIFIER.test(verifier) || derived !== pending.challenge.value) throw new OAuthError(400, "invalid_grant", "Invalid code verifier.");
    }
    // A code is single-use whether or not the exchange succeeded past this point.
    pending.isUsed = true;
    const body: Record<string, unknown> = this.mintAccessToken(pending.grant);
    if (pending.isOffline) {
      const refreshToken = opaque("1//0g");
      this.refreshTokens.set(refreshToken, pending.grant);
      body.refresh_token = refreshToken;
    }
    return body;
  }

  private refresh(form: URLSearchParams): Record<string, unknown> {
    const token = form.get("refresh_token");
    if (!token) throw new OAuthError(400, "invalid_request", "Missing required parameter: refresh_token");
    const grant = this.refreshTokens.get(token);
    if (!grant || grant.isRevoked) throw new OAuthError(400, "invalid_grant", "Token has been expired or revoked.");
    return this.mintAccessToken(grant);
  }

  private mintAccessToken(grant: Grant): Record<string, unknown> {
    const accessToken = opaque("ya29.");
    this.accessTokens.set(accessToken, { grant, expiresAtMs: this.nowMs() + ACCESS_TOKEN_SECONDS * 1000 });
    return { access_token: accessToken, expires_in: ACCESS_TOKEN_SECONDS, scope: grant.scopes.join(" "), token_type: "Bearer" };
  }

  /** POST /revoke?token=: revokes the grant behind an access or refresh token. */
  revoke(token: string | null): void {
    const grant = (token && (this.refreshTokens.get(token) ?? this.accessTokens.get(token)?.grant)) || undefined;
    if (!grant || grant.isRevoked) throw new OAuthError(400, "invalid_token", "Token expired or revoked");
    grant.isRevoked = true;
  }

  /** The user and scopes behind an `Authorization: Bearer` header, or Google's 401. */
  authenticate(header: string | undefined): { email: string; scopes: string[] } {
    const match = /^Bearer (\S+)$/.exec(header ?? "");
    const stored = match ? this.accessTokens.get(match[1]!) : undefined;
    if (!stored || stored.grant.isRevoked || stored.expiresAtMs <= this.nowMs()) {
      const message = match ? "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential." : "Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential.";
      throw new GoogleApiError(401, "authError", message, { location: "Authorization", locationType: "header", headers: { "www-authenticate": 'Bearer realm="https://accounts.google.com/"' } });
    }
    return { email: stored.grant.email, scopes: stored.grant.scopes };
  }

  // ---- test hooks ----

  /** Skips the consent dance: a grant for `email` with an access and a refresh token. */
  issueTokens(email: string, scopes: string[]): { accessToken: string; refreshToken: string } {
    const grant: Grant = { email, scopes, isRevoked: false };
    const refreshToken = opaque("1//0g");
    this.refreshTokens.set(refreshToken, grant);
    return { accessToken: String(this.mintAccessToken(grant).access_token), refreshToken };
  }

  expireAccessTokens(): void {
    for (const stored of this.accessTokens.values()) stored.expiresAtMs = Number.NEGATIVE_INFINITY;
  }

  revokeRefreshToken(refreshToken: string): void {
    const grant = this.refreshTokens.get(refreshToken);
    if (!grant) throw new Error(`google fake: no refresh token ${refreshToken}`);
    grant.isRevoked = true;
  }
}
