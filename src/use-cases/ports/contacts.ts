// Contacts: the people an owner's Google or Microsoft account knows, to
// suggest as one-time link recipients, and where a new invitee is added when
// the owner asked for it. A directory throws CalendarFailure
// (core/calendars/calendar-errors.ts), like the calendar provider on the same grant.
import type { Suggestion } from "../../core/contacts/suggestions.js";
import type { OAuthAccess, ProviderConfig } from "./calendars.js";

export type ContactSuggestion = Suggestion;

export interface ContactDirectory {
  /** People whose name or address starts with the query, best first, at most `limit`. */
  search(query: string, limit: number): Promise<ContactSuggestion[]>;
  /** Whether a saved contact (not merely someone emailed) has this address. */
  hasContact(email: string): Promise<boolean>;
  /** Saves a contact; the caller checks hasContact first (the providers have no idempotency key for it). */
  create(contact: { name: string; email: string }): Promise<void>;
}

/** The directory of a connection's account; null for kinds that have none (CalDAV, ICS, memory). */
export type ContactDirectoryFactory = (config: ProviderConfig, access: OAuthAccess) => ContactDirectory | null;
