// Calendars: the CalendarProvider port every calendar server is reached
// through (CalDAV, ICS feeds, an in-memory one for tests; Google and Microsoft
// next), and the repository that keeps connections, their calendars, the
// synced busy time slot reads join, and where Convene wrote its own events.
// A provider throws CalendarFailure (core/calendars/calendar-errors.ts).

/** How a provider is reached; the secret parts are sealed at rest as one value. */
export type ProviderConfig =
  | { kind: "caldav"; serverUrl: string; username: string; password: string }
  | { kind: "ics"; url: string }
  | { kind: "memory"; accountId: string };

export type ProviderKind = ProviderConfig["kind"];

export type RemoteCalendar = {
  /** The provider's stable id of the calendar (CalDAV: the collection's absolute URL). */
  remoteId: string;
  name: string;
  color: string | null;
  /** Feeds and calendars the account may not write to. */
  readOnly: boolean;
  /** The calendar's own zone when it declares one (CalDAV calendar-timezone), for floating and all-day events. */
  timeZone: string | null;
};

/** One calendar object resource as stored on the server: raw iCalendar text (RFC 5545). */
export type RemoteObject = { href: string; etag: string | null; ics: string };

/**
 * What changed in a calendar since a cursor. `full` means `changed` is the
 * whole calendar (first sync, a rejected or absent cursor, a server without
 * incremental sync): anything stored and not in it is gone. A provider whose
 * cursor the server rejects falls back to a full listing itself.
 */
export type SyncResult = { cursor: string | null; full: boolean; changed: RemoteObject[]; removedHrefs: string[]; unchanged?: boolean };

/** An event Convene writes, identified by its UID (the emailed invite's UID); `ics` is a VCALENDAR without METHOD. */
export type OwnEvent = { uid: string; ics: string };

/** Where a written event lives, to move or remove it later. */
export type WrittenEvent = { href: string; etag: string | null };

export interface CalendarProvider {
  readonly kind: ProviderKind;
  /** Every calendar the account sees (CalDAV: discovered from the server's base URL). */
  listCalendars(): Promise<RemoteCalendar[]>;
  /** Changes since the cursor (null: everything). ICS feeds answer unchanged on 304 Not Modified. */
  sync(calendarId: string, cursor: string | null): Promise<SyncResult>;
  /**
   * Creates the event at a resource name derived from its UID, only if none is
   * there (If-None-Match: *); an event already there with that UID (a retry,
   * a crash after the write) is overwritten in place, never duplicated.
   */
  createEvent(calendarId: string, event: OwnEvent): Promise<WrittenEvent>;
  /** Replaces the event where it was written (If-Match on its etag; a stale etag re-reads and retries once). */
  updateEvent(calendarId: string, event: OwnEvent, at: WrittenEvent): Promise<WrittenEvent>;
  /** Removes the event; one already gone is success. */
  deleteEvent(calendarId: string, uid: string, at: WrittenEvent | null): Promise<void>;
}

/** Opens a provider for a connection's config; fetch limits and the private-address rule are the factory's. */
export type CalendarProviderFactory = (config: ProviderConfig) => CalendarProvider;
