// The identity platform half of the Microsoft fake: /authorize (auto-consent, code +
// PKCE S256), /token (authorization_code, refresh_token) and the bearer check Graph
// applies. Limits: one tenant ("common"), no id_token.
import { createHash, randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { GraphError, OAuthError, sendText } from "./microsoft-errors.js";

export interface MicrosoftFakeClient {
  clientId: string;
  redirectUris: string[];
  /** A confidential (web) client must send it; a public client has none. */
  clientSecret?: string;
}

const AUTH_CODE_LIFETIME_MS = 10 * 60_000;

interface AuthCode {
  clientId: string;
  redirectUri: string;
  scope: string;
  challenge: string | null;
  userId: string;
  expiresMs: number;
  isRedeemed: boolean;
}

export class MicrosoftIdentity {
  private readonly clients: Map<string, MicrosoftFakeClient>;
  private readonly authCodes = new Map<string, AuthCode>();
  private readonly accessTokens = new Map<string, { userId: string; clientId: string; scope: string; expiresMs: number }>();
  private readonly refreshTokens = new Map<string, { userId: string; clientId: string; scope: string; isRevoked: boolean; isExpired: boolean }>();
  /** The user /authorize signs in as; null means the first user. */
  signedInUserId: string | null = null;

  constructor(
    clients: MicrosoftFakeClient[],
    private readonly nowMs: () => number,
    private readonly accessTokenLifetimeSeconds: number,
    private readonly firstUserId: () => string | undefined,
  ) {
    this.clients = new Map(clients.map((client) => [client.clientId, client]));
  }

  authorize(requestUrl: URL, response: ServerResponse): void {
    const query = requestUrl.searchParams;
    const client = this.clients.get(query.get("client_id") ?? "");
    // An unknown client or unregistered redirect URI is shown as an error page: no redirect.
    if (client === undefined) {
      return sendText(response, 400, "AADSTS700016: Application with identifier was not found in the directory.");
    }
    const redirectUri = query.get("redirect_uri") ?? "";
    if (!client.redirectUris.includes(redirectUri)) {
      return sendText(response, 400, "AADSTS50011: The redirect URI specified in the request does not match the redirect URIs configured for the application.");
    }
    const state = query.get("state");
    const fail = (error: string, description: string): void => {
      const target = new URL(redirectUri);
      target.searchParams.set("error", error);
      target.searchParams.set("error_description", description);
      if (state !== null) target.searchParams.set("state", state);
      response.writeHead(302, { location: target.toString() }).end();
    };
    if (query.get("response_type") !== "code") return fail("unsupported_response_type", "AADSTS700054: response_type must be code.");
    const scope = query.get("scope") ?? "";
    if (scope.trim() === "") return fail("invalid_request", "AADSTS900144: The request body must contain the following parameter: 'scope'.");
    const challenge = query.get("code_challenge");
    const challengeMethod = query.get("code_challenge_method");
    if (challenge !== null && challengeMethod !== "S256") {
      return fail("invalid_request", "AADSTS501491: Invalid code_challenge_method: only S256 is accepted by this fake.");
    }
    const userId = this.signedInUserId ?? this.firstUserId();
    if (userId === undefined) return sendText(response, 400, "Fake: no user to sign in.");
    const code = randomBytes(24).toString("base64url");
    this.authCodes.set(code, { clientId: client.clientId, redirectUri, scope, challenge, userId, expiresMs: this.nowMs() + AUTH_CODE_LIFETIME_MS, isRedeemed: false });
    const target = new URL(redirectUri);
    target.searchParams.set("code", code);
    if (state !== null) target.searchParams.set("state", state);
    response.writeHead(302, { location: target.toString() }).end();
  }

  token(request: IncomingMessage, rawBody: string): Record<string, unknown> {
    if (!(request.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")) {
      throw new OAuthError("invalid_request", 900144, "The request body must be application/x-www-form-urlencoded.");
    }
    const form = new URLSearchParams(rawBody);
    const client = this.clients.get(form.get("client_id") ?? "");
    if (client === undefined) throw new OAuthError("unauthorized_client", 700016, "Application was not found in the directory.");
    if (client.clientSecret !== undefined) {
      const secret = form.get("client_secret");
      if (secret === null) throw new OAuthError("invalid_client", 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.", 401);
      if (secret !== client.clientSecret) throw new OAuthError("invalid_client", 7000215, "Invalid client secret provided.", 401);
    }
    const grantType = form.get("grant_type");
    if (grantType === "authorization_code") {
      const code = this.authCodes.get(form.get("code") ?? "");
      if (code === undefined || code.clientId !== client.clientId) throw new OAuthError("invalid_grant", 9002313, "Invalid request. Request is malformed or invalid.");
      if (code.isRedeemed) throw new OAuthError("invalid_grant", 54005, "OAuth2 Authorization code was already redeemed.");
      if (this.nowMs() > code.expiresMs) throw new OAuthError("invalid_grant", 70008, "The provided authorization code or refresh token has expired due to inactivity.");
      if (form.get("redirect_uri") !== code.redirectUri) throw new OAuthError("invalid_grant", 50011, "The redirect URI does not match the one used in the authorization request.");
      if (code.challenge !== null) {
        const verifier = form.get("code_verifier") ?? "";
        if (createHash("sha256").update(verifier).digest("base64url") !== code.challenge) {
          throw new OAuthError("invalid_grant", 501481, "The Code_Verifier does not match the code_challenge supplied in the authorization request.");
        }
      }
      code.isRedeemed = true;
      return this.issueTokens(code.userId, client.clientId, code.scope);
    }
    if (grantType === "refresh_token") {
      const presented = form.get("refresh_token");
      if (presented === null) throw new OAuthError("invalid_request", 900144, "The request body must contain the following parameter: 'refresh_token'.");
      const grant = this.refreshTokens.get(presented);
      if (grant === undefined || grant.clientId !== client.clientId) throw new OAuthError("invalid_grant", 9002313, "Invalid request. Request is malformed or invalid.");
      if (grant.isRevoked) throw new OAuthError("invalid_grant", 50173, "The provided grant has expired due to it being revoked, a fresh auth token is needed.");
      if (grant.isExpired) throw new OAuthError("invalid_grant", 70008, "The provided authorization code or refresh token has expired due to inactivity.");
      // Microsoft returns a fresh refresh token on every use and documents that the old
      // one is NOT revoked: it keeps working until it expires or is revoked.
      return this.issueTokens(grant.userId, client.clientId, form.get("scope") ?? grant.scope);
    }
    throw new OAuthError("unsupported_grant_type", 70003, `The app requested an unsupported grant type '${grantType ?? ""}'.`);
  }

  /** The token endpoint's success body; a refresh token only for offline_access. */
  issueTokens(userId: string, clientId: string, scope: string): Record<string, unknown> {
    const accessToken = `fake-at.${randomBytes(24).toString("base64url")}`;
    this.accessTokens.set(accessToken, { userId, clientId, scope, expiresMs: this.nowMs() + this.accessTokenLifetimeSeconds * 1000 });
    const result: Record<string, unknown> = {
      token_type: "Bearer",
      scope,
      expires_in: this.accessTokenLifetimeSeconds,
      ext_expires_in: this.accessTokenLifetimeSeconds,
      access_token: accessToken,
    };
    if (scope.split(" ").includes("offline_access")) {
      const refreshToken = `fake-rt.${randomBytes(32).toString("base64url")}`;
      this.refreshTokens.set(refreshToken, { userId, clientId, scope, isRevoked: false, isExpired: false });
      result.refresh_token = refreshToken;
    }
    return result;
  }

  /** The user id behind a Graph request's bearer token, or Graph's 401. */
  authenticate(request: IncomingMessage): string {
    const header = request.headers.authorization ?? "";
    const unauthorized = (message: string): GraphError =>
      new GraphError(401, "InvalidAuthenticationToken", message, { "www-authenticate": 'Bearer realm="", error="invalid_token"' });
    if (!header.startsWith("Bearer ")) throw unauthorized("Access token is empty.");
    const grant = this.accessTokens.get(header.slice("Bearer ".length));
    if (grant === undefined) throw unauthorized("IDX14100: JWT is not well formed.");
    if (this.nowMs() >= grant.expiresMs) throw unauthorized("Lifetime validation failed, the token is expired.");
    return grant.userId;
  }

  /** The Graph permissions an already authenticated request's token carries ("https://graph.microsoft.com/" prefixes dropped). */
  accessScopes(request: IncomingMessage): string[] {
    const scope = this.accessTokens.get((request.headers.authorization ?? "").slice("Bearer ".length))!.scope;
    return scope.split(" ").filter(Boolean).map((name) => name.replace(/^https:\/\/graph\.microsoft\.com\//i, ""));
  }

  /** The client an already authenticated request's token was issued to. */
  accessClientId(request: IncomingMessage): string {
    return this.accessTokens.get((request.headers.authorization ?? "").slice("Bearer ".length))!.clientId;
  }

  expireAccessTokens(): void {
    for (const grant of this.accessTokens.values()) grant.expiresMs = this.nowMs();
  }

  revokeRefreshToken(refreshToken: string): void {
    const grant = this.refreshTokens.get(refreshToken);
    if (grant === undefined) throw new Error("Fake: unknown refresh token");
    grant.isRevoked = true;
  }

  revokeAllRefreshTokens(userId: string): void {
    for (const grant of this.refreshTokens.values()) if (grant.userId === userId) grant.isRevoked = true;
  }

  expireRefreshTokens(): void {
    for (const grant of this.refreshTokens.values()) grant.isExpired = true;
  }
}
