// Incremental sync of one Outlook calendar through calendarView/delta: a
// first round over a time window pages by @odata.nextLink until Graph hands
// an @odata.deltaLink, the cursor; the next round starts from that link and
// returns what changed (deleted events, and events moved out of the window,
// come as {"id", "@removed"}). An expired or unknown delta token (410 Gone,
// syncStateNotFound, resyncRequired) means a full round again.
//
// The window. calendarView/delta needs startDateTime and endDateTime, and the
// delta token keeps the window of its first round for ever, while the port's
// sync has no window. So the provider picks one: from a day ago (busy time in
// the past books nothing) to WINDOW_AHEAD_MS ahead, past the longest horizon
// sync-calendars expands (a year and a day), and writes the window's end into
// the cursor. When less than MIN_AHEAD_MS of it is left ahead, the next sync is
// a full round over a new window: about once a month, which also bounds how
// long a token lives. Occurrences of a series come one by one inside the
// window; series masters never do.
import { CalendarFailure } from "../../../core/calendars/calendar-errors.js";
import type { RemoteObject, SyncResult } from "../../../use-cases/ports/calendars.js";
import type { ApiResponse, OAuthApi } from "../oauth-api.js";
import { graphErrorCode, graphFailure } from "./graph-failures.js";
import { etagOf, graphEventIcs, type GraphEvent } from "./graph-events.js";

const MS_PER_DAY = 86_400_000;
const LOOK_BACK_MS = MS_PER_DAY;
const WINDOW_AHEAD_MS = 400 * MS_PER_DAY;
const MIN_AHEAD_MS = 370 * MS_PER_DAY;
/** Events per page; Graph's default for delta is 10. */
const PAGE_SIZE = 100;
/** A round longer than this is taken for a server that never closes it. */
const MAX_PAGES = 2_000;
/**
 * Times in UTC (Graph's default, asked for explicitly so a changed mailbox
 * setting cannot move them); other zones are still read (graph-time-zones.ts).
 */
const PREFER = `odata.maxpagesize=${PAGE_SIZE}, outlook.timezone="UTC"`;

const CURSOR_PREFIX = "graph-delta:1:";

/** The error codes Graph answers a token it can no longer continue from (delta query overview, "synchronization reset"). */
const RESYNC_CODES = new Set(["syncstatenotfound", "syncstateinvalid", "resyncrequired", "errorinvalidsyncstate"]);

type DeltaItem = GraphEvent & { "@removed"?: { reason?: string } };
type DeltaPage = { value?: DeltaItem[]; "@odata.nextLink"?: string; "@odata.deltaLink"?: string };
type Round = { changed: Map<string, DeltaItem>; removed: Set<string>; deltaLink: string };

export type GraphSyncOptions = { nowMs: number; accountEmail: string };

export function encodeCursor(windowEndMs: number, deltaLink: string): string {
  return `${CURSOR_PREFIX}${windowEndMs}:${deltaLink}`;
}

/** The window's end and the delta link, or null for a cursor this provider did not write. */
export function decodeCursor(cursor: string | null): { windowEndMs: number; deltaLink: string } | null {
  const match = cursor === null ? null : /^graph-delta:1:(\d+):(https?:\/\/.+)$/.exec(cursor);
  return match ? { windowEndMs: Number(match[1]), deltaLink: match[2]! } : null;
}

export async function syncCalendarView(api: OAuthApi, calendarId: string, cursor: string | null, options: GraphSyncOptions): Promise<SyncResult> {
  const resumed = decodeCursor(cursor);
  if (resumed !== null && resumed.windowEndMs - options.nowMs >= MIN_AHEAD_MS) {
    const round = await readRound(api, resumed.deltaLink, undefined);
    if (round !== "resync") {
      return { cursor: encodeCursor(resumed.windowEndMs, round.deltaLink), full: false, changed: objectsOf(round, options), removedHrefs: [...round.removed] };
    }
  }
  const windowEndMs = options.nowMs + WINDOW_AHEAD_MS;
  const round = await readRound(api, `/v1.0/me/calendars/${encodeURIComponent(calendarId)}/calendarView/delta`, {
    startDateTime: new Date(options.nowMs - LOOK_BACK_MS).toISOString(),
    endDateTime: new Date(windowEndMs).toISOString(),
  });
  // A round begun a moment ago that Graph already forgot: a passing state of the server.
  if (round === "resync") throw new CalendarFailure("unavailable", "syncing the calendar: Microsoft Graph dropped a new delta round; try again");
  return { cursor: encodeCursor(windowEndMs, round.deltaLink), full: true, changed: objectsOf(round, options), removedHrefs: [] };
}

function objectsOf(round: Round, options: GraphSyncOptions): RemoteObject[] {
  const objects: RemoteObject[] = [];
  for (const event of round.changed.values()) {
    // A series master has no time of its own in a calendar view; Graph does not send them, but should one come, its occurrences carry the time.
    if (event.type === "seriesMaster") continue;
    const ics = graphEventIcs(event, options.accountEmail);
    if (ics !== null) objects.push({ href: event.id, etag: etagOf(event), ics });
  }
  return objects;
}

function isResyncAnswer(response: ApiResponse): boolean {
  return response.status === 410 || (response.status === 400 && RESYNC_CODES.has(graphErrorCode(response)));
}

/** One round of delta pages; "resync" when Graph cannot continue from the link. */
async function readRound(api: OAuthApi, first: string, query: Record<string, string> | undefined): Promise<Round | "resync"> {
  const changed = new Map<string, DeltaItem>();
  const removed = new Set<string>();
  let link = first;
  let linkQuery = query;
  for (let pages = 0; pages < MAX_PAGES; pages += 1) {
    const response = await api(link, { query: linkQuery, headers: { prefer: PREFER } });
    if (isResyncAnswer(response)) return "resync";
    if (response.status !== 200) throw graphFailure("syncing the calendar", response, { isWrite: false });
    const page = (response.json ?? {}) as DeltaPage;
    // An event changed twice while the round pages shows up twice: the later one wins.
    for (const item of page.value ?? []) {
      if (typeof item?.id !== "string") continue;
      if (item["@removed"] !== undefined) {
        changed.delete(item.id);
        removed.add(item.id);
      } else {
        removed.delete(item.id);
        changed.set(item.id, item);
      }
    }
    const next = page["@odata.nextLink"];
    const deltaLink = page["@odata.deltaLink"];
    if (next) {
      link = sameOrigin(next, response.url);
      linkQuery = undefined;
    } else if (deltaLink) {
      return { changed, removed, deltaLink: sameOrigin(deltaLink, response.url) };
    } else {
      throw new CalendarFailure("rejected", "syncing the calendar: Microsoft Graph answered a delta page with neither a next nor a delta link", { status: 200 });
    }
  }
  throw new CalendarFailure("unavailable", `syncing the calendar: Microsoft Graph sent more than ${MAX_PAGES} pages in one round`);
}

/** Links are followed with the bearer token: only to where the page came from. */
function sameOrigin(link: string, from: string): string {
  let url: URL;
  try {
    url = new URL(link, from);
  } catch {
    throw new CalendarFailure("rejected", `syncing the calendar: Microsoft Graph sent an unreadable link ${JSON.stringify(link)}`);
  }
  if (url.origin !== new URL(from).origin) throw new CalendarFailure("rejected", `syncing the calendar: Microsoft Graph sent a link to another origin (${url.origin})`);
  return url.toString();
}
