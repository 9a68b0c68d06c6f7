// How the Google Calendar API's answers become CalendarFailure kinds, and the
// paths the provider calls. A 401 never gets here (oauth-api.ts refreshes once
// and then fails as "auth"), nor does a throttling 429/403 (waited out there).
import { CalendarFailure } from "../../../core/calendars/calendar-errors.js";
import type { ApiResponse } from "../oauth-api.js";

/** Google marks throttling 403s by reason (usageLimits): they are waited out, not taken for a permission. */
const RATE_LIMIT_REASONS = new Set(["rateLimitExceeded", "userRateLimitExceeded", "quotaExceeded"]);

/** The first `error.errors[].reason` of a Google error body ("fullSyncRequired", "requiredAccessLevel"…), or null. */
export function reasonOf(response: ApiResponse): string | null {
  const errors = (response.json as { error?: { errors?: { reason?: unknown }[] } } | null)?.error?.errors ?? [];
  const reason = errors.find((error) => typeof error.reason === "string")?.reason;
  return typeof reason === "string" ? reason : null;
}

export const isGoogleRateLimit = (response: ApiResponse): boolean => {
  const errors = (response.json as { error?: { errors?: { reason?: unknown }[] } } | null)?.error?.errors ?? [];
  return errors.some((error) => typeof error.reason === "string" && RATE_LIMIT_REASONS.has(error.reason));
};

/**
 * A 403 on a read is the grant lacking a scope or the account losing access:
 * reconnecting can fix it ("auth"). On a write it is the calendar refusing
 * this account (a reader's share), which reconnecting will not change
 * ("rejected"). 5xx and 408 are worth retrying later; any other answer is
 * Google rejecting the request.
 */
export function googleFailure(action: string, response: ApiResponse, { isWrite }: { isWrite: boolean }): CalendarFailure {
  const { status } = response;
  const reason = reasonOf(response);
  const message = `${action}: Google answered ${status}${reason ? ` (${reason})` : ""}`;
  if (status === 403 && !isWrite) return new CalendarFailure("auth", `${message}; the account may no longer read this calendar`, { status });
  if (status >= 500 || status === 408) return new CalendarFailure("unavailable", message, { status });
  return new CalendarFailure("rejected", status === 403 ? `${message}; the calendar is read-only for this account` : message, { status });
}

/** /calendar/v3/calendars/{calendarId}/events[/{eventId}], each segment escaped (calendar ids are email addresses). */
export function eventsPath(calendarId: string, eventId?: string): string {
  const events = `/calendar/v3/calendars/${encodeURIComponent(calendarId)}/events`;
  return eventId === undefined ? events : `${events}/${encodeURIComponent(eventId)}`;
}
