// The CalendarProvider over the memory server: the same client behaviour as
// the CalDAV provider (fall back to a full listing when the server forgets a
// token, overwrite in place when a create finds its resource taken, re-read a
// stale etag once), so tests that use it exercise what production does. An
// event's conference request (details.conference) goes along with each write.
import { CalendarFailure } from "../../../core/calendars/calendar-errors.js";
import type { CalendarProvider, ConferenceKind, WrittenEvent } from "../../../use-cases/ports/calendars.js";
import { assertEventUid, resourceNameForUid } from "../event-resource.js";
import { MemoryInvalidSyncToken, MemoryPreconditionFailed, type MemoryServerRequests } from "./memory-requests.js";

export function createMemoryCalendarProvider(accountId: string, server: MemoryServerRequests): CalendarProvider {
  const hrefInCalendar = (calendarId: string, href: string): string => {
    if (!href.startsWith(`${calendarId}/`)) throw new CalendarFailure("rejected", `${href} is not in calendar ${calendarId}`);
    return href;
  };

  /** PUT over whatever is at href now (or create it if it went away); a concurrent change gets `attempts` re-reads. */
  const overwrite = (calendarId: string, href: string, ics: string, conference: ConferenceKind | null, attempts: number): WrittenEvent => {
    for (let attempt = 0; attempt < attempts; attempt += 1) {
      const current = server.get(accountId, calendarId, href);
      try {
        return { href, ...server.put(accountId, calendarId, href, ics, { ifMatch: current?.etag ?? null }, conference) };
      } catch (error) {
        if (!(error instanceof MemoryPreconditionFailed) || error.reason === "uid-conflict") throw preconditionFailure(error);
      }
    }
    throw new CalendarFailure("unavailable", `${href} kept changing while Convene wrote it; try again`, { status: 412 });
  };

  return {
    kind: "memory",
    listCalendars: async () => server.listCalendars(accountId),

    async sync(calendarId, cursor) {
      if (cursor !== null) {
        try {
          const { changed, removedHrefs, token } = server.changesSince(accountId, calendarId, cursor);
          return { cursor: token, full: false, changed, removedHrefs, unchanged: changed.length === 0 && removedHrefs.length === 0 };
        } catch (error) {
          if (!(error instanceof MemoryInvalidSyncToken)) throw error;
        }
      }
      const { objects, token } = server.listObjects(accountId, calendarId);
      return { cursor: token, full: true, changed: objects, removedHrefs: [] };
    },

    async createEvent(calendarId, event) {
      assertEventUid(event.uid, event.ics);
      const href = `${calendarId}/${resourceNameForUid(event.uid)}`;
      try {
        return { href, ...server.put(accountId, calendarId, href, event.ics, { ifMatch: null }, event.details.conference) };
      } catch (error) {
        if (!(error instanceof MemoryPreconditionFailed)) throw error;
        // Already written (a retry), or the UID already lives elsewhere (an imported invite): overwrite it there.
        return overwrite(calendarId, error.conflictingHref ?? href, event.ics, event.details.conference, 2);
      }
    },

    async updateEvent(calendarId, event, at) {
      assertEventUid(event.uid, event.ics);
      const href = hrefInCalendar(calendarId, at.href);
      if (at.etag === null) return overwrite(calendarId, href, event.ics, event.details.conference, 2);
      try {
        return { href, ...server.put(accountId, calendarId, href, event.ics, { ifMatch: at.etag }, event.details.conference) };
      } catch (error) {
        if (!(error instanceof MemoryPreconditionFailed) || error.reason === "uid-conflict") throw preconditionFailure(error);
        return overwrite(calendarId, href, event.ics, event.details.conference, 1);
      }
    },

    async deleteEvent(calendarId, uid, at) {
      const href = at ? hrefInCalendar(calendarId, at.href) : `${calendarId}/${resourceNameForUid(uid)}`;
      try {
        server.delete(accountId, calendarId, href, at?.etag ?? null);
      } catch (error) {
        if (!(error instanceof MemoryPreconditionFailed)) throw error;
        // Changed since it was written (the owner edited it): it is still Convene's event to remove.
        const current = server.get(accountId, calendarId, href);
        try {
          if (current) server.delete(accountId, calendarId, href, current.etag);
        } catch (retryError) {
          if (retryError instanceof MemoryPreconditionFailed) throw new CalendarFailure("unavailable", `${href} kept changing while Convene removed it; try again`, { status: 412 });
          throw retryError;
        }
      }
    },
  };
}

function preconditionFailure(error: unknown): unknown {
  if (!(error instanceof MemoryPreconditionFailed)) return error;
  return new CalendarFailure("rejected", `the server refused the write: ${error.message}`, { status: error.reason === "uid-conflict" ? 409 : 412, cause: error });
}
