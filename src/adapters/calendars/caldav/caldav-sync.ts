// Reading a CalDAV calendar incrementally. With RFC 6578 sync-collection the
// cursor is the server's sync token: a REPORT lists what changed and what went,
// and calendar-multiget fetches the changed bodies. A token the server no
// longer knows (403/409 DAV:valid-sync-token) becomes a full listing. Servers
// without sync-collection are read by their getctag: unchanged ctag, nothing
// to do; changed, a full listing by calendar-query.
import { CalendarFailure } from "../../../core/calendars/calendar-errors.js";
import type { RemoteObject, SyncResult } from "../../../use-cases/ports/calendars.js";
import { collectionUrl } from "./caldav-discovery.js";
import { calendarMultigetBody, calendarQueryBody, parseDavError, parseMultistatus, propfindBody, syncCollectionBody, textOf, type DavResponse } from "./dav-xml.js";
import { statusFailure } from "../http-failure.js";
import type { DavSession } from "./dav-session.js";

type Cursor = { kind: "sync-token"; token: string } | { kind: "ctag"; ctag: string };

const SYNC_PREFIX = "caldav-sync:";
const CTAG_PREFIX = "caldav-ctag:";
/** hrefs per calendar-multiget: large enough to be few requests, small enough for any server's request limits. */
const MULTIGET_BATCH = 100;
/** A server that truncates sync-collection answers (507) is asked again from where it stopped, this many times at most. */
const MAX_SYNC_PAGES = 50;

export type CaldavSyncOptions = {
  /** False reads calendars by ctag even on servers with sync-collection (tests of the fallback path). */
  useSyncCollection: boolean;
};

export async function syncCalendar(dav: DavSession, calendarUrl: string, cursorText: string | null, options: CaldavSyncOptions): Promise<SyncResult> {
  const cursor = parseCursor(cursorText);
  if (cursor?.kind === "sync-token" && options.useSyncCollection) {
    const changes = await changesSince(dav, calendarUrl, cursor.token);
    if (changes) {
      const fetched = await fetchObjects(dav, calendarUrl, changes.changedHrefs);
      return { cursor: SYNC_PREFIX + changes.syncToken, full: false, changed: fetched.objects, removedHrefs: [...changes.removedHrefs, ...fetched.missingHrefs] };
    }
  }
  const state = await collectionState(dav, calendarUrl);
  if (state.supportsSync && options.useSyncCollection) {
    const changes = await changesSince(dav, calendarUrl, null);
    if (!changes) throw new CalendarFailure("rejected", `${calendarUrl} refused an initial sync-collection`);
    const fetched = await fetchObjects(dav, calendarUrl, changes.changedHrefs);
    return { cursor: SYNC_PREFIX + changes.syncToken, full: true, changed: fetched.objects, removedHrefs: [] };
  }
  const nextCursor = state.ctag === null ? null : CTAG_PREFIX + state.ctag;
  if (cursor?.kind === "ctag" && cursor.ctag === state.ctag) return { cursor: nextCursor, full: false, changed: [], removedHrefs: [], unchanged: true };
  return { cursor: nextCursor, full: true, changed: await listAllEvents(dav, calendarUrl), removedHrefs: [] };
}

/** A cursor this provider did not write (another provider's, an older format) is no cursor: a full sync. */
function parseCursor(cursor: string | null): Cursor | null {
  if (cursor?.startsWith(SYNC_PREFIX) && cursor.length > SYNC_PREFIX.length) return { kind: "sync-token", token: cursor.slice(SYNC_PREFIX.length) };
  if (cursor?.startsWith(CTAG_PREFIX) && cursor.length > CTAG_PREFIX.length) return { kind: "ctag", ctag: cursor.slice(CTAG_PREFIX.length) };
  return null;
}

async function collectionState(dav: DavSession, calendarUrl: string): Promise<{ supportsSync: boolean; ctag: string | null }> {
  const { multistatus } = await dav.multistatus("PROPFIND", calendarUrl, {
    depth: "0",
    body: propfindBody(["d:supported-report-set", "d:sync-token", "cs:getctag"]),
    action: "reading the calendar's state",
  });
  const self = multistatus.responses[0];
  const reports = JSON.stringify(self?.props["supported-report-set"] ?? "");
  return { supportsSync: reports.includes('"sync-collection"') || textOf(self?.props["sync-token"]) !== null, ctag: textOf(self?.props.getctag) };
}

type Changes = { syncToken: string; changedHrefs: string[]; removedHrefs: string[] };

/** sync-collection from a token (null: everything); null when the server no longer knows the token. */
async function changesSince(dav: DavSession, calendarUrl: string, syncToken: string | null): Promise<Changes | null> {
  const changed = new Set<string>();
  const removed = new Set<string>();
  let token = syncToken;
  for (let page = 0; page < MAX_SYNC_PAGES; page += 1) {
    const response = await dav.send("REPORT", calendarUrl, { depth: "1", body: syncCollectionBody(token) });
    if (response.status !== 207) {
      if (token !== null && [400, 403, 409, 410].includes(response.status) && parseDavError(response.body).has("valid-sync-token")) return null;
      throw statusFailure(response, "syncing the calendar", { isWrite: false });
    }
    const multistatus = parseMultistatus(response.body);
    if (multistatus?.syncToken == null) throw new CalendarFailure("rejected", `${calendarUrl} answered sync-collection without a sync token`, { status: response.status });
    let isTruncated = false;
    for (const entry of multistatus.responses) {
      const href = new URL(entry.href, response.url).href;
      if (collectionUrl(href) === calendarUrl) {
        // RFC 6578 section 3.6: the collection itself with 507 means "more to come, ask again with the new token".
        isTruncated ||= entry.status === 507;
        continue;
      }
      if (href.endsWith("/")) continue;
      if (entry.status === 404) {
        changed.delete(href);
        removed.add(href);
      } else {
        removed.delete(href);
        changed.add(href);
      }
    }
    token = multistatus.syncToken;
    if (!isTruncated) return { syncToken: token, changedHrefs: [...changed], removedHrefs: [...removed] };
  }
  throw new CalendarFailure("rejected", `${calendarUrl} kept truncating its sync-collection answer after ${MAX_SYNC_PAGES} pages`);
}

/** Bodies of these objects by calendar-multiget; hrefs the server no longer has come back as missing. */
async function fetchObjects(dav: DavSession, calendarUrl: string, hrefs: string[]): Promise<{ objects: RemoteObject[]; missingHrefs: string[] }> {
  const objects: RemoteObject[] = [];
  const missingHrefs: string[] = [];
  for (let start = 0; start < hrefs.length; start += MULTIGET_BATCH) {
    const batch = hrefs.slice(start, start + MULTIGET_BATCH);
    const { response, multistatus } = await dav.multistatus("REPORT", calendarUrl, {
      depth: "1",
      body: calendarMultigetBody(batch.map((href) => new URL(href).pathname)),
      action: "reading changed events",
    });
    const seen = new Set<string>();
    for (const entry of multistatus.responses) {
      const href = new URL(entry.href, response.url).href;
      const object = objectFrom(entry, href);
      if (!object) continue;
      objects.push(object);
      seen.add(href);
    }
    missingHrefs.push(...batch.filter((href) => !seen.has(href)));
  }
  return { objects, missingHrefs };
}

/** Every event in the calendar with its body, by calendar-query (servers without sync-collection). */
async function listAllEvents(dav: DavSession, calendarUrl: string): Promise<RemoteObject[]> {
  const { response, multistatus } = await dav.multistatus("REPORT", calendarUrl, { depth: "1", body: calendarQueryBody({ withData: true }), action: "listing the calendar's events" });
  return multistatus.responses.flatMap((entry) => objectFrom(entry, new URL(entry.href, response.url).href) ?? []);
}

function objectFrom(entry: DavResponse, href: string): RemoteObject | null {
  const ics = textOf(entry.props["calendar-data"]);
  if (ics === null || (entry.status !== null && entry.status !== 200)) return null;
  return { href, etag: textOf(entry.props.getetag), ics };
}
