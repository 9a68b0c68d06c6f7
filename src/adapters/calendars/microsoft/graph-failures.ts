// Graph's error answers as the failure kinds sync and the calendar channel act
// on. oauth-api.ts has already refreshed once on 401 and waited out 429/503;
// what reaches here is Graph refusing the request for what it is.
import { CalendarFailure } from "../../../core/calendars/calendar-errors.js";
import type { ApiResponse } from "../oauth-api.js";

/** Graph's error code ({"error": {"code": …}}), lower-cased; "" when the body has none. */
export function graphErrorCode(response: ApiResponse): string {
  const code = (response.json as { error?: { code?: unknown } } | null)?.error?.code;
  return typeof code === "string" ? code.toLowerCase() : "";
}

/**
 * 403 on a read is consent the account no longer gives (Calendars.Read taken
 * away: reconnecting fixes it); on a write it is a calendar the account may
 * only read, which reconnecting will not change. 5xx and 408 are worth trying
 * again later; any other answer is the request refused.
 */
export function graphFailure(action: string, response: ApiResponse, { isWrite }: { isWrite: boolean }): CalendarFailure {
  const { status } = response;
  const code = graphErrorCode(response);
  const message = `${action}: Microsoft Graph answered ${status}${code ? ` (${code})` : ""}`;
  if (status === 401 || (status === 403 && !isWrite)) return new CalendarFailure("auth", `${message}; the account's consent does not cover it`, { status });
  if (status >= 500 || status === 408 || status === 429) return new CalendarFailure("unavailable", message, { status });
  return new CalendarFailure("rejected", status === 403 ? `${message}; the calendar is read-only for this account` : message, { status });
}

export const isSuccess = (response: ApiResponse): boolean => response.status >= 200 && response.status < 300;
