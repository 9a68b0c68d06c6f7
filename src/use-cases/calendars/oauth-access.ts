// Opening a connection's provider, and for Google and Microsoft the bearer
// token behind it: refreshed a minute before it expires, the rotated refresh
// token Microsoft sends every time stored at once, and a dead grant
// (invalid_grant: revoked, expired, password changed) turned into
// CalendarFailure "auth", which marks the connection needs_reconnect and tells
// the owner once (sync-calendars.ts). A connection already waiting for its
// owner is not tried again: a dead refresh token never comes back, so nothing
// retries it in a storm.
//
// Two nodes may refresh the same grant at once. Neither holds a lock across
// the call to the provider; the config is swapped only if nobody changed it
// meanwhile, and the loser adopts the winner's tokens (both refresh tokens
// stay valid at the provider for a while, so either is fine to keep).
import { CalendarFailure } from "../../core/calendars/calendar-errors.js";
import type { TenantId } from "../../core/tenancy.js";
import type { CalendarProvider, ConnectionRecord, OAuthAccess, OAuthProviderConfig, OAuthTokens, ProviderConfig } from "../ports/calendars.js";
import type { CalendarDeps } from "./calendar-deps.js";

/** A token expiring sooner than this is refreshed before use. */
const EXPIRY_MARGIN_MS = 60_000;

const isOAuthConfig = (config: ProviderConfig): config is OAuthProviderConfig => config.kind === "google" || config.kind === "microsoft";

/** The provider a connection is reached through, with its OAuth access when it has one. */
export function openProvider(deps: CalendarDeps, tenantId: TenantId, connection: ConnectionRecord, nowMs: number): CalendarProvider {
  const config = JSON.parse(deps.secrets.open(connection.configSealed)) as ProviderConfig;
  if (!isOAuthConfig(config)) return deps.calendarProviders(config);
  return deps.calendarProviders(config, oauthAccess(deps, tenantId, connection, config, nowMs));
}

/**
 * A provider for a config not stored yet (while connecting): a just-issued
 * token needs no refresh, and one refused right away is the grant refused.
 */
export function openUnsavedConfig(deps: CalendarDeps, config: ProviderConfig): CalendarProvider {
  if (!isOAuthConfig(config)) return deps.calendarProviders(config);
  const refused = () => Promise.reject(new CalendarFailure("auth", `${config.kind} refused the token it just issued`));
  return deps.calendarProviders(config, { accessToken: async () => config.tokens.accessToken, refreshAfterRejection: refused });
}

/** The bearer token of a stored connection's grant (calendar providers and contact directories share it). */
export function oauthAccess(deps: CalendarDeps, tenantId: TenantId, connection: ConnectionRecord, config: OAuthProviderConfig, nowMs: number): OAuthAccess {
  let sealed = connection.configSealed;
  let tokens = config.tokens;
  let refreshing: Promise<string> | null = null;

  const refresh = async (): Promise<string> => {
    if (connection.status === "needs_reconnect") throw new CalendarFailure("auth", `the ${config.kind} grant was refused earlier; the owner must reconnect`);
    const client = deps.oauthClients[config.kind];
    if (!client) throw new CalendarFailure("rejected", `${config.kind} calendars are not configured on this server (${config.kind.toUpperCase()}_CLIENT_ID)`);
    const next: OAuthTokens = await client.refresh(tokens, nowMs);
    const nextSealed = deps.secrets.seal(JSON.stringify({ ...config, tokens: next } satisfies ProviderConfig));
    if (await deps.store.calendars.swapConnectionConfig(tenantId, connection.id, sealed, nextSealed, nowMs)) {
      sealed = nextSealed;
      tokens = next;
      return next.accessToken;
    }
    // Another node refreshed first: its tokens are the ones kept.
    const stored = await deps.store.calendars.getConnection(tenantId, connection.id);
    if (!stored) throw new CalendarFailure("rejected", "the calendar connection was removed");
    const storedConfig = JSON.parse(deps.secrets.open(stored.configSealed)) as ProviderConfig;
    if (!isOAuthConfig(storedConfig)) throw new CalendarFailure("rejected", "the calendar connection changed provider");
    sealed = stored.configSealed;
    tokens = storedConfig.tokens;
    return tokens.accessToken;
  };

  /** One refresh at a time per opened provider: calendars synced side by side share it. */
  const refreshOnce = () => {
    refreshing ??= refresh().finally(() => {
      refreshing = null;
    });
    return refreshing;
  };

  return {
    async accessToken() {
      if (connection.status === "needs_reconnect") throw new CalendarFailure("auth", `the ${config.kind} grant was refused earlier; the owner must reconnect`);
      if (tokens.accessTokenExpiresAtMs - EXPIRY_MARGIN_MS > nowMs) return tokens.accessToken;
      return refreshOnce();
    },
    async refreshAfterRejection(rejected) {
      // A call that raced a refresh already has a newer token to try.
      if (rejected !== tokens.accessToken) return tokens.accessToken;
      return refreshOnce();
    },
  };
}
