// Microsoft Graph change-notification subscriptions on a calendar's events:
// create (Graph first checks the address answers its validationToken), renew
// by PATCHing the expiry, delete. Lifecycle notifications go to the same
// address. An address Graph cannot validate is CalendarFailure "rejected".
import { CalendarFailure } from "../../../core/calendars/calendar-errors.js";
import type { CalendarProvider, Watch } from "../../../use-cases/ports/calendars.js";
import type { ApiResponse, OAuthApi } from "../oauth-api.js";

type GraphSubscription = { id?: string; expirationDateTime?: string };
type GraphErrorBody = { error?: { code?: string; message?: string } };

function failureOf(action: string, response: ApiResponse): CalendarFailure {
  const { status } = response;
  if (status >= 500 || status === 408) return new CalendarFailure("unavailable", `${action}: Microsoft Graph answered ${status}`, { status });
  const error = (response.json as GraphErrorBody | null)?.error;
  const reason = error ? `${error.code ?? "error"}: ${error.message ?? ""}`.trim() : `status ${status}`;
  return new CalendarFailure("rejected", `${action}: Microsoft Graph refused it (${reason})`, { status });
}

function watchOf(action: string, response: ApiResponse): Watch {
  const subscription = response.json as GraphSubscription | null;
  const expiresAtMs = Date.parse(subscription?.expirationDateTime ?? "");
  if (!subscription?.id || Number.isNaN(expiresAtMs)) throw new CalendarFailure("unavailable", `${action}: Graph's answer has no id or expirationDateTime`);
  return { resourceId: subscription.id, expiresAtMs };
}

/**
 * Graph refuses an expiry past its documented maximum for Outlook events
 * (10,080 minutes from now) rather than shortening it: the caller asks for
 * less (push-channels.ts), and the expiry is sent as asked.
 */
export function graphSubscriptions(api: OAuthApi): Pick<CalendarProvider, "watch" | "renewWatch" | "unwatch"> {
  return {
    async watch(calendarId, request): Promise<Watch> {
      const action = "subscribing to a calendar's changes";
      const response = await api("/v1.0/subscriptions", {
        method: "POST",
        json: {
          changeType: "created,updated,deleted",
          notificationUrl: request.address,
          lifecycleNotificationUrl: request.address,
          resource: `/me/calendars/${calendarId}/events`,
          expirationDateTime: new Date(request.expiresAtMs).toISOString(),
          clientState: request.token,
        },
      });
      if (response.status !== 201 && response.status !== 200) throw failureOf(action, response);
      return watchOf(action, response);
    },

    async renewWatch(_calendarId, channel, expiresAtMs): Promise<Watch> {
      const action = "renewing a calendar subscription";
      const response = await api(`/v1.0/subscriptions/${encodeURIComponent(channel.resourceId)}`, { method: "PATCH", json: { expirationDateTime: new Date(expiresAtMs).toISOString() } });
      if (response.status !== 200) throw failureOf(action, response);
      return watchOf(action, response);
    },

    async unwatch(_calendarId, channel): Promise<void> {
      const response = await api(`/v1.0/subscriptions/${encodeURIComponent(channel.resourceId)}`, { method: "DELETE" });
      // Expired or removed already: gone is what was asked.
      if (response.status === 204 || response.status === 200 || response.status === 404) return;
      throw failureOf("deleting a calendar subscription", response);
    },
  };
}
