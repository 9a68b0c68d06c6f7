// The memory server's side of the wire, as the memory provider calls it: one
// method per request a CalDAV client would make, with the same preconditions.
import type { ConferenceKind, RemoteCalendar, RemoteObject } from "../../../use-cases/ports/calendars.js";

/** A write the server refused for a precondition, as CalDAV answers 412 or 409 no-uid-conflict. */
export class MemoryPreconditionFailed extends Error {
  constructor(
    readonly reason: "exists" | "etag-mismatch" | "uid-conflict",
    readonly conflictingHref: string | null = null,
  ) {
    super(`precondition failed: ${reason}`);
  }
}

/** The sync token was not issued by this server's current log. */
export class MemoryInvalidSyncToken extends Error {}

/** Each call is one request; each may throw CalendarFailure for an outage, bad credentials or an unknown calendar. */
export type MemoryServerRequests = {
  listCalendars(accountId: string): RemoteCalendar[];
  /** Everything, with a token for the next incremental sync. */
  listObjects(accountId: string, calendarId: string): { objects: RemoteObject[]; token: string };
  /** What changed since a token this log issued; MemoryInvalidSyncToken otherwise. */
  changesSince(accountId: string, calendarId: string, token: string): { changed: RemoteObject[]; removedHrefs: string[]; token: string };
  get(accountId: string, calendarId: string, href: string): RemoteObject | null;
  /**
   * PUT with If-None-Match: * (`ifMatch` null) or If-Match: etag. With a
   * conference asked for, the server makes a meeting for the event (or keeps
   * the one it has) and answers its join link, as Google (conferenceData
   * createRequest) and Graph (isOnlineMeeting) do; a later write keeps it.
   */
  put(accountId: string, calendarId: string, href: string, ics: string, condition: { ifMatch: string | null }, conference?: ConferenceKind | null): { etag: string; conferenceUrl: string | null };
  /** DELETE, with If-Match when an etag is given; false when nothing was there (404). */
  delete(accountId: string, calendarId: string, href: string, ifMatch: string | null): boolean;
};
