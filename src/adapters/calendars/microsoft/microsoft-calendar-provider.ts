// Microsoft Graph v1.0 calendars as a CalendarProvider, over the connection's
// OAuth grant (oauth-api.ts): /me/calendars, calendarView/delta sync
// (graph-sync.ts, each event as iCalendar by graph-events.ts) and Convene's
// own events (graph-writes.ts). Push (Graph subscriptions) is spread in
// separately and keeps to the same object shape.
import type { CalendarProvider, ProviderConfig, RemoteCalendar } from "../../../use-cases/ports/calendars.js";
import type { OAuthApi } from "../oauth-api.js";
import { graphFailure } from "./graph-failures.js";
import { syncCalendarView } from "./graph-sync.js";
import { createEvent, deleteEvent, updateEvent } from "./graph-writes.js";
import { graphSubscriptions } from "./graph-subscriptions.js";

type MicrosoftConfig = Extract<ProviderConfig, { kind: "microsoft" }>;

type GraphCalendar = { id: string; name?: string; hexColor?: string; canEdit?: boolean; isDefaultCalendar?: boolean };
type GraphPage<T> = { value?: T[]; "@odata.nextLink"?: string };

export type MicrosoftProviderOptions = {
  /** The clock the sync window is placed by (graph-sync.ts); tests move it. */
  nowMs?: () => number;
};

export function createMicrosoftCalendarProvider(config: MicrosoftConfig, api: OAuthApi, options: MicrosoftProviderOptions = {}): CalendarProvider {
  const nowMs = options.nowMs ?? (() => Date.now());
  return {
    kind: "microsoft",

    async listCalendars(): Promise<RemoteCalendar[]> {
      const calendars: RemoteCalendar[] = [];
      let next: string | undefined = "/v1.0/me/calendars?$top=100";
      while (next) {
        const response = await api(next);
        if (response.status !== 200) throw graphFailure("listing calendars", response, { isWrite: false });
        const page = response.json as GraphPage<GraphCalendar>;
        for (const calendar of page.value ?? []) {
          calendars.push({
            remoteId: calendar.id,
            name: calendar.name ?? calendar.id,
            color: calendar.hexColor || null,
            readOnly: calendar.canEdit === false,
            timeZone: null,
            isPrimary: calendar.isDefaultCalendar === true,
          });
        }
        next = page["@odata.nextLink"];
      }
      return calendars;
    },

    sync: (calendarId, cursor) => syncCalendarView(api, calendarId, cursor, { nowMs: nowMs(), accountEmail: config.accountEmail }),
    createEvent: (calendarId, event) => createEvent(api, calendarId, event),
    updateEvent: (calendarId, event, at) => updateEvent(api, calendarId, event, at),
    deleteEvent: (_calendarId, _uid, at) => deleteEvent(api, at),
    ...graphSubscriptions(api),
  };
}
