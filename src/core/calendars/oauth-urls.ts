// Where Google and Microsoft consents start and come back. The callback URL is
// the redirect_uri registered with the provider: the consent request and the
// code exchange must send it byte for byte the same, so both build it here.
import type { OAuthProviderKind } from "./connections.js";

export const OAUTH_PROVIDER_NAMES: Record<OAuthProviderKind, string> = { google: "Google Calendar", microsoft: "Microsoft Outlook" };

/** The redirect_uri: `${publicUrl}/api/v1/calendars/callback/<provider>`. */
export function oauthCallbackUrl(publicUrl: string, provider: OAuthProviderKind): string {
  return `${publicUrl}/api/v1/calendars/callback/${provider}`;
}

/** Where a signed-in owner starts a consent; with a connection id, to reconnect that connection. */
export function oauthConnectUrl(publicUrl: string, provider: OAuthProviderKind, reconnectConnectionId?: string): string {
  const url = `${publicUrl}/api/v1/calendars/connect/${provider}`;
  return reconnectConnectionId ? `${url}?reconnect=${encodeURIComponent(reconnectConnectionId)}` : url;
}
