// An in-process calendar server that behaves like a CalDAV one where it
// matters to sync and writes: accounts own calendars, calendars hold objects
// with etags, a change log issues sync tokens (and can forget them, as servers
// do), writes are conditional (If-None-Match / If-Match) and one UID lives at
// one href. Tests drive it from the server side (other clients' edits, broken
// credentials, an outage) through the handle; Convene reaches it through
// provider(config) like any other calendar.
import { createHash } from "node:crypto";
import { CalendarFailure, type CalendarFailureKind } from "../../../core/calendars/calendar-errors.js";
import type { CalendarProvider, ConferenceKind, ProviderConfig, RemoteCalendar, RemoteObject } from "../../../use-cases/ports/calendars.js";
import { eventUidOf } from "../event-resource.js";
import { createMemoryCalendarProvider } from "./memory-calendar-provider.js";
import { MemoryInvalidSyncToken, MemoryPreconditionFailed, type MemoryServerRequests } from "./memory-requests.js";

export type MemoryCalendarSpec = { id?: string; name?: string; color?: string | null; readOnly?: boolean; timeZone?: string | null };

/** What tests do to the server from outside Convene. */
export type MemoryCalendarServer = {
  provider(config: Extract<ProviderConfig, { kind: "memory" }>): CalendarProvider;
  addAccount(accountId: string): void;
  /** Adds a calendar (and its account if new); returns its remoteId. */
  addCalendar(accountId: string, spec?: MemoryCalendarSpec): string;
  /** Another client adds an object (at `<UID>.ics` unless an href is given). */
  addObject(calendarId: string, ics: string, href?: string): RemoteObject;
  /** Another client changes an object: a new etag and a change in the log. */
  updateObject(calendarId: string, href: string, ics: string): RemoteObject;
  removeObject(calendarId: string, href: string): void;
  objects(calendarId: string): RemoteObject[];
  /** The href holding a UID, or null. */
  hrefOfUid(calendarId: string, uid: string): string | null;
  /** The join link of the meeting the server made for the event with this UID (a conference request), or null. */
  conferenceUrlOf(calendarId: string, uid: string): string | null;
  /** The server forgets its change log: every sync token issued so far is rejected (403 valid-sync-token on CalDAV). */
  forgetSyncTokens(calendarId: string): void;
  /** Every request fails this way until cleared: "auth" as refused credentials, "unavailable" as an outage. Per account, or for all. */
  setFailure(kind: Extract<CalendarFailureKind, "auth" | "unavailable"> | null, accountId?: string): void;
  /** Requests answered or refused so far (each provider call makes one or more, as on a real server). */
  readonly requestCount: number;
};

type StoredObject = RemoteObject & { uid: string | null; etag: string; conferenceUrl?: string | null };

type StoredCalendar = Omit<RemoteCalendar, "remoteId"> & {
  id: string;
  accountId: string;
  objects: Map<string, StoredObject>;
  /** hrefs in the order they changed; a token is an index into it. */
  changeLog: string[];
  /** Bumped when the server forgets its log: older tokens are then unknown. */
  logEpoch: number;
};

export function createMemoryCalendarServer(): MemoryCalendarServer {
  const state = { accounts: new Set<string>(), calendars: new Map<string, StoredCalendar>(), failures: new Map<string | null, CalendarFailureKind>(), requestCount: 0, etagSequence: 0 };
  const requests = createRequests(state);

  const calendarOf = (calendarId: string): StoredCalendar => {
    const calendar = state.calendars.get(calendarId);
    if (!calendar) throw new Error(`no memory calendar ${calendarId}`);
    return calendar;
  };
  const store = (calendar: StoredCalendar, href: string, ics: string): RemoteObject => {
    state.etagSequence += 1;
    const stored = { href, ics, uid: uidOrNull(ics), etag: `"m${state.etagSequence}"`, conferenceUrl: calendar.objects.get(href)?.conferenceUrl ?? null };
    calendar.objects.set(href, stored);
    calendar.changeLog.push(href);
    return toRemote(stored);
  };

  return {
    provider: (config) => createMemoryCalendarProvider(config.accountId, requests),
    addAccount: (accountId) => void state.accounts.add(accountId),
    addCalendar(accountId, spec = {}) {
      state.accounts.add(accountId);
      const id = spec.id ?? `memory:${accountId}/calendar-${state.calendars.size + 1}`;
      if (state.calendars.has(id)) throw new Error(`memory calendar ${id} exists`);
      state.calendars.set(id, {
        id,
        accountId,
        name: spec.name ?? `Calendar ${state.calendars.size + 1}`,
        color: spec.color ?? null,
        readOnly: spec.readOnly ?? false,
        timeZone: spec.timeZone ?? null,
        objects: new Map(),
        changeLog: [],
        logEpoch: 0,
      });
      return id;
    },
    addObject(calendarId, ics, href) {
      const calendar = calendarOf(calendarId);
      const uid = eventUidOf(ics);
      const at = href ?? `${calendarId}/${uid}.ics`;
      if (calendar.objects.has(at)) throw new Error(`${at} exists`);
      if ([...calendar.objects.values()].some((object) => object.uid === uid)) throw new Error(`${uid} is already in ${calendarId}: one UID lives at one href`);
      return store(calendar, at, ics);
    },
    updateObject(calendarId, href, ics) {
      const calendar = calendarOf(calendarId);
      if (!calendar.objects.has(href)) throw new Error(`no object at ${href}`);
      return store(calendar, href, ics);
    },
    removeObject(calendarId, href) {
      const calendar = calendarOf(calendarId);
      if (!calendar.objects.delete(href)) throw new Error(`no object at ${href}`);
      calendar.changeLog.push(href);
    },
    objects: (calendarId) => [...calendarOf(calendarId).objects.values()].map(toRemote),
    hrefOfUid: (calendarId, uid) => [...calendarOf(calendarId).objects.values()].find((object) => object.uid === uid)?.href ?? null,
    conferenceUrlOf: (calendarId, uid) => [...calendarOf(calendarId).objects.values()].find((object) => object.uid === uid)?.conferenceUrl ?? null,
    forgetSyncTokens(calendarId) {
      const calendar = calendarOf(calendarId);
      calendar.logEpoch += 1;
      calendar.changeLog = [];
    },
    setFailure(kind, accountId) {
      if (kind === null) state.failures.delete(accountId ?? null);
      else state.failures.set(accountId ?? null, kind);
    },
    get requestCount() {
      return state.requestCount;
    },
  };
}

type ServerState = {
  accounts: Set<string>;
  calendars: Map<string, StoredCalendar>;
  failures: Map<string | null, CalendarFailureKind>;
  requestCount: number;
  etagSequence: number;
};

/** The server's side of the wire: each call is one request, refused first for an outage or bad credentials. */
function createRequests(state: ServerState): MemoryServerRequests {
  const admit = (accountId: string): void => {
    state.requestCount += 1;
    const failure = state.failures.get(accountId) ?? state.failures.get(null);
    if (failure === "unavailable") throw new CalendarFailure("unavailable", "the memory calendar server is offline");
    if (failure === "auth" || !state.accounts.has(accountId)) throw new CalendarFailure("auth", `the memory calendar server refused the credentials of ${accountId}`, { status: 401 });
  };
  const calendarFor = (accountId: string, calendarId: string): StoredCalendar => {
    admit(accountId);
    const calendar = state.calendars.get(calendarId);
    if (!calendar || calendar.accountId !== accountId) throw new CalendarFailure("rejected", `no calendar ${calendarId} for ${accountId}`, { status: 404 });
    return calendar;
  };
  const writableCalendarFor = (accountId: string, calendarId: string): StoredCalendar => {
    const calendar = calendarFor(accountId, calendarId);
    if (calendar.readOnly) throw new CalendarFailure("rejected", `calendar ${calendar.name} is read-only`, { status: 403 });
    return calendar;
  };
  const tokenOf = (calendar: StoredCalendar) => `${calendar.id}#${calendar.logEpoch}#${calendar.changeLog.length}`;

  return {
    listCalendars(accountId) {
      admit(accountId);
      return [...state.calendars.values()]
        .filter((calendar) => calendar.accountId === accountId)
        .map(({ id, name, color, readOnly, timeZone }) => ({ remoteId: id, name, color, readOnly, timeZone }));
    },
    listObjects(accountId, calendarId) {
      const calendar = calendarFor(accountId, calendarId);
      return { objects: [...calendar.objects.values()].map(toRemote), token: tokenOf(calendar) };
    },
    changesSince(accountId, calendarId, token) {
      const calendar = calendarFor(accountId, calendarId);
      const [tokenCalendar, epoch, position] = token.split("#");
      const from = Number(position);
      if (tokenCalendar !== calendar.id || Number(epoch) !== calendar.logEpoch || !Number.isInteger(from) || from < 0 || from > calendar.changeLog.length) {
        throw new MemoryInvalidSyncToken(`unknown sync token ${token}`);
      }
      const hrefs = [...new Set(calendar.changeLog.slice(from))];
      const changed = hrefs.flatMap((href) => {
        const object = calendar.objects.get(href);
        return object ? [toRemote(object)] : [];
      });
      return { changed, removedHrefs: hrefs.filter((href) => !calendar.objects.has(href)), token: tokenOf(calendar) };
    },
    get(accountId, calendarId, href) {
      const object = calendarFor(accountId, calendarId).objects.get(href);
      return object ? toRemote(object) : null;
    },
    put(accountId, calendarId, href, ics, condition, conference) {
      const calendar = writableCalendarFor(accountId, calendarId);
      const existing = calendar.objects.get(href);
      if (condition.ifMatch === null && existing) throw new MemoryPreconditionFailed("exists");
      if (condition.ifMatch !== null && existing?.etag !== condition.ifMatch) throw new MemoryPreconditionFailed("etag-mismatch");
      const uid = uidOrNull(ics);
      const holder = [...calendar.objects.values()].find((object) => object.uid === uid && object.href !== href);
      if (uid !== null && holder) throw new MemoryPreconditionFailed("uid-conflict", holder.href);
      state.etagSequence += 1;
      // The meeting stays with the event, whatever later writes ask (a reschedule keeps the link).
      const conferenceUrl = existing?.conferenceUrl ?? (conference ? memoryConferenceUrl(conference, uid ?? href) : null);
      const stored = { href, ics, uid, etag: `"m${state.etagSequence}"`, conferenceUrl };
      calendar.objects.set(href, stored);
      calendar.changeLog.push(href);
      return { etag: stored.etag, conferenceUrl };
    },
    delete(accountId, calendarId, href, ifMatch) {
      const calendar = writableCalendarFor(accountId, calendarId);
      const existing = calendar.objects.get(href);
      if (!existing) return false;
      if (ifMatch !== null && existing.etag !== ifMatch) throw new MemoryPreconditionFailed("etag-mismatch");
      calendar.objects.delete(href);
      calendar.changeLog.push(href);
      return true;
    },
  };
}

/** A meeting's join link, the same for the same event every time (a re-created event gets its meeting back, as a client-chosen Google event id would). */
function memoryConferenceUrl(kind: ConferenceKind, eventKey: string): string {
  const hash = createHash("sha256").update(eventKey, "utf8").digest("hex");
  return kind === "google_meet" ? `https://meet.memory.test/${hash.slice(0, 3)}-${hash.slice(3, 7)}-${hash.slice(7, 10)}` : `https://teams.memory.test/l/meetup-join/${hash.slice(0, 32)}`;
}

function toRemote({ href, etag, ics }: StoredObject): RemoteObject {
  return { href, etag, ics };
}

function uidOrNull(ics: string): string | null {
  try {
    return eventUidOf(ics);
  } catch {
    return null;
  }
}
