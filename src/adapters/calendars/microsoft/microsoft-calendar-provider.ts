// Microsoft Graph v1.0 calendars as a CalendarProvider, over the connection's
// OAuth grant (oauth-api.ts). Reads /me/calendars; sync and writes follow.
import { CalendarFailure } from "../../../core/calendars/calendar-errors.js";
import type { CalendarProvider, ProviderConfig, RemoteCalendar } from "../../../use-cases/ports/calendars.js";
import type { OAuthApi } from "../oauth-api.js";
import { graphSubscriptions } from "./graph-subscriptions.js";

type MicrosoftConfig = Extract<ProviderConfig, { kind: "microsoft" }>;

type GraphCalendar = { id: string; name?: string; hexColor?: string; canEdit?: boolean; isDefaultCalendar?: boolean };
type GraphPage<T> = { value?: T[]; "@odata.nextLink"?: string };

function failureOf(action: string, status: number): CalendarFailure {
  if (status >= 500 || status === 408) return new CalendarFailure("unavailable", `${action}: Microsoft Graph answered ${status}`, { status });
  return new CalendarFailure("rejected", `${action}: Microsoft Graph answered ${status}`, { status });
}

export function createMicrosoftCalendarProvider(_config: MicrosoftConfig, api: OAuthApi): CalendarProvider {
  const notYet = (what: string) => Promise.reject(new CalendarFailure("rejected", `Microsoft ${what} is not available in this build`));
  return {
    kind: "microsoft",

    async listCalendars(): Promise<RemoteCalendar[]> {
      const calendars: RemoteCalendar[] = [];
      let next: string | undefined = "/v1.0/me/calendars?$top=100";
      while (next) {
        const response = await api(next);
        if (response.status !== 200) throw failureOf("listing calendars", response.status);
        const page = response.json as GraphPage<GraphCalendar>;
        for (const calendar of page.value ?? []) {
          calendars.push({ remoteId: calendar.id, name: calendar.name ?? calendar.id, color: calendar.hexColor || null, readOnly: calendar.canEdit === false, timeZone: null });
        }
        next = page["@odata.nextLink"];
      }
      return calendars;
    },

    sync: () => notYet("sync"),
    createEvent: () => notYet("event writing"),
    updateEvent: () => notYet("event writing"),
    deleteEvent: () => notYet("event writing"),
    ...graphSubscriptions(api),
  };
}
