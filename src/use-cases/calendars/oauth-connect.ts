// Connecting Google and Microsoft calendars by consent (OAuth 2.0 authorization
// code with PKCE). Start: a random `state`, kept only as its SHA-256 and bound
// to the browser session that asked, with the sealed PKCE verifier, for ten
// minutes. Complete: the state is taken once (a replay, another session's or an
// expired one is refused), the code exchanged, the account named; the same
// account connected again replaces the old grant (a reconnect), a new one
// becomes a connection like any other (connectCalendar).
import * as oauth from "oauth4webapi";
import { isCalendarFailure } from "../../core/calendars/calendar-errors.js";
import type { OAuthProviderKind } from "../../core/calendars/connections.js";
import { OAUTH_SCOPES } from "../../core/calendars/oauth-scopes.js";
import { OAUTH_PROVIDER_NAMES, oauthCallbackUrl } from "../../core/calendars/oauth-urls.js";
import { ConveneError } from "../../core/errors.js";
import { hashToken, newSecretToken } from "../auth/secret-token.js";
import type { ConnectionRecord, OAuthProviderConfig, ProviderConfig, RemoteCalendar } from "../ports/calendars.js";
import type { OAuthClient, OAuthPurpose, OAuthTokens } from "../ports/oauth.js";
import { recordAudit, type RequestContext } from "../request-context.js";
import type { CalendarDeps } from "./calendar-deps.js";
import { calendarProblem, connectCalendar, getCalendarConnection } from "./connections.js";
import { openUnsavedConfig } from "./oauth-access.js";
import { syncConnection } from "./sync-calendars.js";

/** How long a consent may take, from the redirect to the provider to its callback. */
export const OAUTH_STATE_TTL_MS = 10 * 60_000;

export type OAuthStartOptions = { reconnectConnectionId?: string | undefined; purpose?: { createContacts?: boolean | undefined } | undefined };
export type OAuthCallback = { code?: string | undefined; state?: string | undefined; error?: string | undefined };

/** The providers this server can connect (their client id and secret are configured). */
export function configuredOAuthProviders(deps: CalendarDeps): OAuthProviderKind[] {
  return (["google", "microsoft"] as const).filter((provider) => deps.oauthClients[provider] !== undefined);
}

function clientOf(deps: CalendarDeps, provider: OAuthProviderKind): OAuthClient {
  const client = deps.oauthClients[provider];
  if (!client) throw new ConveneError("OAUTH_PROVIDER_NOT_CONFIGURED", `${OAUTH_PROVIDER_NAMES[provider]} is not configured on this server (${provider.toUpperCase()}_CLIENT_ID and _SECRET).`);
  return client;
}

/** The state is bound to a browser session: an API key has none to come back to. */
function sessionOf(ctx: RequestContext): string {
  if (ctx.auth.sessionId === null) throw new ConveneError("OAUTH_SESSION_REQUIRED");
  return ctx.auth.sessionId;
}

/** The provider's consent page for this owner; the state behind it is stored before the URL is handed out. */
export async function startOAuthConnect(deps: CalendarDeps, ctx: RequestContext, provider: OAuthProviderKind, options: OAuthStartOptions = {}): Promise<{ consentUrl: string }> {
  const client = clientOf(deps, provider);
  const sessionId = sessionOf(ctx);
  let loginHint: string | undefined;
  if (options.reconnectConnectionId !== undefined) {
    const connection = await getCalendarConnection(deps, ctx, options.reconnectConnectionId);
    if (connection.provider !== provider) throw new ConveneError("NOT_FOUND", `No ${OAUTH_PROVIDER_NAMES[provider]} connection with this id.`);
    loginHint = connection.username ?? undefined;
  }
  const purpose: OAuthPurpose = {
    ...(options.reconnectConnectionId !== undefined ? { reconnectConnectionId: options.reconnectConnectionId } : {}),
    ...(options.purpose?.createContacts ? { createContacts: true } : {}),
  };
  const scopes = [...OAUTH_SCOPES[provider].connect, ...(purpose.createContacts ? OAUTH_SCOPES[provider].createContacts : [])];
  const state = newSecretToken();
  const codeVerifier = oauth.generateRandomCodeVerifier();
  await deps.store.oauthStates.create(
    ctx.auth.tenantId,
    { stateHash: hashToken(state), userId: ctx.auth.userId, sessionId, provider, codeVerifierSealed: deps.secrets.seal(codeVerifier), purpose, expiresAtMs: ctx.nowMs + OAUTH_STATE_TTL_MS },
    ctx.nowMs,
  );
  const codeChallenge = await oauth.calculatePKCECodeChallenge(codeVerifier);
  return { consentUrl: client.authorizationUrl({ state, codeChallenge, redirectUri: oauthCallbackUrl(deps.publicUrl, provider), scopes, loginHint }) };
}

/** The provider sent the owner back: the connection made or renewed. */
export async function completeOAuthConnect(deps: CalendarDeps, ctx: RequestContext, provider: OAuthProviderKind, callback: OAuthCallback): Promise<ConnectionRecord> {
  const client = clientOf(deps, provider);
  const sessionId = sessionOf(ctx);
  const { tenantId, userId } = ctx.auth;
  // Taken before anything else, whatever the provider answered: a state works once.
  const pending = callback.state ? await deps.store.oauthStates.consume(hashToken(callback.state), sessionId, ctx.nowMs) : null;
  if (!pending || pending.provider !== provider || pending.tenantId !== tenantId || pending.userId !== userId) throw new ConveneError("OAUTH_STATE_INVALID");
  if (callback.error !== undefined) {
    if (callback.error === "access_denied") throw new ConveneError("OAUTH_CONSENT_DENIED");
    throw new ConveneError("CALENDAR_REJECTED", `${OAUTH_PROVIDER_NAMES[provider]} answered ${callback.error.slice(0, 100)}.`);
  }
  if (!callback.code) throw new ConveneError("CALENDAR_REJECTED", `${OAUTH_PROVIDER_NAMES[provider]} sent neither a code nor an error.`);

  const { code } = callback;
  const config = await providerCall(async (): Promise<OAuthProviderConfig> => {
    const tokens: OAuthTokens = await client.exchangeCode({ code, codeVerifier: deps.secrets.open(pending.codeVerifierSealed), redirectUri: oauthCallbackUrl(deps.publicUrl, provider) }, ctx.nowMs);
    const account = await client.account(tokens.accessToken);
    return { kind: provider, accountId: account.accountId, accountEmail: account.email, tokens };
  });
  const grantsContacts = pending.purpose.createContacts === true && OAUTH_SCOPES[provider].createContacts.every((scope) => config.tokens.scopes.includes(scope));

  const existing = await connectionOfAccount(deps, ctx, config);
  if (existing) return reconnect(deps, ctx, existing, config, grantsContacts);
  const created = await connectCalendar(deps, ctx, config, {
    provider,
    label: `${OAUTH_PROVIDER_NAMES[provider]}: ${config.accountEmail}`,
    serverUrl: OAUTH_PROVIDER_NAMES[provider],
    username: config.accountEmail,
  });
  if (!grantsContacts) return created;
  await deps.store.calendars.updateConnectionState(tenantId, created.id, { createContacts: true }, ctx.nowMs);
  return getCalendarConnection(deps, ctx, created.id);
}

/** The owner's connection of this provider for the same account, if there is one. */
async function connectionOfAccount(deps: CalendarDeps, ctx: RequestContext, config: OAuthProviderConfig): Promise<ConnectionRecord | null> {
  const connections = await deps.store.calendars.listConnections(ctx.auth.tenantId, { userId: ctx.auth.userId });
  for (const connection of connections) {
    if (connection.provider !== config.kind) continue;
    const stored = JSON.parse(deps.secrets.open(connection.configSealed)) as ProviderConfig;
    if (stored.kind === config.kind && stored.accountId === config.accountId) return connection;
  }
  return null;
}

/** The same account again: the new grant replaces the old one, the connection is healthy again, and it is synced at once. */
async function reconnect(deps: CalendarDeps, ctx: RequestContext, connection: ConnectionRecord, config: OAuthProviderConfig, grantsContacts: boolean): Promise<ConnectionRecord> {
  const { tenantId } = ctx.auth;
  const calendars: RemoteCalendar[] = await providerCall(() => openUnsavedConfig(deps, config).listCalendars());
  await deps.store.transaction(async (repos) => {
    await repos.calendars.updateConnectionState(
      tenantId,
      connection.id,
      {
        configSealed: deps.secrets.seal(JSON.stringify(config)),
        status: "ok",
        failures: 0,
        lastError: null,
        reconnectNotifiedAtMs: null,
        nextSyncAtMs: ctx.nowMs,
        ...(grantsContacts ? { createContacts: true } : {}),
      },
      ctx.nowMs,
    );
    await repos.calendars.syncCalendarList(tenantId, connection.id, calendars);
    await recordAudit(repos, ctx, "calendar.reconnected", { type: "calendar_connection", id: connection.id }, { provider: config.kind, account: config.accountEmail });
  });
  const synced = await syncConnection(deps, tenantId, connection.id, ctx.nowMs);
  return synced?.connection ?? getCalendarConnection(deps, ctx, connection.id);
}

/** A provider's refusal or outage as the caller's problem. */
async function providerCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw isCalendarFailure(error) ? calendarProblem(error) : error;
  }
}
