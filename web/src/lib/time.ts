// Formatting instants for people, always in an explicit IANA zone (never the
// machine's by accident). Intl does the zone arithmetic and the localisation.

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

/** Every IANA zone the browser knows, for the searchable zone picker. */
export function allTimeZones(): string[] {
  const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.("timeZone") ?? [];
  return supported.includes("UTC") ? supported : ["UTC", ...supported];
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = timeZone + JSON.stringify(options);
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(undefined, { timeZone, ...options });
    formatters.set(key, found);
  }
  return found;
}

/** "3:30 PM" / "15:30" per the reader's locale. */
export function formatTime(instant: string | number | Date, timeZone: string): string {
  return formatter(timeZone, { hour: "numeric", minute: "2-digit" }).format(new Date(instant));
}

/** "Tuesday, 24 November 2026" per the reader's locale. */
export function formatDate(instant: string | number | Date, timeZone: string): string {
  return formatter(timeZone, { weekday: "long", year: "numeric", month: "long", day: "numeric" }).format(new Date(instant));
}

/** "Tue 24 Nov, 15:30" per the reader's locale. */
export function formatDateTime(instant: string | number | Date, timeZone: string): string {
  return formatter(timeZone, { weekday: "short", month: "short", day: "numeric", hour: "numeric", minute: "2-digit" }).format(new Date(instant));
}

/** The zone's current offset as "GMT+1" / "GMT-4:30". */
export function zoneOffsetLabel(timeZone: string, at: number | Date = Date.now()): string {
  const part = formatter(timeZone, { timeZoneName: "shortOffset" })
    .formatToParts(new Date(at))
    .find((p) => p.type === "timeZoneName");
  return part?.value ?? "";
}

/** The calendar date ("2026-11-24") an instant falls on in a zone. */
export function localDate(instant: string | number | Date, timeZone: string): string {
  const parts = formatter(timeZone, { year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(new Date(instant));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}
