// Graph's dateTimeTimeZone values: Outlook's Windows zone names (or IANA names),
// the Prefer: outlook.timezone header, and the 7-digit fraction Graph writes.
import type { IncomingMessage } from "node:http";
import { Temporal } from "temporal-polyfill";
import { GraphError } from "./microsoft-errors.js";

// Windows zone names Outlook uses, mapped to IANA; IANA names are accepted as well.
const WINDOWS_ZONES: Record<string, string> = {
  UTC: "UTC",
  "Pacific Standard Time": "America/Los_Angeles",
  "Mountain Standard Time": "America/Denver",
  "Central Standard Time": "America/Chicago",
  "Eastern Standard Time": "America/New_York",
  "GMT Standard Time": "Europe/London",
  "W. Europe Standard Time": "Europe/Berlin",
  "Romance Standard Time": "Europe/Paris",
  "India Standard Time": "Asia/Kolkata",
  "Tokyo Standard Time": "Asia/Tokyo",
  "AUS Eastern Standard Time": "Australia/Sydney",
};

function ianaZone(timeZone: string): string {
  const iana = WINDOWS_ZONES[timeZone] ?? timeZone;
  try {
    Temporal.Now.zonedDateTimeISO(iana);
  } catch {
    throw new GraphError(400, "TimeZoneNotSupportedException", `A valid TimeZone value must be specified. The following TimeZone value is not supported: '${timeZone}'.`);
  }
  return iana;
}

/** The zone named by Prefer: outlook.timezone="...", checked; null when absent. */
export function preferredTimeZone(request: IncomingMessage): string | null {
  const prefer = String(request.headers.prefer ?? "");
  const match = /outlook\.timezone="([^"]+)"/.exec(prefer);
  if (match === null) return null;
  ianaZone(match[1]!);
  return match[1]!;
}

export function toEpochMs(value: { dateTime: string; timeZone: string }): number {
  let plain: Temporal.PlainDateTime;
  try {
    plain = Temporal.PlainDateTime.from(value.dateTime);
  } catch {
    throw new GraphError(400, "ErrorInvalidRequest", `Cannot convert the literal '${value.dateTime}' to the expected type 'Edm.DateTime'.`);
  }
  return plain.toZonedDateTime(ianaZone(value.timeZone)).epochMilliseconds;
}

export function formatInZone(epochMs: number, timeZone: string): string {
  const plain = Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(ianaZone(timeZone)).toPlainDateTime();
  return `${plain.toString({ fractionalSecondDigits: 0 })}.0000000`;
}

export function parseQueryInstant(text: string): number {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new GraphError(400, "ErrorInvalidParameter", `The value '${text}' of parameter 'StartDateTime/EndDateTime' is invalid.`);
  return ms;
}
