// Google Calendar push channels: events.watch on a calendar's events and
// channels.stop. Google delivers to an https address on a domain the project
// verified; an address it refuses is CalendarFailure "rejected" with Google's
// reason, so the caller can keep polling and say why.
import { CalendarFailure } from "../../../core/calendars/calendar-errors.js";
import type { CalendarProvider, Watch } from "../../../use-cases/ports/calendars.js";
import type { ApiResponse, OAuthApi } from "../oauth-api.js";

type GoogleChannel = { id?: string; resourceId?: string; expiration?: string | number };
type GoogleErrorBody = { error?: { message?: string; errors?: { reason?: string; message?: string }[] } };

/** Google's own words for a refusal ("WebHook callback must be HTTPS: …"), or the status when it gave none. */
function reasonOf(response: ApiResponse): string {
  const error = (response.json as GoogleErrorBody | null)?.error;
  return error?.message ?? error?.errors?.[0]?.message ?? `status ${response.status}`;
}

function failureOf(action: string, response: ApiResponse): CalendarFailure {
  const { status } = response;
  if (status >= 500 || status === 408) return new CalendarFailure("unavailable", `${action}: Google answered ${status}`, { status });
  return new CalendarFailure("rejected", `${action}: Google refused it (${reasonOf(response)})`, { status });
}

export function googleWatch(api: OAuthApi): Pick<CalendarProvider, "watch" | "unwatch"> {
  return {
    async watch(calendarId, request): Promise<Watch> {
      const response = await api(`/calendar/v3/calendars/${encodeURIComponent(calendarId)}/events/watch`, {
        method: "POST",
        json: { id: request.channelId, type: "web_hook", address: request.address, token: request.token, expiration: request.expiresAtMs },
      });
      if (response.status !== 200) throw failureOf("watching a calendar for changes", response);
      const channel = response.json as GoogleChannel | null;
      const expiresAtMs = Number(channel?.expiration);
      if (!channel?.resourceId || !Number.isFinite(expiresAtMs)) throw new CalendarFailure("unavailable", "watching a calendar for changes: Google's answer has no resourceId or expiration");
      return { resourceId: channel.resourceId, expiresAtMs };
    },

    async unwatch(_calendarId, channel): Promise<void> {
      const response = await api("/calendar/v3/channels/stop", { method: "POST", json: { id: channel.channelId, resourceId: channel.resourceId } });
      // A channel that expired or was stopped already is gone: that is what was asked.
      if (response.status === 204 || response.status === 200 || response.status === 404) return;
      throw failureOf("stopping a push channel", response);
    },
  };
}
