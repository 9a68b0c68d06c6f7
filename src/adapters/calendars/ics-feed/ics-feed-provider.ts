// CalendarProvider for a published iCalendar feed (https, http, webcal): one
// read-only calendar. Sync is a conditional GET (If-None-Match /
// If-Modified-Since from the cursor; 304 is "unchanged"), and a feed served
// again without validators is recognised by its hash. A changed feed is a
// full sync: feeds have no change log.
import { createHash } from "node:crypto";
import { CalendarFailure } from "../../../core/calendars/calendar-errors.js";
import type { CalendarProvider, ProviderConfig, RemoteCalendar, SyncResult } from "../../../use-cases/ports/calendars.js";
import { isSuccess, statusFailure } from "../http-failure.js";
import type { SafeFetch, SafeResponse } from "../safe-fetch.js";
import { parseFeed, splitFeedByUid, type Feed } from "./ics-feed-split.js";

export type IcsFeedConfig = Extract<ProviderConfig, { kind: "ics" }>;

/** What the last fetch of the feed returned, to ask for it conditionally next time. */
type FeedCursor = { etag: string | null; lastModified: string | null; sha256: string };

const CURSOR_PREFIX = "ics-feed:";

export function createIcsFeedProvider(config: IcsFeedConfig, safeFetch: SafeFetch): CalendarProvider {
  const readOnly = (): never => {
    throw new CalendarFailure("rejected", "an ICS feed is read-only: Convene cannot write events to it");
  };
  const fetchFeed = async (headers: Record<string, string> = {}): Promise<SafeResponse> => {
    const response = await safeFetch(feedUrl(config.url), { headers: { accept: "text/calendar, */*;q=0.5", ...headers } });
    if (!isSuccess(response) && response.status !== 304) throw statusFailure(response, "fetching the calendar feed", { isWrite: false });
    return response;
  };

  return {
    kind: "ics",
    async listCalendars() {
      const response = await fetchFeed();
      return [calendarOf(feedUrl(config.url), parseFeed(response.body))];
    },

    async sync(calendarId, cursorText): Promise<SyncResult> {
      const url = feedUrl(config.url);
      if (calendarId !== url) throw new CalendarFailure("rejected", `this feed's calendar is ${url}, not ${calendarId}`);
      const cursor = parseCursor(cursorText);
      const conditions: Record<string, string> = {};
      if (cursor?.etag) conditions["if-none-match"] = cursor.etag;
      if (cursor?.lastModified) conditions["if-modified-since"] = cursor.lastModified;
      const response = await fetchFeed(conditions);
      if (response.status === 304) {
        if (!cursor) throw new CalendarFailure("rejected", `${new URL(url).origin} answered 304 to an unconditional request`, { status: 304 });
        return { cursor: cursorText, full: false, changed: [], removedHrefs: [], unchanged: true };
      }
      const next: FeedCursor = { etag: response.headers.get("etag"), lastModified: response.headers.get("last-modified"), sha256: sha256(response.body) };
      const nextCursor = CURSOR_PREFIX + JSON.stringify(next);
      if (cursor?.sha256 === next.sha256) return { cursor: nextCursor, full: false, changed: [], removedHrefs: [], unchanged: true };
      return { cursor: nextCursor, full: true, changed: splitFeedByUid(parseFeed(response.body)), removedHrefs: [] };
    },

    createEvent: async () => readOnly(),
    updateEvent: async () => readOnly(),
    deleteEvent: async () => readOnly(),
  };
}

/** webcal:// and webcals:// are https; http and https stay as they are (tests and feeds on a local network use http). */
export function feedUrl(url: string): string {
  const mapped = url.replace(/^webcals?:\/\//i, "https://");
  let parsed: URL;
  try {
    parsed = new URL(mapped);
  } catch (error) {
    throw new CalendarFailure("rejected", `"${url}" is not a feed URL`, { cause: error });
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") throw new CalendarFailure("rejected", `a feed URL starts with https://, http:// or webcal://, not ${parsed.protocol}//`);
  return parsed.href;
}

function calendarOf(url: string, feed: Feed): RemoteCalendar {
  return { remoteId: url, name: feed.name ?? new URL(url).hostname, color: feed.color, readOnly: true, timeZone: feed.timeZone };
}

/** A cursor not written by this provider is no cursor: an unconditional GET and a full sync. */
function parseCursor(cursor: string | null): FeedCursor | null {
  if (!cursor?.startsWith(CURSOR_PREFIX)) return null;
  try {
    const parsed = JSON.parse(cursor.slice(CURSOR_PREFIX.length)) as Partial<FeedCursor>;
    if (typeof parsed.sha256 !== "string") return null;
    return { etag: typeof parsed.etag === "string" ? parsed.etag : null, lastModified: typeof parsed.lastModified === "string" ? parsed.lastModified : null, sha256: parsed.sha256 };
  } catch {
    return null;
  }
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
