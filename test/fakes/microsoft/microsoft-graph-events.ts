// The Graph calendar half of the Microsoft fake: users, calendars and events, with
// calendarView/delta paging and sync tokens, transactionId de-duplication on create,
// recurring series and Teams join URLs, per the Graph v1.0 event documentation.
import { randomBytes, randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { GraphError, parseBody } from "./microsoft-errors.js";
import { applyEventFields, eventCreateSchema, eventPatchSchema, type OnlineMeetingProvider, type ShowAs } from "./microsoft-event-fields.js";
import { formatInZone, parseQueryInstant } from "./microsoft-time-zones.js";

const DEFAULT_DELTA_PAGE_SIZE = 10;

export interface FakeEventInput {
  subject: string;
  /** ISO instants, e.g. 2024-05-01T09:00:00Z. */
  start: string;
  end: string;
  showAs?: ShowAs;
  isAllDay?: boolean;
}

export interface FakeSeriesInput extends FakeEventInput {
  count: number;
  everyDays: number;
}

export interface User {
  id: string;
  mail: string;
  displayName: string;
}
export interface Calendar {
  id: string;
  userId: string;
  name: string;
  isDefaultCalendar: boolean;
}
export interface StoredEvent {
  id: string;
  userId: string;
  calendarId: string;
  subject: string;
  startMs: number;
  endMs: number;
  /** The zone the event was written in: echoed back on create/update responses. */
  timeZone: string;
  showAs: ShowAs;
  isAllDay: boolean;
  type: "singleInstance" | "occurrence" | "seriesMaster";
  seriesMasterId: string | null;
  transactionId: string | null;
  isOnlineMeeting: boolean;
  onlineMeetingProvider: OnlineMeetingProvider;
  joinUrl: string | null;
  body: { contentType: "text" | "html"; content: string };
  attendees: unknown[];
  location: { displayName: string };
  createdMs: number;
  modifiedMs: number;
  changeKey: string;
  /** Position in the fake's change sequence: delta tokens remember the last one seen. */
  sequence: number;
  isDeleted: boolean;
}
interface DeltaWindow {
  userId: string;
  calendarId: string;
  startMs: number;
  endMs: number;
}
interface SkipState extends DeltaWindow {
  items: unknown[];
  offset: number;
  sequence: number;
  isExpired: boolean;
}
interface DeltaState extends DeltaWindow {
  sequence: number;
  isExpired: boolean;
}

export class MicrosoftCalendars {
  readonly users = new Map<string, User>();
  private readonly calendars = new Map<string, Calendar>();
  private readonly events = new Map<string, StoredEvent>();
  private readonly skipStates = new Map<string, SkipState>();
  private readonly deltaStates = new Map<string, DeltaState>();
  private sequence = 0;

  constructor(
    private readonly url: string,
    private readonly nowMs: () => number,
  ) {}

  // ---- Graph ----

  me(userId: string): Record<string, unknown> {
    const user = this.users.get(userId)!;
    return { id: user.id, displayName: user.displayName, mail: user.mail, userPrincipalName: user.mail };
  }

  listCalendars(userId: string): Record<string, unknown> {
    const value = [...this.calendars.values()].filter((calendar) => calendar.userId === userId).map((calendar) => this.calendarJson(calendar));
    return { "@odata.context": `${this.url}/v1.0/$metadata#users('${userId}')/calendars`, value };
  }

  ownCalendar(userId: string, calendarId: string): Calendar {
    const calendar = this.calendars.get(calendarId);
    if (calendar === undefined || calendar.userId !== userId) throw new GraphError(404, "ErrorItemNotFound", "The specified object was not found in the store.");
    return calendar;
  }

  ownEvent(userId: string, eventId: string): StoredEvent {
    const event = this.events.get(eventId);
    if (event === undefined || event.isDeleted || event.userId !== userId) {
      throw new GraphError(404, "ErrorItemNotFound", "The specified object was not found in the store.");
    }
    return event;
  }

  calendarViewDelta(calendar: Calendar, requestUrl: URL, request: IncomingMessage, timeZone: string | null): Record<string, unknown> {
    const query = requestUrl.searchParams;
    const maxPageSize = Number(/odata\.maxpagesize=(\d+)/.exec(String(request.headers.prefer ?? ""))?.[1] ?? DEFAULT_DELTA_PAGE_SIZE);
    const skipToken = query.get("$skiptoken");
    const deltaToken = query.get("$deltatoken");
    const zone = timeZone ?? "UTC";
    let state: SkipState;
    if (skipToken !== null) {
      const found = this.skipStates.get(skipToken);
      if (found === undefined || found.isExpired || found.calendarId !== calendar.id) throw syncStateGone();
      state = found;
      this.skipStates.delete(skipToken);
    } else if (deltaToken !== null) {
      const found = this.deltaStates.get(deltaToken);
      if (found === undefined || found.isExpired || found.calendarId !== calendar.id) throw syncStateGone();
      const changed = this.calendarEvents(calendar).filter((event) => event.sequence > found.sequence && event.type !== "seriesMaster");
      const items = changed.map((event) =>
        event.isDeleted || !overlaps(event, found) ? { "@odata.type": "#microsoft.graph.event", id: event.id, "@removed": { reason: "deleted" } } : this.eventJson(event, zone),
      );
      state = { ...found, items, offset: 0, sequence: this.sequence, isExpired: false };
    } else {
      const startText = query.get("startDateTime");
      const endText = query.get("endDateTime");
      if (startText === null || endText === null) {
        throw new GraphError(400, "ErrorInvalidParameter", "This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.");
      }
      const window = { userId: calendar.userId, calendarId: calendar.id, startMs: parseQueryInstant(startText), endMs: parseQueryInstant(endText) };
      const items = this.calendarEvents(calendar)
        .filter((event) => !event.isDeleted && event.type !== "seriesMaster" && overlaps(event, window))
        .sort((a, b) => a.startMs - b.startMs)
        .map((event) => this.eventJson(event, zone));
      state = { ...window, items, offset: 0, sequence: this.sequence, isExpired: false };
    }
    const page = state.items.slice(state.offset, state.offset + maxPageSize);
    const base = `${this.url}/v1.0/me/calendars/${encodeURIComponent(calendar.id)}/calendarView/delta`;
    const body: Record<string, unknown> = { "@odata.context": `${this.url}/v1.0/$metadata#Collection(event)`, value: page };
    if (state.offset + maxPageSize < state.items.length) {
      const next = randomBytes(16).toString("base64url");
      this.skipStates.set(next, { ...state, offset: state.offset + maxPageSize });
      body["@odata.nextLink"] = `${base}?$skiptoken=${next}`;
    } else {
      const next = randomBytes(16).toString("base64url");
      this.deltaStates.set(next, { userId: state.userId, calendarId: state.calendarId, startMs: state.startMs, endMs: state.endMs, sequence: state.sequence, isExpired: false });
      body["@odata.deltaLink"] = `${base}?$deltatoken=${next}`;
    }
    return body;
  }

  createEvent(calendar: Calendar, json: unknown, timeZone: string | null): { status: number; body: unknown } {
    const input = parseBody(eventCreateSchema, json);
    if (input.transactionId !== undefined) {
      const existing = [...this.events.values()].find((event) => event.userId === calendar.userId && event.transactionId === input.transactionId && !event.isDeleted);
      if (existing !== undefined) return { status: 201, body: this.eventJson(existing, timeZone ?? existing.timeZone) };
    }
    const event = this.newEvent(calendar, { subject: input.subject ?? "", startMs: 0, endMs: 0, timeZone: input.start.timeZone });
    event.transactionId = input.transactionId ?? null;
    applyEventFields(event, input);
    this.touch(event);
    this.events.set(event.id, event);
    return { status: 201, body: this.eventJson(event, timeZone ?? event.timeZone) };
  }

  patchEvent(event: StoredEvent, json: unknown): void {
    const patch = parseBody(eventPatchSchema, json);
    applyEventFields(event, patch);
    this.touch(event);
  }

  /** Deletes an event as Graph's DELETE or a user in Outlook would: the next delta reports @removed. */
  removeEvent(event: StoredEvent): void {
    event.isDeleted = true;
    this.touch(event);
  }

  eventJson(event: StoredEvent, timeZone: string): Record<string, unknown> {
    return {
      "@odata.etag": `W/"${event.changeKey}"`,
      id: event.id,
      createdDateTime: new Date(event.createdMs).toISOString(),
      lastModifiedDateTime: new Date(event.modifiedMs).toISOString(),
      changeKey: event.changeKey,
      transactionId: event.transactionId,
      iCalUId: `040000008200E00074C5B7101A82E008${event.id.slice(4, 20)}`,
      subject: event.subject,
      body: event.body,
      start: { dateTime: formatInZone(event.startMs, timeZone), timeZone },
      end: { dateTime: formatInZone(event.endMs, timeZone), timeZone },
      isAllDay: event.isAllDay,
      isCancelled: false,
      showAs: event.showAs,
      type: event.type,
      seriesMasterId: event.seriesMasterId,
      isOnlineMeeting: event.isOnlineMeeting,
      onlineMeetingProvider: event.onlineMeetingProvider,
      onlineMeeting: event.joinUrl === null ? null : { joinUrl: event.joinUrl },
      location: event.location,
      attendees: event.attendees,
      organizer: { emailAddress: { name: this.users.get(event.userId)!.displayName, address: this.users.get(event.userId)!.mail } },
    };
  }

  // ---- test hooks ----

  addUser(input: { id?: string; mail: string; displayName?: string }): User {
    const user = { id: input.id ?? randomUUID(), mail: input.mail, displayName: input.displayName ?? input.mail };
    this.users.set(user.id, user);
    return user;
  }

  requireUser(userId: string): User {
    const user = this.users.get(userId);
    if (user === undefined) throw new Error(`Fake: no user ${userId}`);
    return user;
  }

  addCalendar(userId: string, input: { id?: string; name: string; isDefaultCalendar?: boolean }): Calendar {
    this.requireUser(userId);
    const calendar = { id: input.id ?? `AAMkCal${randomBytes(12).toString("base64url")}`, userId, name: input.name, isDefaultCalendar: input.isDefaultCalendar ?? false };
    this.calendars.set(calendar.id, calendar);
    return calendar;
  }

  addEvent(calendarId: string, input: FakeEventInput): string {
    const event = this.newEvent(this.requireCalendar(calendarId), { subject: input.subject, startMs: Date.parse(input.start), endMs: Date.parse(input.end), timeZone: "UTC" });
    event.showAs = input.showAs ?? "busy";
    event.isAllDay = input.isAllDay ?? false;
    this.touch(event);
    this.events.set(event.id, event);
    return event.id;
  }

  addSeries(calendarId: string, input: FakeSeriesInput): { seriesMasterId: string; occurrenceIds: string[] } {
    const calendar = this.requireCalendar(calendarId);
    const startMs = Date.parse(input.start);
    const durationMs = Date.parse(input.end) - startMs;
    const master = this.newEvent(calendar, { subject: input.subject, startMs, endMs: startMs + durationMs, timeZone: "UTC" });
    master.type = "seriesMaster";
    this.touch(master);
    this.events.set(master.id, master);
    const occurrenceIds: string[] = [];
    for (let index = 0; index < input.count; index += 1) {
      const occurrenceStartMs = startMs + index * input.everyDays * 86_400_000;
      const occurrence = this.newEvent(calendar, { subject: input.subject, startMs: occurrenceStartMs, endMs: occurrenceStartMs + durationMs, timeZone: "UTC" });
      occurrence.type = "occurrence";
      occurrence.seriesMasterId = master.id;
      occurrence.showAs = input.showAs ?? "busy";
      this.touch(occurrence);
      this.events.set(occurrence.id, occurrence);
      occurrenceIds.push(occurrence.id);
    }
    return { seriesMasterId: master.id, occurrenceIds };
  }

  deleteEvent(eventId: string): void {
    const event = this.events.get(eventId);
    if (event === undefined) throw new Error(`Fake: no event ${eventId}`);
    this.removeEvent(event);
  }

  eventsOf(calendarId: string): Array<{ id: string; subject: string; startMs: number; endMs: number; transactionId: string | null; showAs: ShowAs }> {
    return this.calendarEvents(this.requireCalendar(calendarId))
      .filter((event) => !event.isDeleted)
      .map(({ id, subject, startMs, endMs, transactionId, showAs }) => ({ id, subject, startMs, endMs, transactionId, showAs }));
  }

  /** The event's current changeKey, or "" for an unknown id (notifications carry it as the etag). */
  changeKeyOf(eventId: string): string {
    return this.events.get(eventId)?.changeKey ?? "";
  }

  expireDeltaTokens(): void {
    for (const state of this.deltaStates.values()) state.isExpired = true;
    for (const state of this.skipStates.values()) state.isExpired = true;
  }

  // ---- internals ----

  private requireCalendar(calendarId: string): Calendar {
    const calendar = this.calendars.get(calendarId);
    if (calendar === undefined) throw new Error(`Fake: no calendar ${calendarId}`);
    return calendar;
  }

  private calendarEvents(calendar: Calendar): StoredEvent[] {
    return [...this.events.values()].filter((event) => event.calendarId === calendar.id);
  }

  private touch(event: StoredEvent): void {
    this.sequence += 1;
    event.sequence = this.sequence;
    event.modifiedMs = this.nowMs();
    event.changeKey = randomBytes(12).toString("base64");
  }

  private newEvent(calendar: Calendar, fields: { subject: string; startMs: number; endMs: number; timeZone: string }): StoredEvent {
    return {
      id: `AAMk${randomBytes(18).toString("base64url")}`,
      userId: calendar.userId,
      calendarId: calendar.id,
      ...fields,
      showAs: "busy",
      isAllDay: false,
      type: "singleInstance",
      seriesMasterId: null,
      transactionId: null,
      isOnlineMeeting: false,
      onlineMeetingProvider: "unknown",
      joinUrl: null,
      body: { contentType: "html", content: "" },
      attendees: [],
      location: { displayName: "" },
      createdMs: this.nowMs(),
      modifiedMs: this.nowMs(),
      changeKey: "",
      sequence: 0,
      isDeleted: false,
    };
  }

  private calendarJson(calendar: Calendar): Record<string, unknown> {
    const owner = this.users.get(calendar.userId)!;
    return {
      id: calendar.id,
      name: calendar.name,
      color: "auto",
      hexColor: "",
      isDefaultCalendar: calendar.isDefaultCalendar,
      canEdit: true,
      canShare: true,
      canViewPrivateItems: true,
      isRemovable: !calendar.isDefaultCalendar,
      allowedOnlineMeetingProviders: ["teamsForBusiness"],
      defaultOnlineMeetingProvider: "teamsForBusiness",
      owner: { name: owner.displayName, address: owner.mail },
    };
  }
}

function syncStateGone(): GraphError {
  return new GraphError(410, "SyncStateNotFound", "The sync state generation is not found or has expired. Please perform a full resync (resyncRequired).");
}

function overlaps(event: { startMs: number; endMs: number }, window: { startMs: number; endMs: number }): boolean {
  return event.startMs < window.endMs && event.endMs > window.startMs;
}
