// The one mapping from a calendar server's HTTP answer to the failure kinds
// sync and the calendar channel act on, shared by CalDAV and ICS feeds.
import { CalendarFailure } from "../../core/calendars/calendar-errors.js";
import type { SafeResponse } from "./safe-fetch.js";

/**
 * 401 is always the credentials. 403 on a read is too (the account lost access,
 * a private feed's secret was revoked: the owner must reconnect); on a write it
 * is the calendar refusing the account (read-only), which reconnecting will not
 * change. 5xx, 408 and 429 are worth retrying later; any other answer is the
 * server rejecting the request.
 */
export function statusFailure(response: SafeResponse, action: string, { isWrite }: { isWrite: boolean }): CalendarFailure {
  const { status } = response;
  const message = `${action}: ${new URL(response.url).origin} answered ${status}`;
  if (status === 401 || (status === 403 && !isWrite)) return new CalendarFailure("auth", `${message}; the credentials were refused`, { status });
  if (status >= 500 || status === 408 || status === 429) return new CalendarFailure("unavailable", message, { status });
  return new CalendarFailure("rejected", status === 403 ? `${message}; the calendar is read-only for this account` : message, { status });
}

export const isSuccess = (response: SafeResponse): boolean => response.status >= 200 && response.status < 300;
