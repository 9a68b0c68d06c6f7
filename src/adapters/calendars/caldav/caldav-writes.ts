// Convene's own events on a CalDAV calendar, written so that a retry never
// makes a second event: PUT If-None-Match: * at a name derived from the UID;
// a 412 means it is already there (a retry, a crash after the write), a
// no-uid-conflict means the owner has the same UID elsewhere (an imported
// invite): both are overwritten in place with If-Match. Updates carry
// If-Match and re-read a stale etag once; a delete of what is gone succeeds.
import { CalendarFailure } from "../../../core/calendars/calendar-errors.js";
import type { OwnEvent, WrittenEvent } from "../../../use-cases/ports/calendars.js";
import { assertEventUid, resourceNameForUid } from "../event-resource.js";
import type { SafeResponse } from "../safe-fetch.js";
import { calendarQueryBody, parseDavError, parseMultistatus, propfindBody, textOf } from "./dav-xml.js";
import { isSuccess, statusFailure } from "../http-failure.js";
import type { DavSession } from "./dav-session.js";

const ICS_CONTENT_TYPE = "text/calendar; charset=utf-8";

export function ownEventHref(calendarUrl: string, uid: string): string {
  return new URL(resourceNameForUid(uid), calendarUrl).href;
}

export async function createEvent(dav: DavSession, calendarUrl: string, event: OwnEvent): Promise<WrittenEvent> {
  assertEventUid(event.uid, event.ics);
  const href = ownEventHref(calendarUrl, event.uid);
  const response = await put(dav, href, event.ics, { "if-none-match": "*" });
  if (isSuccess(response)) return written(href, response);
  if (response.status === 412) return overwrite(dav, href, event.ics, 2);
  if (response.status === 403 || response.status === 409) {
    const conflict = parseDavError(response.body);
    if (conflict.has("no-uid-conflict")) {
      const holder = conflict.get("no-uid-conflict") ?? (await findHrefOfUid(dav, calendarUrl, event.uid));
      return overwrite(dav, insideCalendar(calendarUrl, new URL(holder, response.url).href), event.ics, 2);
    }
  }
  throw statusFailure(response, "writing the event", { isWrite: true });
}

export async function updateEvent(dav: DavSession, calendarUrl: string, event: OwnEvent, at: WrittenEvent): Promise<WrittenEvent> {
  assertEventUid(event.uid, event.ics);
  const href = insideCalendar(calendarUrl, at.href);
  if (at.etag === null) return overwrite(dav, href, event.ics, 2);
  const response = await put(dav, href, event.ics, { "if-match": at.etag });
  if (isSuccess(response)) return written(href, response);
  // Changed since Convene wrote it (the owner edited it, or an earlier update's etag was not kept): re-read once.
  if (response.status === 412) return overwrite(dav, href, event.ics, 1);
  throw statusFailure(response, "updating the event", { isWrite: true });
}

export async function deleteEvent(dav: DavSession, calendarUrl: string, uid: string, at: WrittenEvent | null): Promise<void> {
  const href = at ? insideCalendar(calendarUrl, at.href) : ownEventHref(calendarUrl, uid);
  let etag = at?.etag ?? null;
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const response = await dav.send("DELETE", href, { headers: etag === null ? {} : { "if-match": etag } });
    if (isSuccess(response) || response.status === 404 || response.status === 410) return;
    if (response.status !== 412) throw statusFailure(response, "removing the event", { isWrite: true });
    // Edited since it was written: still Convene's event to remove, at its current etag.
    etag = await readEtag(dav, href);
    if (etag === null) return;
  }
  throw new CalendarFailure("unavailable", `${href} kept changing while Convene removed it; try again`, { status: 412 });
}

/** PUT over whatever is at href now, or create it if it went away; a concurrent change costs a re-read, `attempts` times. */
async function overwrite(dav: DavSession, href: string, ics: string, attempts: number): Promise<WrittenEvent> {
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    const etag = await readEtag(dav, href);
    const response = await put(dav, href, ics, etag === null ? { "if-none-match": "*" } : { "if-match": etag });
    if (isSuccess(response)) return written(href, response);
    if (response.status !== 412) throw statusFailure(response, "writing the event", { isWrite: true });
  }
  throw new CalendarFailure("unavailable", `${href} kept changing while Convene wrote it; try again`, { status: 412 });
}

function put(dav: DavSession, href: string, ics: string, condition: Record<string, string>): Promise<SafeResponse> {
  return dav.send("PUT", href, { body: ics, headers: { "content-type": ICS_CONTENT_TYPE, ...condition } });
}

/**
 * The etag after a write; null when the server did not send one (RFC 4791
 * section 5.3.4: a server that altered the data must not), and the next
 * update then re-reads it.
 */
function written(href: string, response: SafeResponse): WrittenEvent {
  return { href, etag: response.headers.get("etag") };
}

/** The resource's current etag; null when it is not there. */
async function readEtag(dav: DavSession, href: string): Promise<string | null> {
  const response = await dav.send("PROPFIND", href, { depth: "0", body: propfindBody(["d:getetag"]) });
  if (response.status === 404 || response.status === 410) return null;
  if (response.status !== 207) throw statusFailure(response, "reading the event's etag", { isWrite: false });
  const etag = textOf(parseMultistatus(response.body)?.responses[0]?.props.getetag);
  if (etag === null) throw new CalendarFailure("rejected", `${href} has no etag, so it cannot be overwritten safely`);
  return etag;
}

/** Where the event with this UID lives, for a server that refused a second one without saying where (Radicale does). */
async function findHrefOfUid(dav: DavSession, calendarUrl: string, uid: string): Promise<string> {
  const { response, multistatus } = await dav.multistatus("REPORT", calendarUrl, { depth: "1", body: calendarQueryBody({ uid, withData: false }), action: "finding the event with the same UID" });
  const found = multistatus.responses.find((entry) => entry.status === null || entry.status === 200);
  if (!found) throw new CalendarFailure("rejected", `the server reports another event with UID ${uid} but does not list it`, { status: response.status });
  return found.href;
}

/** An href Convene holds must be inside the calendar it is written to: the credentials go wherever the href points. */
function insideCalendar(calendarUrl: string, href: string): string {
  let url: URL;
  try {
    url = new URL(href, calendarUrl);
  } catch (error) {
    throw new CalendarFailure("rejected", `"${href}" is not an event URL`, { cause: error });
  }
  if (!url.href.startsWith(calendarUrl) || url.href === calendarUrl) throw new CalendarFailure("rejected", `${href} is not an event in ${calendarUrl}`);
  return url.href;
}
