// What calendar use cases need beyond every use case's deps: a way to open a
// provider for a connection, how often to sync, the mailer (to tell an owner
// to reconnect) and, optionally, a logger for failures nobody asked about.
import type { CalendarProviderFactory } from "../ports/calendars.js";
import type { DeliveryDeps } from "../deliveries/email-channel.js";
import type { ContactDirectoryFactory } from "../ports/contacts.js";
import type { OAuthClients } from "../ports/oauth.js";

export type CalendarLogger = {
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
};

export type CalendarDeps = DeliveryDeps & {
  calendarProviders: CalendarProviderFactory;
  /** Google and Microsoft, when configured: connecting, and refreshing the tokens providers call with. */
  oauthClients: OAuthClients;
  /** The contacts of a Google or Microsoft connection's account (suggestions, new invitees). */
  contactDirectories: ContactDirectoryFactory;
  calendarSyncIntervalMs: number;
  logger?: CalendarLogger | undefined;
};
