// Google Calendar API v3 as a CalendarProvider, over the connection's OAuth
// grant (oauth-api.ts). Reads calendarList; sync and writes follow.
import { CalendarFailure } from "../../../core/calendars/calendar-errors.js";
import type { CalendarProvider, ProviderConfig, RemoteCalendar } from "../../../use-cases/ports/calendars.js";
import type { OAuthApi } from "../oauth-api.js";
import { googleWatch } from "./google-watch.js";

type GoogleConfig = Extract<ProviderConfig, { kind: "google" }>;

type CalendarListEntry = { id: string; summary?: string; summaryOverride?: string; backgroundColor?: string; accessRole?: string; timeZone?: string; primary?: boolean };
type CalendarListPage = { items?: CalendarListEntry[]; nextPageToken?: string };

/** Roles that may write events (freeBusyReader and reader may not). */
const WRITER_ROLES = new Set(["owner", "writer"]);

function failureOf(action: string, status: number): CalendarFailure {
  if (status === 403) return new CalendarFailure("rejected", `${action}: Google answered 403; the account may not do this`, { status });
  if (status >= 500 || status === 408) return new CalendarFailure("unavailable", `${action}: Google answered ${status}`, { status });
  return new CalendarFailure("rejected", `${action}: Google answered ${status}`, { status });
}

export function createGoogleCalendarProvider(_config: GoogleConfig, api: OAuthApi): CalendarProvider {
  const notYet = (what: string) => Promise.reject(new CalendarFailure("rejected", `Google ${what} is not available in this build`));
  return {
    kind: "google",

    async listCalendars(): Promise<RemoteCalendar[]> {
      const calendars: RemoteCalendar[] = [];
      let pageToken: string | undefined;
      do {
        const response = await api("/calendar/v3/users/me/calendarList", { query: { maxResults: 250, pageToken } });
        if (response.status !== 200) throw failureOf("listing calendars", response.status);
        const page = response.json as CalendarListPage;
        for (const entry of page.items ?? []) {
          calendars.push({
            remoteId: entry.id,
            name: entry.summaryOverride ?? entry.summary ?? entry.id,
            color: entry.backgroundColor ?? null,
            readOnly: !WRITER_ROLES.has(entry.accessRole ?? ""),
            timeZone: entry.timeZone ?? null,
          });
        }
        pageToken = page.nextPageToken;
      } while (pageToken);
      return calendars;
    },

    sync: () => notYet("sync"),
    createEvent: () => notYet("event writing"),
    updateEvent: () => notYet("event writing"),
    deleteEvent: () => notYet("event writing"),
    ...googleWatch(api),
  };
}
