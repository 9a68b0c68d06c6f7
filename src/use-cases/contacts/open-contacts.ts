// A connection's contact directory, reached on the same OAuth grant (and the
// same refresh-before-expiry and needs_reconnect rules) as its calendars.
import type { TenantId } from "../../core/tenancy.js";
import type { ConnectionRecord, OAuthProviderConfig, ProviderConfig } from "../ports/calendars.js";
import type { ContactDirectory } from "../ports/contacts.js";
import type { CalendarDeps } from "../calendars/calendar-deps.js";
import { oauthAccess } from "../calendars/oauth-access.js";

/** The connection's OAuth config; null for kinds without one (CalDAV, ICS, memory). */
export function oauthConfigOf(deps: CalendarDeps, connection: ConnectionRecord): OAuthProviderConfig | null {
  const config = JSON.parse(deps.secrets.open(connection.configSealed)) as ProviderConfig;
  return config.kind === "google" || config.kind === "microsoft" ? config : null;
}

/** The account's contacts; null when the connection's kind has none. */
export function openContactDirectory(deps: CalendarDeps, tenantId: TenantId, connection: ConnectionRecord, nowMs: number): ContactDirectory | null {
  const config = oauthConfigOf(deps, connection);
  return config ? deps.contactDirectories(config, oauthAccess(deps, tenantId, connection, config, nowMs)) : null;
}
