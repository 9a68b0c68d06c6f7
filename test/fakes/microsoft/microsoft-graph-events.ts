// The Graph calendar half of the Microsoft fake: users, calendars and events, with
// calendarView/delta paging and sync tokens, transactionId de-duplication on create,
// recurring series and Teams join URLs, per the Graph v1.0 event documentation.
import { randomBytes, randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { GraphError, parseBody } from "./microsoft-errors.js";
import { applyEventFields, eventCreateSchema, eventPatchSchema, eventJson, newEvent, type OnlineMeetingProvider, type ResponseType, type ShowAs } from "./microsoft-event-fields.js";
import { parseQueryInstant } from "./microsoft-time-zones.js";

const DEFAULT_DELTA_PAGE_SIZE = 10;

export interface FakeEventInput {
  subject: string;
  /** An event the user got by invitation keeps the sender's UID as its iCalUId. */
  iCalUId?: string;
  isCancelled?: boolean;
  response?: ResponseType;
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
  /** False for a calendar shared with the user read-only: writes are refused (403). */
  canEdit: boolean;
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
  /** Set for an event that came from an invitation (the sender's UID); null: derived from the id, as for events made here. */
  iCalUId: string | null;
  isCancelled: boolean;
  /** The owner's response: organizer for their own events. */
  response: ResponseType;
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
    requireWritable(calendar);
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

  patchEvent(event: StoredEvent, json: unknown, ifMatch: string | undefined): void {
    requireWritable(this.calendars.get(event.calendarId)!);
    requireMatch(event, ifMatch);
    const patch = parseBody(eventPatchSchema, json);
    applyEventFields(event, patch);
    this.touch(event);
  }

  /** Deletes an event as Graph's DELETE or a user in Outlook would: the next delta reports @removed. */
  removeEvent(event: StoredEvent, ifMatch?: string): void {
    requireWritable(this.calendars.get(event.calendarId)!);
    requireMatch(event, ifMatch);
    event.isDeleted = true;
    this.touch(event);
  }

  eventJson(event: StoredEvent, timeZone: string): Record<string, unknown> {
    const owner = this.users.get(event.userId)!;
    return eventJson(event, timeZone, { name: owner.displayName, address: owner.mail });
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

  addCalendar(userId: string, input: { id?: string; name: string; isDefaultCalendar?: boolean; canEdit?: boolean }): Calendar {
    this.requireUser(userId);
    const id = input.id ?? `AAMkCal${randomBytes(12).toString("base64url")}`;
    const calendar = { id, userId, name: input.name, isDefaultCalendar: input.isDefaultCalendar ?? false, canEdit: input.canEdit ?? true };
    this.calendars.set(calendar.id, calendar);
    return calendar;
  }

  addEvent(calendarId: string, input: FakeEventInput): string {
    const event = this.newEvent(this.requireCalendar(calendarId), { subject: input.subject, startMs: Date.parse(input.start), endMs: Date.parse(input.end), timeZone: "UTC" });
    event.showAs = input.showAs ?? "busy";
    event.isAllDay = input.isAllDay ?? false;
    event.iCalUId = input.iCalUId ?? null;
    event.isCancelled = input.isCancelled ?? false;
    event.response = input.response ?? "organizer";
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
    const event = this.requireEvent(eventId);
    event.isDeleted = true;
    this.touch(event);
  }

  /** The user edits the event in Outlook: new fields, a new changeKey, and the next delta reports it. */
  editEvent(eventId: string, input: Partial<Pick<FakeEventInput, "subject" | "start" | "end" | "showAs">>): void {
    const event = this.requireEvent(eventId);
    if (input.subject !== undefined) event.subject = input.subject;
    if (input.start !== undefined) event.startMs = Date.parse(input.start);
    if (input.end !== undefined) event.endMs = Date.parse(input.end);
    if (input.showAs !== undefined) event.showAs = input.showAs;
    this.touch(event);
  }

  /**
   * GET /me/calendars/{id}/events. Of $filter only `iCalUId eq '…'` is
   * understood (anything else is answered 501 rather than misread); paging is
   * left out: one page of every match.
   */
  listEvents(calendar: Calendar, requestUrl: URL, timeZone: string | null): Record<string, unknown> {
    const filter = requestUrl.searchParams.get("$filter");
    let matches = this.calendarEvents(calendar).filter((event) => !event.isDeleted && event.type !== "occurrence");
    if (filter !== null) {
      const match = /^iCalUId eq '((?:[^']|'')*)'$/.exec(filter.trim());
      if (match === null) throw new GraphError(501, "NotImplemented", `Fake: unsupported $filter '${filter}'.`);
      const uid = match[1]!.replaceAll("''", "'");
      matches = matches.filter((event) => (this.eventJson(event, "UTC").iCalUId as string) === uid);
    }
    return { "@odata.context": `${this.url}/v1.0/$metadata#users('${calendar.userId}')/calendars('${calendar.id}')/events`, value: matches.map((event) => this.eventJson(event, timeZone ?? "UTC")) };
  }

  private requireEvent(eventId: string): StoredEvent {
    const event = this.events.get(eventId);
    if (event === undefined) throw new Error(`Fake: no event ${eventId}`);
    return event;
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
    return newEvent(calendar, fields, this.nowMs());
  }

  private calendarJson(calendar: Calendar): Record<string, unknown> {
    const owner = this.users.get(calendar.userId)!;
    return {
      id: calendar.id,
      name: calendar.name,
      color: "auto",
      hexColor: "",
      isDefaultCalendar: calendar.isDefaultCalendar,
      canEdit: calendar.canEdit,
      canShare: true,
      canViewPrivateItems: true,
      isRemovable: !calendar.isDefaultCalendar,
      allowedOnlineMeetingProviders: ["teamsForBusiness"],
      defaultOnlineMeetingProvider: "teamsForBusiness",
      owner: { name: owner.displayName, address: owner.mail },
    };
  }
}

/** A calendar shared read-only: Graph refuses the write with 403 ErrorAccessDenied. */
function requireWritable(calendar: Calendar): void {
  if (!calendar.canEdit) throw new GraphError(403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.");
}

/** If-Match must name the event's current version (its @odata.etag, or the bare changeKey); a stale one is 412 ErrorIrresolvableConflict. */
function requireMatch(event: StoredEvent, ifMatch: string | undefined): void {
  if (ifMatch === undefined || ifMatch === "*") return;
  if (ifMatch !== `W/"${event.changeKey}"` && ifMatch !== event.changeKey) {
    throw new GraphError(412, "ErrorIrresolvableConflict", "The send or update operation could not be performed because the change key passed in the request does not match the current change key for the item.");
  }
}

function syncStateGone(): GraphError {
  return new GraphError(410, "SyncStateNotFound", "The sync state generation is not found or has expired. Please perform a full resync (resyncRequired).");
}

function overlaps(event: { startMs: number; endMs: number }, window: { startMs: number; endMs: number }): boolean {
  return event.startMs < window.endMs && event.endMs > window.startMs;
}
