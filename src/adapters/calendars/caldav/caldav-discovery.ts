// Finding an account's calendars from the base URL a user gives (RFC 4791
// section 6, RFC 6764): the principal (at the URL itself or behind
// /.well-known/caldav), its calendar-home-set, then the calendar collections in
// each home that can hold events. A URL that is itself a calendar (or a home)
// works too, for servers that hide the principal.
import ICAL from "ical.js";
import { CalendarFailure } from "../../../core/calendars/calendar-errors.js";
import type { RemoteCalendar } from "../../../use-cases/ports/calendars.js";
import { arrayOf, asRecord, hrefsIn, propfindBody, textOf, type DavResponse } from "./dav-xml.js";
import type { DavSession } from "./dav-session.js";

const CALENDAR_PROPS = [
  "d:resourcetype",
  "d:displayname",
  "a:calendar-color",
  "c:supported-calendar-component-set",
  "d:current-user-privilege-set",
  "c:calendar-timezone",
  "c:calendar-timezone-id",
];

/** Privileges any one of which lets the account put events into a calendar (RFC 3744). */
const WRITE_PRIVILEGES = ["all", "write", "write-content", "bind"];

export async function discoverCalendars(dav: DavSession, serverUrl: string): Promise<RemoteCalendar[]> {
  const principalUrl = await findPrincipal(dav, serverUrl);
  const homeUrls = principalUrl ? await findCalendarHomes(dav, principalUrl) : [serverUrl];
  const calendars = new Map<string, RemoteCalendar>();
  for (const homeUrl of homeUrls) {
    const { response, multistatus } = await dav.multistatus("PROPFIND", homeUrl, { depth: "1", body: propfindBody(CALENDAR_PROPS), action: "listing calendars" });
    for (const entry of multistatus.responses) {
      const calendar = calendarFrom(entry, response.url);
      if (calendar) calendars.set(calendar.remoteId, calendar);
    }
  }
  if (calendars.size === 0 && !principalUrl) throw new CalendarFailure("rejected", `no CalDAV account or calendar found at ${serverUrl}`);
  return [...calendars.values()];
}

/** The principal's URL, from the URL given and then from /.well-known/caldav; null when neither names one. */
async function findPrincipal(dav: DavSession, serverUrl: string): Promise<string | null> {
  const base = new URL(serverUrl);
  const wellKnown = new URL("/.well-known/caldav", base).href;
  const candidates = base.pathname === "/" ? [wellKnown, base.href] : [base.href, wellKnown];
  for (const candidate of candidates) {
    let found: { response: { url: string }; multistatus: { responses: DavResponse[] } };
    try {
      found = await dav.multistatus("PROPFIND", candidate, { depth: "0", body: propfindBody(["d:current-user-principal"]), action: "finding the CalDAV principal" });
    } catch (error) {
      // Credentials and outages end discovery; a URL that is simply not the right one does not.
      if (error instanceof CalendarFailure && error.kind === "rejected") continue;
      throw error;
    }
    const href = found.multistatus.responses.flatMap((entry) => hrefsIn(entry.props["current-user-principal"]))[0];
    if (href) return new URL(href, found.response.url).href;
  }
  return null;
}

async function findCalendarHomes(dav: DavSession, principalUrl: string): Promise<string[]> {
  const { response, multistatus } = await dav.multistatus("PROPFIND", principalUrl, { depth: "0", body: propfindBody(["c:calendar-home-set"]), action: "finding the calendar home" });
  const homes = multistatus.responses.flatMap((entry) => hrefsIn(entry.props["calendar-home-set"])).map((href) => new URL(href, response.url).href);
  // Some servers keep calendars right under the principal and do not say so.
  return homes.length > 0 ? [...new Set(homes)] : [principalUrl];
}

function calendarFrom(entry: DavResponse, responseUrl: string): RemoteCalendar | null {
  if (!("calendar" in asRecord(entry.props.resourcetype))) return null;
  const components = arrayOf(asRecord(entry.props["supported-calendar-component-set"]).comp).map((comp) => String(asRecord(comp)["@name"] ?? "").toUpperCase());
  // No component set means the calendar takes every component.
  if (components.length > 0 && !components.includes("VEVENT")) return null;
  const remoteId = collectionUrl(new URL(entry.href, responseUrl).href);
  const privileges = arrayOf(asRecord(entry.props["current-user-privilege-set"]).privilege).flatMap((privilege) => Object.keys(asRecord(privilege)));
  return {
    remoteId,
    name: textOf(entry.props.displayname)?.trim() || lastSegment(remoteId),
    color: colorOf(textOf(entry.props["calendar-color"])),
    // Servers that do not report privileges are taken at their word when a write fails.
    readOnly: "current-user-privilege-set" in entry.props && !privileges.some((privilege) => WRITE_PRIVILEGES.includes(privilege)),
    timeZone: textOf(entry.props["calendar-timezone-id"]) ?? timeZoneOf(textOf(entry.props["calendar-timezone"])),
  };
}

export function collectionUrl(url: string): string {
  return url.endsWith("/") ? url : `${url}/`;
}

function lastSegment(url: string): string {
  const segment = new URL(url).pathname.split("/").filter(Boolean).pop() ?? url;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Apple's calendar-color is #RRGGBB or #RRGGBBAA; the alpha is dropped. */
function colorOf(value: string | null): string | null {
  const match = /^#([0-9a-f]{6})(?:[0-9a-f]{2})?$/i.exec(value?.trim() ?? "");
  return match ? `#${match[1]!.toLowerCase()}` : null;
}

/** The TZID of the VTIMEZONE in a calendar-timezone property (a VCALENDAR), or null. */
function timeZoneOf(vcalendar: string | null): string | null {
  if (!vcalendar) return null;
  try {
    const tzid = new ICAL.Component(ICAL.parse(vcalendar)).getFirstSubcomponent("vtimezone")?.getFirstPropertyValue("tzid");
    return typeof tzid === "string" && tzid !== "" ? tzid : null;
  } catch {
    return null;
  }
}
