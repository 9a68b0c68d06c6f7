// CalendarProvider for any CalDAV server (iCloud, Fastmail, Nextcloud,
// Radicale…): RFC 4791 discovery and writes, RFC 6578 sync with a ctag
// fallback. A small client over the safe fetch rather than tsdav: the failure
// kinds come from each status in context, a rejected sync token falls back to
// a full listing, and writes need If-None-Match/If-Match handling that tsdav
// leaves to its caller. Basic authentication only (what these servers use
// with app passwords).
import { CalendarFailure } from "../../../core/calendars/calendar-errors.js";
import type { CalendarProvider, ProviderConfig } from "../../../use-cases/ports/calendars.js";
import type { SafeFetch } from "../safe-fetch.js";
import { collectionUrl, discoverCalendars } from "./caldav-discovery.js";
import { syncCalendar, type CaldavSyncOptions } from "./caldav-sync.js";
import { createEvent, deleteEvent, updateEvent } from "./caldav-writes.js";
import { createDavSession } from "./dav-session.js";

export type CaldavConfig = Extract<ProviderConfig, { kind: "caldav" }>;

export function createCaldavCalendarProvider(config: CaldavConfig, safeFetch: SafeFetch, options: Partial<CaldavSyncOptions> = {}): CalendarProvider {
  const dav = createDavSession(safeFetch, config);
  const syncOptions: CaldavSyncOptions = { useSyncCollection: options.useSyncCollection ?? true };
  return {
    kind: "caldav",
    listCalendars: () => discoverCalendars(dav, config.serverUrl),
    sync: async (calendarId, cursor) => syncCalendar(dav, calendarUrlOf(calendarId), cursor, syncOptions),
    createEvent: async (calendarId, event) => createEvent(dav, calendarUrlOf(calendarId), event),
    updateEvent: async (calendarId, event, at) => updateEvent(dav, calendarUrlOf(calendarId), event, at),
    deleteEvent: async (calendarId, uid, at) => deleteEvent(dav, calendarUrlOf(calendarId), uid, at),
  };
}

/** A calendar's remoteId is its collection's absolute URL (from discovery). */
function calendarUrlOf(calendarId: string): string {
  let url: URL;
  try {
    url = new URL(calendarId);
  } catch (error) {
    throw new CalendarFailure("rejected", `"${calendarId}" is not a CalDAV calendar URL`, { cause: error });
  }
  return collectionUrl(url.href);
}
