// The OAuthClient port for Google and Microsoft, on oauth4webapi (RFC 6749
// authorization code with PKCE, RFC 7636; refresh). Endpoints come from the
// configuration, so the same code talks to the real services and to the local
// fakes in tests (http is allowed only for loopback endpoints).
import * as oauth from "oauth4webapi";
import { CalendarFailure } from "../../core/calendars/calendar-errors.js";
import { OAUTH_SCOPES } from "../../core/calendars/oauth-scopes.js";
import type { OAuthProviderKind } from "../../core/calendars/connections.js";
import type { OAuthAccount, OAuthClient, OAuthClients, OAuthTokens } from "../../use-cases/ports/oauth.js";

export type OAuthClientsConfig = {
  google: { client: { clientId: string; clientSecret: string } | null; authUrl: string; tokenUrl: string; apiUrl: string };
  microsoft: { client: { clientId: string; clientSecret: string } | null; authorityUrl: string; graphUrl: string };
  /** Each request's limit. */
  timeoutMs: number;
};

type Endpoints = { kind: OAuthProviderKind; authorizationUrl: string; tokenUrl: string; clientId: string; clientSecret: string; account: (accessToken: string) => Promise<OAuthAccount> };

/** Plain http only to loopback: a fake in tests, never a real provider. */
function isLoopbackHttp(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  return protocol === "http:" && (hostname === "127.0.0.1" || hostname === "localhost" || hostname === "[::1]");
}

/** A provider's OAuth error as Convene acts on it: a dead grant needs the owner; anything else is worth retrying. */
function failureOf(error: unknown, action: string): CalendarFailure {
  if (error instanceof oauth.ResponseBodyError) {
    const detail = `${action}: ${error.error}${error.error_description ? ` (${error.error_description})` : ""}`;
    if (error.error === "invalid_grant" || error.error === "invalid_client" || error.error === "unauthorized_client") return new CalendarFailure("auth", detail, { status: error.status, cause: error });
    if (error.status >= 500 || error.error === "temporarily_unavailable") return new CalendarFailure("unavailable", detail, { status: error.status, cause: error });
    return new CalendarFailure("rejected", detail, { status: error.status, cause: error });
  }
  if (error instanceof oauth.OperationProcessingError) return new CalendarFailure("rejected", `${action}: ${error.message}`, { cause: error });
  return new CalendarFailure("unavailable", `${action}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
}

async function getJson(url: string, accessToken: string, timeoutMs: number): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { authorization: `Bearer ${accessToken}`, accept: "application/json" }, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    throw new CalendarFailure("unavailable", `${new URL(url).pathname}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (response.status === 401) throw new CalendarFailure("auth", `${new URL(url).pathname}: the new token was refused`, { status: 401 });
  if (!response.ok) throw new CalendarFailure(response.status >= 500 ? "unavailable" : "rejected", `${new URL(url).pathname} answered ${response.status}`, { status: response.status });
  return (await response.json()) as Record<string, unknown>;
}

function createClient(endpoints: Endpoints, timeoutMs: number): OAuthClient {
  const server: oauth.AuthorizationServer = { issuer: new URL(endpoints.tokenUrl).origin, authorization_endpoint: endpoints.authorizationUrl, token_endpoint: endpoints.tokenUrl };
  const client: oauth.Client = { client_id: endpoints.clientId };
  const clientAuth = oauth.ClientSecretPost(endpoints.clientSecret);
  const requestOptions = (extra: Record<string, string> = {}): oauth.TokenEndpointRequestOptions => ({
    signal: AbortSignal.timeout(timeoutMs),
    additionalParameters: extra,
    ...(isLoopbackHttp(endpoints.tokenUrl) ? { [oauth.allowInsecureRequests]: true } : {}),
  });
  const scopes = OAUTH_SCOPES[endpoints.kind].connect;

  const tokensOf = (response: oauth.TokenEndpointResponse, previous: OAuthTokens | null, nowMs: number): OAuthTokens => {
    const refreshToken = response.refresh_token ?? previous?.refreshToken;
    if (!refreshToken) throw new CalendarFailure("rejected", `${endpoints.kind} granted no refresh token (offline access was not granted)`);
    return {
      accessToken: response.access_token,
      refreshToken,
      accessTokenExpiresAtMs: nowMs + (response.expires_in ?? 3600) * 1000,
      scopes: response.scope ? response.scope.split(" ").filter(Boolean) : (previous?.scopes ?? [...scopes]),
    };
  };

  return {
    kind: endpoints.kind,
    scopes,

    authorizationUrl({ state, codeChallenge, redirectUri, scopes: wanted, loginHint }) {
      const url = new URL(endpoints.authorizationUrl);
      url.searchParams.set("client_id", endpoints.clientId);
      url.searchParams.set("response_type", "code");
      url.searchParams.set("redirect_uri", redirectUri);
      url.searchParams.set("scope", wanted.join(" "));
      url.searchParams.set("state", state);
      url.searchParams.set("code_challenge", codeChallenge);
      url.searchParams.set("code_challenge_method", "S256");
      if (endpoints.kind === "google") {
        // A refresh token every time (offline), and the consent screen again so one is issued even on a reconnect.
        url.searchParams.set("access_type", "offline");
        url.searchParams.set("prompt", "consent");
        url.searchParams.set("include_granted_scopes", "true");
      } else {
        url.searchParams.set("response_mode", "query");
      }
      if (loginHint) url.searchParams.set("login_hint", loginHint);
      return url.toString();
    },

    async exchangeCode({ code, codeVerifier, redirectUri }, nowMs) {
      try {
        // oauth4webapi takes only callback parameters it validated; the state was already taken (once, for this session) by the use case.
        const params = oauth.validateAuthResponse(server, client, new URLSearchParams({ code }), oauth.skipStateCheck);
        const response = await oauth.authorizationCodeGrantRequest(server, client, clientAuth, params, redirectUri, codeVerifier, requestOptions());
        return tokensOf(await oauth.processAuthorizationCodeResponse(server, client, response), null, nowMs);
      } catch (error) {
        throw error instanceof CalendarFailure ? error : failureOf(error, "exchanging the authorization code");
      }
    },

    async refresh(tokens, nowMs) {
      try {
        // Microsoft's v2 endpoint wants the scopes again on refresh; Google ignores none it is sent.
        const extra: Record<string, string> = endpoints.kind === "microsoft" ? { scope: tokens.scopes.join(" ") } : {};
        const response = await oauth.refreshTokenGrantRequest(server, client, clientAuth, tokens.refreshToken, requestOptions(extra));
        return tokensOf(await oauth.processRefreshTokenResponse(server, client, response), tokens, nowMs);
      } catch (error) {
        throw error instanceof CalendarFailure ? error : failureOf(error, "refreshing the access token");
      }
    },

    account: endpoints.account,
  };
}

/** The clients of the providers whose id and secret are configured. */
export function createOAuthClients(config: OAuthClientsConfig): OAuthClients {
  const clients: OAuthClients = {};
  const { google, microsoft, timeoutMs } = config;
  if (google.client) {
    clients.google = createClient(
      {
        kind: "google",
        authorizationUrl: google.authUrl,
        tokenUrl: google.tokenUrl,
        ...google.client,
        // Without the openid scopes Google names the account by its primary calendar, whose id is the account's email.
        account: async (accessToken) => {
          const primary = await getJson(`${google.apiUrl}/calendar/v3/users/me/calendarList/primary`, accessToken, timeoutMs);
          const email = String(primary.id ?? "");
          return { accountId: email, email, name: typeof primary.summary === "string" ? primary.summary : null };
        },
      },
      timeoutMs,
    );
  }
  if (microsoft.client) {
    clients.microsoft = createClient(
      {
        kind: "microsoft",
        authorizationUrl: `${microsoft.authorityUrl}/oauth2/v2.0/authorize`,
        tokenUrl: `${microsoft.authorityUrl}/oauth2/v2.0/token`,
        ...microsoft.client,
        account: async (accessToken) => {
          const me = await getJson(`${microsoft.graphUrl}/v1.0/me?$select=id,displayName,mail,userPrincipalName`, accessToken, timeoutMs);
          const email = String(me.mail ?? me.userPrincipalName ?? "");
          return { accountId: String(me.id ?? email), email, name: typeof me.displayName === "string" ? me.displayName : null };
        },
      },
      timeoutMs,
    );
  }
  return clients;
}
