// The "add new invitees to my contacts" setting of a Google or Microsoft
// connection. Turning it on needs the wider contacts scope, which Convene
// asks for only then (incremental consent): without it the owner is sent to
// reconnect with that purpose.
import { OAUTH_PROVIDER_KINDS, type OAuthProviderKind } from "../../core/calendars/connections.js";
import { oauthConnectUrl } from "../../core/calendars/oauth-urls.js";
import { grantsCreateContacts } from "../../core/contacts/suggestions.js";
import { ConveneError } from "../../core/errors.js";
import type { CalendarDeps } from "../calendars/calendar-deps.js";
import type { ConnectionRecord } from "../ports/calendars.js";
import { oauthConfigOf } from "./open-contacts.js";

/** Where the owner grants the contacts scope: a reconnect that also asks for it. */
export const contactsReconnectPath = (provider: OAuthProviderKind, connectionId: string) => oauthConnectUrl("", provider, connectionId, { createContacts: true });

/** Throws unless the connection may create contacts: a Google or Microsoft account whose grant has the contacts scope. */
export function requireCreateContactsGrant(deps: CalendarDeps, connection: ConnectionRecord): void {
  const config = oauthConfigOf(deps, connection);
  if (!config) {
    const errors = [{ path: "createContacts", message: `only ${OAUTH_PROVIDER_KINDS.join(" and ")} connections can add contacts` }];
    throw new ConveneError("VALIDATION_FAILED", errors[0]!.message, { details: { errors } });
  }
  if (!grantsCreateContacts(config.kind, config.tokens.scopes)) {
    throw new ConveneError("CALENDAR_SCOPE_MISSING", `The ${config.kind} account was connected without permission to create contacts; reconnect it to grant it.`, {
      details: { provider: config.kind, reconnectUrl: contactsReconnectPath(config.kind, connection.id) },
    });
  }
}
