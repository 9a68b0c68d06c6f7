// Google Calendar API v3 as a CalendarProvider, over the connection's OAuth
// grant (oauth-api.ts): calendarList here, events.list sync in google-sync.ts,
// Convene's own events in google-writes.ts. Push channels (events.watch) are
// spread in beside these when they exist.
import type { CalendarProvider, ProviderConfig, RemoteCalendar } from "../../../use-cases/ports/calendars.js";
import type { OAuthApi } from "../oauth-api.js";
import { googleFailure } from "./google-failures.js";
import { DEFAULT_SYNC_OPTIONS, syncGoogleCalendar, type GoogleSyncOptions } from "./google-sync.js";
import { googleWrites } from "./google-writes.js";
import { googleWatch } from "./google-watch.js";

type GoogleConfig = Extract<ProviderConfig, { kind: "google" }>;

type CalendarListEntry = { id: string; summary?: string; summaryOverride?: string; backgroundColor?: string; accessRole?: string; timeZone?: string; primary?: boolean };
type CalendarListPage = { items?: CalendarListEntry[]; nextPageToken?: string };

/** Roles that may write events (freeBusyReader and reader may not). */
const WRITER_ROLES = new Set(["owner", "writer"]);

export function createGoogleCalendarProvider(_config: GoogleConfig, api: OAuthApi, options: Partial<GoogleSyncOptions> = {}): CalendarProvider {
  const syncOptions: GoogleSyncOptions = { ...DEFAULT_SYNC_OPTIONS, ...options };
  return {
    kind: "google",

    async listCalendars(): Promise<RemoteCalendar[]> {
      const calendars: RemoteCalendar[] = [];
      let pageToken: string | undefined;
      do {
        const response = await api("/calendar/v3/users/me/calendarList", { query: { maxResults: 250, pageToken } });
        if (response.status !== 200) throw googleFailure("listing calendars", response, { isWrite: false });
        const page = response.json as CalendarListPage;
        for (const entry of page.items ?? []) {
          calendars.push({
            remoteId: entry.id,
            name: entry.summaryOverride ?? entry.summary ?? entry.id,
            color: entry.backgroundColor ?? null,
            readOnly: !WRITER_ROLES.has(entry.accessRole ?? ""),
            timeZone: entry.timeZone ?? null,
            isPrimary: entry.primary === true,
          });
        }
        pageToken = page.nextPageToken;
      } while (pageToken);
      return calendars;
    },

    sync: (calendarId, cursor) => syncGoogleCalendar(api, calendarId, cursor, syncOptions),
    ...googleWrites(api),
    ...googleWatch(api),
  };
}
