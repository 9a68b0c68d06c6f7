// A contacts API's unexpected answer as the CalendarFailure the grant's other
// callers use: the queue retries "unavailable", a 403 is a permission the
// grant lacks, anything else the provider rejecting the request.
import { CalendarFailure } from "../../core/calendars/calendar-errors.js";

export function contactFailure(provider: string, action: string, status: number): CalendarFailure {
  if (status === 403) return new CalendarFailure("rejected", `${action}: ${provider} answered 403; the grant lacks the contacts permission`, { status });
  if (status >= 500 || status === 408) return new CalendarFailure("unavailable", `${action}: ${provider} answered ${status}`, { status });
  return new CalendarFailure("rejected", `${action}: ${provider} answered ${status}`, { status });
}
