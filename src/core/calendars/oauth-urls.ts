// Where Google and Microsoft consents start and come back. The callback URL is
// the redirect_uri registered with the provider: the consent request and the
// code exchange must send it byte for byte the same, so both build it here.
import type { OAuthProviderKind } from "./connections.js";

export const OAUTH_PROVIDER_NAMES: Record<OAuthProviderKind, string> = { google: "Google Calendar", microsoft: "Microsoft Outlook" };

/** The redirect_uri: `${publicUrl}/api/v1/calendars/callback/<provider>`. */
export function oauthCallbackUrl(publicUrl: string, provider: OAuthProviderKind): string {
  return `${publicUrl}/api/v1/calendars/callback/${provider}`;
}

/**
 * Where a signed-in owner starts a consent (publicUrl "" for a path); with a
 * connection id, to reconnect that connection; with createContacts, also
 * asking for the scope that adds invitees to the account's contacts.
 */
export function oauthConnectUrl(publicUrl: string, provider: OAuthProviderKind, reconnectConnectionId?: string, options: { createContacts?: boolean } = {}): string {
  const query = new URLSearchParams();
  if (reconnectConnectionId) query.set("reconnect", reconnectConnectionId);
  if (options.createContacts) query.set("createContacts", "true");
  const url = `${publicUrl}/api/v1/calendars/connect/${provider}`;
  return query.size > 0 ? `${url}?${query}` : url;
}
