// Reading a Google calendar's events: events.list with singleEvents (recurring
// events arrive as their instances, each its own object), paged by
// nextPageToken, ending in a nextSyncToken that is the next sync's cursor.
// An incremental list carries deletions as status "cancelled" events. A sync
// token Google no longer honours (410 fullSyncRequired, or one it never
// issued) is answered with a full listing, as the port asks.
import { CalendarFailure } from "../../../core/calendars/calendar-errors.js";
import type { RemoteObject, SyncResult } from "../../../use-cases/ports/calendars.js";
import type { OAuthApi } from "../oauth-api.js";
import { icsOfGoogleEvent, type GoogleEvent } from "./google-events.js";
import { eventsPath, googleFailure } from "./google-failures.js";

export type GoogleSyncOptions = {
  /** events.list maxResults (Google allows up to 2500). */
  pageSize: number;
  /** Pages read in one sync before giving up on a calendar that keeps changing under the listing. */
  maxPages: number;
};

export const DEFAULT_SYNC_OPTIONS: GoogleSyncOptions = { pageSize: 250, maxPages: 400 };

type EventsPage = { items?: GoogleEvent[]; nextPageToken?: string; nextSyncToken?: string };

/** The token was refused: 410 is Google's documented answer; a token it never issued may also come back as 400. */
const isRefusedToken = (status: number) => status === 410 || status === 400;

export async function syncGoogleCalendar(api: OAuthApi, calendarId: string, cursor: string | null, options: GoogleSyncOptions): Promise<SyncResult> {
  if (cursor !== null) {
    const incremental = await listAll(api, calendarId, cursor, options);
    if (incremental !== "token refused") return incremental;
  }
  const full = await listAll(api, calendarId, null, options);
  if (full === "token refused") throw new CalendarFailure("unavailable", `listing events of ${calendarId}: Google refused a full listing as a stale sync`);
  return full;
}

async function listAll(api: OAuthApi, calendarId: string, syncToken: string | null, options: GoogleSyncOptions): Promise<SyncResult | "token refused"> {
  const isFull = syncToken === null;
  const changed: RemoteObject[] = [];
  const removedHrefs: string[] = [];
  let pageToken: string | undefined;
  for (let pages = 0; pages < options.maxPages; pages += 1) {
    // The same query on every page (Google pairs page tokens with it). showDeleted
    // stays unset: a full listing needs no deletions, and with a sync token Google
    // always includes them and refuses showDeleted=false.
    const response = await api(eventsPath(calendarId), {
      query: { singleEvents: true, maxResults: options.pageSize, syncToken: syncToken ?? undefined, pageToken },
    });
    if (!isFull && isRefusedToken(response.status)) return "token refused";
    if (response.status !== 200) throw googleFailure(`listing events of ${calendarId}`, response, { isWrite: false });
    const page = response.json as EventsPage;
    for (const event of page.items ?? []) {
      if (typeof event.id !== "string") continue;
      const ics = event.status === "cancelled" ? null : icsOfGoogleEvent(event);
      if (ics !== null) changed.push({ href: event.id, etag: event.etag ?? null, ics });
      else if (!isFull) removedHrefs.push(event.id);
    }
    if (page.nextPageToken) {
      pageToken = page.nextPageToken;
      continue;
    }
    return { cursor: page.nextSyncToken ?? null, full: isFull, changed, removedHrefs };
  }
  throw new CalendarFailure("unavailable", `listing events of ${calendarId}: more than ${options.maxPages} pages`);
}
