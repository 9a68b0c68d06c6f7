// Convene's own events in an Outlook calendar. A create carries a
// transactionId derived from the booking's UID: Graph answers a second POST
// with the same transactionId with the event the first one made (its "avoid
// redundant POST operations" property), so a retry or a crash after the write
// never makes a second event, and sync reads the UID back from it
// (graph-events.ts). Updates PATCH with If-Match on the event's etag and
// re-read a stale one once; a delete of what is gone succeeds.
//
// No attendees are written. Graph sends its own meeting requests to the
// attendees of an event an organizer creates, and documents no way to create
// one without (unlike Google's sendUpdates=none). Convene emails the invite
// itself, under the booking's UID: Outlook's would be a second invitation with
// another UID, so a second entry in every guest's calendar, and its own
// updates and cancellations on top of Convene's. The guests are named in the
// body instead. The cost: the host's Outlook does not list them as attendees,
// and guests join the Teams meeting through its lobby as any external guest.
import { CalendarFailure } from "../../../core/calendars/calendar-errors.js";
import type { EventDetails, OwnEvent, WrittenEvent } from "../../../use-cases/ports/calendars.js";
import type { ApiResponse, OAuthApi } from "../oauth-api.js";
import { assertEventUid } from "../event-resource.js";
import { etagOf, transactionIdOf, type GraphEvent } from "./graph-events.js";
import { graphErrorCode, graphFailure, isSuccess } from "./graph-failures.js";
import { graphDateTimeOf } from "./graph-time-zones.js";

const eventPath = (eventId: string) => `/v1.0/me/events/${encodeURIComponent(eventId)}`;

/** The event's fields as Graph takes them, on create and on every update (a reschedule rewrites them all). */
function eventFields(details: EventDetails): Record<string, unknown> {
  const guests = details.attendees.map((attendee) => (attendee.name ? `${attendee.name} <${attendee.email}>` : attendee.email));
  const content = [details.description.trim(), guests.length > 0 ? `Guests: ${guests.join(", ")}` : ""].filter((block) => block !== "").join("\n\n");
  return {
    subject: details.summary,
    body: { contentType: "text", content },
    start: graphDateTimeOf(details.startMs, details.timeZone),
    end: graphDateTimeOf(details.endMs, details.timeZone),
    location: { displayName: details.location ?? "" },
    showAs: "busy",
    // Asked for on updates too: once an event is online, Graph keeps its meeting (and join link) however often this is sent.
    ...(details.conference === "teams" ? { isOnlineMeeting: true, onlineMeetingProvider: "teamsForBusiness" } : {}),
  };
}

export async function createEvent(api: OAuthApi, calendarId: string, event: OwnEvent): Promise<WrittenEvent> {
  assertEventUid(event.uid, event.ics);
  const response = await api(`/v1.0/me/calendars/${encodeURIComponent(calendarId)}/events`, {
    method: "POST",
    json: { ...eventFields(event.details), transactionId: transactionIdOf(event.uid) },
  });
  if (!isSuccess(response)) throw graphFailure("writing the event", response, { isWrite: true });
  const created = response.json as GraphEvent;
  await removeOtherCopies(api, calendarId, event.uid, created.id);
  return written(api, created, event.details);
}

export async function updateEvent(api: OAuthApi, calendarId: string, event: OwnEvent, at: WrittenEvent): Promise<WrittenEvent> {
  assertEventUid(event.uid, event.ics);
  let etag = at.etag;
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const response = await api(eventPath(at.href), { method: "PATCH", json: eventFields(event.details), headers: etag === null ? {} : { "if-match": etag } });
    if (isSuccess(response)) return written(api, response.json as GraphEvent, event.details);
    // The owner deleted it in Outlook: the booking still stands, so it is written again.
    if (response.status === 404 || response.status === 410) return createEvent(api, calendarId, event);
    if (!isStale(response)) throw graphFailure("updating the event", response, { isWrite: true });
    // Changed since Convene wrote it (the owner edited it, or an earlier update's etag was not kept): re-read once.
    const current = await readEvent(api, at.href);
    if (current === null) return createEvent(api, calendarId, event);
    etag = etagOf(current);
  }
  throw new CalendarFailure("unavailable", `the event ${at.href} kept changing while Convene updated it; try again`, { status: 412 });
}

/**
 * Removes the event where it was written; one already gone is success. No
 * If-Match: whatever the owner changed, a cancelled booking's event is
 * Convene's to remove. Without `at` there is nothing to remove: Graph's event
 * ids are its own, not derived from the UID, and Convene records where it
 * wrote before anything could ask to delete it.
 */
export async function deleteEvent(api: OAuthApi, at: WrittenEvent | null): Promise<void> {
  if (at === null) return;
  const response = await api(eventPath(at.href), { method: "DELETE" });
  if (isSuccess(response) || response.status === 404 || response.status === 410) return;
  throw graphFailure("removing the event", response, { isWrite: true });
}

/** Graph answers a stale If-Match with 412, and some mailboxes with 409 ErrorIrresolvableConflict. */
function isStale(response: ApiResponse): boolean {
  return response.status === 412 || (response.status === 409 && graphErrorCode(response) === "errorirresolvableconflict");
}

async function readEvent(api: OAuthApi, eventId: string): Promise<GraphEvent | null> {
  const response = await api(eventPath(eventId));
  if (response.status === 404 || response.status === 410) return null;
  if (response.status !== 200) throw graphFailure("reading the event", response, { isWrite: false });
  return response.json as GraphEvent;
}

/**
 * The invite Convene emailed, imported into this calendar by Outlook or the
 * owner's mail app, is the same meeting under the same UID (its iCalUId):
 * Convene's own event replaces it, as a CalDAV write would overwrite it.
 */
async function removeOtherCopies(api: OAuthApi, calendarId: string, uid: string, keepId: string): Promise<void> {
  const response = await api(`/v1.0/me/calendars/${encodeURIComponent(calendarId)}/events`, {
    query: { $filter: `iCalUId eq '${uid.replaceAll("'", "''")}'`, $select: "id" },
  });
  if (response.status !== 200) throw graphFailure("looking for copies of the event", response, { isWrite: false });
  const copies = ((response.json as { value?: { id?: string }[] } | null)?.value ?? []).filter((copy) => typeof copy.id === "string" && copy.id !== keepId);
  for (const copy of copies) await deleteEvent(api, { href: copy.id!, etag: null });
}

/**
 * Where the event is and its join link. The create answer may come before the
 * Teams meeting is made (onlineMeeting still null on the real service): the
 * event is read once more for it.
 */
async function written(api: OAuthApi, event: GraphEvent, details: EventDetails): Promise<WrittenEvent> {
  let joinUrl = event.onlineMeeting?.joinUrl ?? null;
  if (details.conference === "teams" && joinUrl === null) joinUrl = (await readEvent(api, event.id))?.onlineMeeting?.joinUrl ?? null;
  return { href: event.id, etag: etagOf(event), conferenceUrl: details.conference === "teams" ? joinUrl : null };
}
