// The Calendar API v3 half of the Google fake: calendarList.list, events
// list/get/insert/update/patch/delete/watch and channels.stop, with the documented
// paging, sync-token, conditional-modification (If-Match → 412), sharing
// (accessRole) and conference-creation behaviour.
// Limits: recurring events are refused (no instance expansion, so singleEvents has
// no effect); push notifications are recorded as channels but never delivered.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { READ_EVENTS, READ_LIST, requireEtag, requireScope, requireWriter, type AccessRole } from "./google-access.js";
import { FakeChannels } from "./google-channels.js";
import { GoogleApiError, badRequest, notFound, parse } from "./google-errors.js";

export interface FakeCalendar {
  id: string;
  ownerEmail: string;
  summary: string;
  timeZone: string;
  isPrimary: boolean;
}

type Access = { calendar: FakeCalendar; role: AccessRole };

export interface StoredEvent {
  resource: Record<string, unknown>;
  changeRev: number;
}

const EVENT_ID = /^[a-v0-9]{5,1024}$/;
const SYNC_INCOMPATIBLE = ["iCalUID", "orderBy", "privateExtendedProperty", "q", "sharedExtendedProperty", "timeMin", "timeMax", "updatedMin"];
const WRITABLE = ["summary", "description", "location", "start", "end", "attendees", "reminders", "extendedProperties", "transparency", "visibility", "colorId", "status", "source", "guestsCanModify", "guestsCanInviteOthers", "guestsCanSeeOtherGuests", "anyoneCanAddSelf"];

const eventTime = z.object({ date: z.string().optional(), dateTime: z.string().optional(), timeZone: z.string().optional() });
const eventBody = z.looseObject({
  id: z.string().optional(),
  iCalUID: z.string().min(1).optional(),
  start: eventTime.optional(),
  end: eventTime.optional(),
  status: z.enum(["confirmed", "tentative", "cancelled"]).optional(),
  recurrence: z.array(z.string()).optional(),
  conferenceData: z.looseObject({
    createRequest: z.object({ requestId: z.string().min(1), conferenceSolutionKey: z.object({ type: z.string() }) }).optional(),
  }).optional(),
});

const base32hexId = () => Array.from(randomBytes(26), (byte) => "0123456789abcdefghijklmnopqrstuv"[byte % 32]).join("");
const meetCode = () => Array.from(randomBytes(10), (byte) => "abcdefghijklmnopqrstuvwxyz"[byte % 26]!).join("").replace(/^(...)(....)(...).*$/, "$1-$2-$3");

function instantOf(time: z.infer<typeof eventTime>, label: string): number {
  const has = [time.date, time.dateTime].filter((value) => value !== undefined).length;
  if (has !== 1) throw badRequest(has === 0 ? `Missing ${label} time.` : `Both date and dateTime set for ${label} time.`, has === 0 ? "required" : "invalid");
  if (time.date !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(time.date) || Number.isNaN(Date.parse(time.date))) throw badRequest(`Invalid ${label} date.`);
    return Date.parse(time.date);
  }
  const dateTime = time.dateTime!;
  const hasOffset = /(Z|[+-]\d{2}:\d{2})$/.test(dateTime);
  if (!hasOffset && !time.timeZone) throw badRequest(`Missing time zone definition for ${label} time.`, "timeZone");
  const instant = Date.parse(hasOffset ? dateTime : `${dateTime}Z`);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/.test(dateTime) || Number.isNaN(instant)) throw badRequest(`Invalid ${label} dateTime: ${dateTime}`);
  return instant;
}

export interface ApiRequest {
  method: string;
  segments: string[];
  query: URLSearchParams;
  body: unknown;
  user: { email: string; scopes: string[] };
  /** The If-Match header (conditional modification, "Get specific versions of resources"). */
  ifMatch?: string;
}

export type ApiResult = { status: number; body?: unknown };

export class FakeCalendarApi {
  private readonly calendars = new Map<string, FakeCalendar>();
  private readonly events = new Map<string, Map<string, StoredEvent>>();
  private readonly syncTokens = new Map<string, { calendarId: string; rev: number }>();
  private readonly pageTokens = new Map<string, { calendarId: string; offset: number; queryKey: string; rev: number }>();
  /** Calendars shared with other users: calendar id → (email → role), as an ACL rule would grant. */
  private readonly shares = new Map<string, Map<string, AccessRole>>();
  private readonly push: FakeChannels;
  private rev = 0;

  constructor(
    private readonly nowMs: () => number,
    allowHttpWebhooks: boolean,
  ) {
    this.push = new FakeChannels(nowMs, allowHttpWebhooks);
  }

  get channels() {
    return this.push.channels;
  }
  readonly drainNotifications = () => this.push.drain();

  // ---- server-side set-up (test hooks) ----

  addCalendar(calendar: FakeCalendar): void {
    if (this.calendars.has(calendar.id)) throw new Error(`google fake: calendar ${calendar.id} exists`);
    this.calendars.set(calendar.id, calendar);
    this.events.set(calendar.id, new Map());
  }

  hasUser(email: string): boolean {
    return [...this.calendars.values()].some((calendar) => calendar.ownerEmail === email);
  }

  shareCalendar(calendarId: string, email: string, role: "writer" | "reader"): void {
    if (!this.calendars.has(calendarId)) throw new Error(`google fake: no calendar ${calendarId}`);
    if (!this.hasUser(email)) throw new Error(`google fake: no user ${email}`);
    const shares = this.shares.get(calendarId) ?? new Map<string, AccessRole>();
    shares.set(email, role);
    this.shares.set(calendarId, shares);
  }

  /** Deletes an event as the owner would in Google Calendar (it stays, cancelled, for sync clients). */
  removeEvent(calendarId: string, eventId: string): void {
    const store = this.events.get(calendarId);
    const existing = store?.get(eventId);
    if (!store || !existing) throw new Error(`google fake: no event ${eventId} in ${calendarId}`);
    this.cancel(store, eventId, existing);
  }

  /** Creates or replaces an event as if someone edited it in Google Calendar (an `iCalUID` is kept, as for an imported invite). */
  putEvent(calendarId: string, event: Record<string, unknown>): Record<string, unknown> {
    const store = this.events.get(calendarId);
    if (!store) throw new Error(`google fake: no calendar ${calendarId}`);
    const id = typeof event.id === "string" ? event.id : base32hexId();
    const existing = store.get(id);
    return this.save(calendarId, store, id, event, existing?.resource, false, typeof event.iCalUID === "string" ? event.iCalUID : undefined);
  }

  eventsOf(calendarId: string): Record<string, unknown>[] {
    return [...(this.events.get(calendarId)?.values() ?? [])].map((stored) => stored.resource);
  }

  expireSyncTokens(): void {
    this.syncTokens.clear();
  }

  // ---- API ----

  handle(request: ApiRequest): ApiResult {
    const { method, segments } = request;
    if (segments[0] === "users" && segments[1] === "me" && segments[2] === "calendarList" && segments.length === 3) {
      return this.only(method, "GET", () => this.calendarList(request));
    }
    // calendarList.get: one entry of the user's list; "primary" names their primary calendar.
    if (segments[0] === "users" && segments[1] === "me" && segments[2] === "calendarList" && segments.length === 4) {
      return this.only(method, "GET", () => {
        requireScope(request.user.scopes, READ_LIST);
        return { status: 200, body: this.calendarListEntry(this.calendarFor(segments[3]!, request.user.email)) };
      });
    }
    if (segments[0] === "channels" && segments[1] === "stop" && segments.length === 2) {
      return this.only(method, "POST", () => {
        this.push.stop(request.body, (calendarId) => this.calendars.get(calendarId)?.ownerEmail === request.user.email);
        return { status: 204 };
      });
    }
    if (segments[0] === "calendars" && segments[2] === "events" && segments.length >= 3) {
      const calendar = this.calendarFor(segments[1]!, request.user.email);
      if (segments.length === 3) {
        if (method === "GET") return this.listEvents(request, calendar);
        if (method === "POST") return this.insertEvent(request, calendar);
      } else if (segments.length === 4 && segments[3] === "watch") {
        return this.only(method, "POST", () => {
          requireScope(request.user.scopes, READ_EVENTS);
          return { status: 200, body: this.push.watch(request.body, calendar.calendar.id) };
        });
      } else if (segments.length === 4) {
        const eventId = segments[3]!;
        if (method === "GET") return this.getEvent(request, calendar, eventId);
        if (method === "PUT" || method === "PATCH") return this.updateEvent(request, calendar, eventId, method === "PATCH");
        if (method === "DELETE") return this.deleteEvent(request, calendar, eventId);
      }
    }
    throw notFound();
  }

  // Google answers a known path with an unsupported method with 404, not 405.
  private only(method: string, expected: string, run: () => ApiResult): ApiResult {
    if (method !== expected) throw notFound();
    return run();
  }

  private roleOf(calendar: FakeCalendar, email: string): AccessRole | undefined {
    return calendar.ownerEmail === email ? "owner" : this.shares.get(calendar.id)?.get(email);
  }

  // A calendar the user has no access to is answered 404, as Google does.
  private calendarFor(rawId: string, email: string): Access {
    const id = rawId === "primary" ? [...this.calendars.values()].find((c) => c.ownerEmail === email && c.isPrimary)?.id : rawId;
    const calendar = id === undefined ? undefined : this.calendars.get(id);
    const role = calendar && this.roleOf(calendar, email);
    if (!calendar || !role) throw notFound();
    return { calendar, role };
  }

  private calendarList({ user }: ApiRequest): ApiResult {
    requireScope(user.scopes, READ_LIST);
    const items = [...this.calendars.values()].flatMap((c) => {
      const role = this.roleOf(c, user.email);
      return role ? [this.calendarListEntry({ calendar: c, role })] : [];
    });
    return { status: 200, body: { kind: "calendar#calendarList", etag: `"${this.rev}"`, nextSyncToken: this.mintSyncToken("calendarList"), items } };
  }

  private calendarListEntry({ calendar: c, role }: Access): Record<string, unknown> {
    const isPrimary = c.isPrimary && role === "owner";
    return {
      kind: "calendar#calendarListEntry",
      etag: `"${this.rev}"`,
      id: c.id,
      summary: c.summary,
      timeZone: c.timeZone,
      accessRole: role,
      selected: true,
      defaultReminders: [],
      ...(isPrimary ? { primary: true } : {}),
    };
  }

  private listEvents({ query, user }: ApiRequest, { calendar, role }: Access): ApiResult {
    requireScope(user.scopes, READ_EVENTS);
    const maxResults = Number(query.get("maxResults") ?? 250);
    if (!Number.isInteger(maxResults) || maxResults < 1) throw badRequest("Invalid value for maxResults");
    const pageSize = Math.min(maxResults, 2500);
    const syncToken = query.get("syncToken");
    const orderBy = query.get("orderBy");
    if (orderBy !== null && orderBy !== "startTime" && orderBy !== "updated") throw badRequest(`Invalid value for orderBy: ${orderBy}`);
    if (orderBy === "startTime" && query.get("singleEvents") !== "true") throw badRequest("The requested ordering is not available for the particular query.");

    const queryKey = [...query.entries()].filter(([key]) => key !== "pageToken").sort().join("&");
    const pageToken = query.get("pageToken");
    const page = pageToken === null ? undefined : this.pageTokens.get(pageToken);
    if (pageToken !== null && (!page || page.calendarId !== calendar.id || page.queryKey !== queryKey)) throw badRequest("Invalid pageToken value.");
    const snapshotRev = page?.rev ?? this.rev;

    let stored = [...this.events.get(calendar.id)!.values()];
    if (syncToken !== null) {
      const clash = SYNC_INCOMPATIBLE.find((name) => query.has(name));
      if (clash) throw badRequest(`Sync token cannot be used with ${clash}.`);
      // Deletions are always in an incremental result: "it is not allowed to set showDeleted to False".
      if (query.get("showDeleted") === "false") throw badRequest("showDeleted cannot be false with a sync token.");
      const since = this.syncTokens.get(syncToken);
      if (!since || since.calendarId !== calendar.id) {
        throw new GoogleApiError(410, "fullSyncRequired", "Sync token is no longer valid, a full sync is required.");
      }
      stored = stored.filter((event) => event.changeRev > since.rev);
    } else {
      const timeMin = this.timeParam(query, "timeMin");
      const timeMax = this.timeParam(query, "timeMax");
      const showDeleted = query.get("showDeleted") === "true";
      const iCalUID = query.get("iCalUID");
      stored = stored.filter((event) => {
        if (!showDeleted && event.resource.status === "cancelled") return false;
        if (iCalUID !== null && event.resource.iCalUID !== iCalUID) return false;
        const startMs = instantOf(event.resource.start as z.infer<typeof eventTime>, "start");
        const endMs = instantOf(event.resource.end as z.infer<typeof eventTime>, "end");
        return (timeMin === undefined || endMs > timeMin) && (timeMax === undefined || startMs < timeMax);
      });
      if (orderBy === "startTime") stored.sort((a, b) => instantOf(a.resource.start as never, "start") - instantOf(b.resource.start as never, "start"));
      if (orderBy === "updated") stored.sort((a, b) => a.changeRev - b.changeRev);
    }

    const offset = page?.offset ?? 0;
    const items = stored.slice(offset, offset + pageSize).map((event) => event.resource);
    const body: Record<string, unknown> = {
      kind: "calendar#events",
      etag: `"${this.rev}"`,
      summary: calendar.summary,
      updated: new Date(this.nowMs()).toISOString(),
      timeZone: calendar.timeZone,
      accessRole: role,
      defaultReminders: [],
      items,
    };
    if (offset + pageSize < stored.length) {
      const next = `p${randomBytes(12).toString("base64url")}`;
      this.pageTokens.set(next, { calendarId: calendar.id, offset: offset + pageSize, queryKey, rev: snapshotRev });
      body.nextPageToken = next;
    } else {
      body.nextSyncToken = this.mintSyncToken(calendar.id, snapshotRev);
    }
    return { status: 200, body };
  }

  private timeParam(query: URLSearchParams, name: string): number | undefined {
    const value = query.get(name);
    if (value === null) return undefined;
    if (!/(Z|[+-]\d{2}:\d{2})$/.test(value) || Number.isNaN(Date.parse(value))) throw badRequest(`Bad Request: ${name} must be an RFC3339 timestamp with a time zone offset.`);
    return Date.parse(value);
  }

  private mintSyncToken(calendarId: string, rev = this.rev): string {
    const token = `s${randomBytes(12).toString("base64url")}`;
    this.syncTokens.set(token, { calendarId, rev });
    return token;
  }

  private getEvent({ user }: ApiRequest, { calendar }: Access, eventId: string): ApiResult {
    requireScope(user.scopes, READ_EVENTS);
    const stored = this.events.get(calendar.id)!.get(eventId);
    if (!stored) throw notFound();
    return { status: 200, body: stored.resource };
  }

  private insertEvent(request: ApiRequest, { calendar, role }: Access): ApiResult {
    requireWriter(request, role);
    const input = parse(eventBody, request.body);
    const store = this.events.get(calendar.id)!;
    const id = input.id ?? base32hexId();
    if (!EVENT_ID.test(id)) throw badRequest("Invalid resource id value.");
    if (store.has(id)) throw new GoogleApiError(409, "duplicate", "The requested identifier already exists.");
    // "Only one of them [id, iCalUID] should be supplied at event creation time": a chosen id wins here.
    const iCalUID = input.id === undefined ? input.iCalUID : undefined;
    return { status: 200, body: this.save(calendar.id, store, id, input, undefined, request.query.get("conferenceDataVersion") === "1", iCalUID) };
  }

  private updateEvent(request: ApiRequest, { calendar, role }: Access, eventId: string, isPatch: boolean): ApiResult {
    const { body, query } = request;
    requireWriter(request, role);
    const store = this.events.get(calendar.id)!;
    const existing = store.get(eventId);
    if (!existing) throw notFound();
    requireEtag(request, existing);
    const input = parse(eventBody, body);
    const merged = isPatch ? { ...existing.resource, ...input } : input;
    return { status: 200, body: this.save(calendar.id, store, eventId, merged, existing.resource, query.get("conferenceDataVersion") === "1") };
  }

  private deleteEvent(request: ApiRequest, { calendar, role }: Access, eventId: string): ApiResult {
    requireWriter(request, role);
    const store = this.events.get(calendar.id)!;
    const existing = store.get(eventId);
    if (!existing) throw notFound();
    // Google keeps a deleted event as status "cancelled" (sync clients see it) and answers a second delete with 410.
    if (existing.resource.status === "cancelled") throw new GoogleApiError(410, "deleted", "Resource has been deleted");
    requireEtag(request, existing);
    this.cancel(store, eventId, existing);
    return { status: 204 };
  }

  private cancel(store: Map<string, StoredEvent>, eventId: string, existing: StoredEvent): void {
    this.rev += 1;
    store.set(eventId, { resource: { ...existing.resource, status: "cancelled", updated: new Date(this.nowMs()).toISOString(), etag: `"${this.rev}"` }, changeRev: this.rev });
    const calendarId = [...this.events].find(([, events]) => events === store)?.[0];
    if (calendarId !== undefined) this.push.notifyChange(calendarId);
  }

  private save(calendarId: string, store: Map<string, StoredEvent>, id: string, input: Record<string, unknown>, previous: Record<string, unknown> | undefined, isConferenceAware: boolean, iCalUID?: string): Record<string, unknown> {
    if (Array.isArray(input.recurrence)) throw badRequest("google fake: recurring events are not supported by this fake.");
    if (input.start === undefined) throw badRequest("Missing start time.", "required");
    if (input.end === undefined) throw badRequest("Missing end time.", "required");
    const startMs = instantOf(parse(eventTime, input.start), "start");
    const endMs = instantOf(parse(eventTime, input.end), "end");
    if (endMs < startMs) throw badRequest("The specified time range is empty.", "timeRangeEmpty");

    this.rev += 1;
    const now = new Date(this.nowMs()).toISOString();
    const resource: Record<string, unknown> = {
      kind: "calendar#event",
      etag: `"${this.rev}"`,
      id,
      status: "confirmed",
      htmlLink: `https://www.google.com/calendar/event?eid=${Buffer.from(`${id} ${calendarId}`).toString("base64url")}`,
      created: previous?.created ?? now,
      updated: now,
      creator: { email: calendarId, self: true },
      organizer: { email: calendarId, self: true },
      iCalUID: previous?.iCalUID ?? iCalUID ?? `${id}@google.com`,
      sequence: previous ? Number(previous.sequence) + 1 : 0,
      reminders: { useDefault: true },
      eventType: "default",
    };
    for (const field of WRITABLE) if (input[field] !== undefined) resource[field] = input[field];
    if (previous?.conferenceData) {
      resource.conferenceData = previous.conferenceData;
      resource.hangoutLink = previous.hangoutLink;
    }
    const createRequest = (input.conferenceData as z.infer<typeof eventBody>["conferenceData"])?.createRequest;
    if (isConferenceAware && createRequest) {
      if (createRequest.conferenceSolutionKey.type !== "hangoutsMeet") throw badRequest("Invalid conference type value.");
      const code = meetCode();
      resource.hangoutLink = `https://meet.google.com/${code}`;
      resource.conferenceData = {
        createRequest: { ...createRequest, status: { statusCode: "success" } },
        entryPoints: [{ entryPointType: "video", uri: `https://meet.google.com/${code}`, label: `meet.google.com/${code}` }],
        conferenceSolution: { key: { type: "hangoutsMeet" }, name: "Google Meet", iconUri: "https://fonts.gstatic.com/s/i/productlogos/meet_2020q4/v6/web-512dp/logo_meet_2020q4_color_2x_web_512dp.png" },
        conferenceId: code,
      };
    }
    store.set(id, { resource, changeRev: this.rev });
    this.push.notifyChange(calendarId);
    return resource;
  }
}
