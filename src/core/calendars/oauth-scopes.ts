// The OAuth scopes Convene asks Google and Microsoft for: the least that lets
// it list calendars, read busy time, write its own events (with Meet or Teams)
// and suggest contacts. Creating contacts is off by default and asks for its
// wider scope only when the owner turns it on (incremental consent).
import type { OAuthProviderKind } from "./connections.js";

export const OAUTH_SCOPES: Record<OAuthProviderKind, { connect: readonly string[]; createContacts: readonly string[] }> = {
  google: {
    connect: [
      // calendarList: which calendars there are (the primary calendar's id is the account's email).
      "https://www.googleapis.com/auth/calendar.calendarlist.readonly",
      // events in those calendars: read busy time, write bookings (with conferenceData), watch for changes.
      "https://www.googleapis.com/auth/calendar.events",
      // contact suggestions for one-time links: saved contacts and people emailed before.
      "https://www.googleapis.com/auth/contacts.readonly",
      "https://www.googleapis.com/auth/contacts.other.readonly",
    ],
    createContacts: ["https://www.googleapis.com/auth/contacts"],
  },
  microsoft: {
    connect: [
      // a refresh token, and who the account is (/me).
      "offline_access",
      "User.Read",
      // calendars and events: busy time, bookings with Teams meetings, change subscriptions.
      "Calendars.ReadWrite",
      // contact suggestions for one-time links (/me/people).
      "People.Read",
    ],
    createContacts: ["Contacts.ReadWrite"],
  },
};
