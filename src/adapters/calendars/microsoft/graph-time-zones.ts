// Graph's dateTimeTimeZone values ({dateTime: "2027-01-05T10:00:00.0000000",
// timeZone}) to and from instants. Outlook names zones the Windows way
// ("W. Europe Standard Time"); Graph also takes a list of IANA names, but
// create and update "might not support all" of them (dateTimeTimeZone docs),
// so Convene writes the Windows name for the host's IANA zone and reads
// either kind. The Windows ↔ IANA table is Unicode CLDR's, kept by windows-iana.
import { Temporal } from "temporal-polyfill";
import { findIana, findWindows } from "windows-iana";

export type GraphDateTime = { dateTime: string; timeZone: string };

/** The IANA zone for a Windows or IANA zone name; null for one neither table knows (Outlook's "Customized Time Zone"). */
export function ianaZoneOf(timeZone: string): string | null {
  const name = timeZone.trim();
  // CLDR lists the canonical zone first ("W. Europe Standard Time" → Europe/Berlin).
  const candidates = [...findIana(name), name];
  for (const candidate of candidates) {
    try {
      return validZone(candidate);
    } catch {
      // Not a zone this runtime knows: try the next spelling.
    }
  }
  return null;
}

function validZone(name: string): string {
  // Throws a RangeError for an unknown identifier.
  Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(name);
  return name;
}

/** The wall date and time of a Graph dateTime (its 7-digit fraction cut to milliseconds); null when unreadable. */
export function plainDateTimeOf(dateTime: string): Temporal.PlainDateTime | null {
  const match = /^(\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d)?)(\.\d+)?$/.exec(dateTime.trim());
  if (match === null) return null;
  try {
    return Temporal.PlainDateTime.from(`${match[1]}${match[2] ? match[2].slice(0, 4) : ""}`);
  } catch {
    return null;
  }
}

/**
 * The instant a Graph dateTime names, in its zone; a zone no table knows is
 * read as UTC (what Graph answers when no outlook.timezone is asked for), and
 * a repeated wall time as its earlier offset, like the rest of Convene.
 */
export function instantOfGraphDateTime(value: GraphDateTime): number | null {
  const plain = plainDateTimeOf(value.dateTime);
  if (plain === null) return null;
  const zone = ianaZoneOf(value.timeZone) ?? "UTC";
  return plain.toZonedDateTime(zone, { disambiguation: "compatible" }).epochMilliseconds;
}

/**
 * How Convene writes an instant for a host in `ianaZone`: the wall time under
 * the zone's Windows name, so the event reads in the host's zone in Outlook;
 * UTC when the zone has no Windows name.
 */
export function graphDateTimeOf(epochMs: number, ianaZone: string): GraphDateTime {
  const windowsName = safeFindWindows(ianaZone);
  const zone = windowsName !== null && ianaZoneOf(ianaZone) !== null ? ianaZone : "UTC";
  const plain = Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(zone).toPlainDateTime();
  return { dateTime: plain.toString({ fractionalSecondDigits: 0 }), timeZone: zone === "UTC" ? "UTC" : windowsName! };
}

function safeFindWindows(ianaZone: string): string | null {
  try {
    return findWindows(ianaZone)[0] ?? null;
  } catch {
    return null;
  }
}
