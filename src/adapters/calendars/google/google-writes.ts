// Convene's own events in a Google calendar. Each gets a client-chosen event id
// derived from the booking's UID, so a retry after a lost answer or a crash
// meets Google's 409 and overwrites that event instead of making a second one;
// an invite another client imported with the same UID is overwritten in place.
// Google sends no emails (sendUpdates=none): Convene sends the invite itself.
// A Meet conference is requested once per UID (a deterministic requestId) and
// kept across updates: updates send no conference data, which Google keeps.
import { createHash } from "node:crypto";
import { CalendarFailure } from "../../../core/calendars/calendar-errors.js";
import type { OwnEvent, WrittenEvent } from "../../../use-cases/ports/calendars.js";
import type { ApiResponse, OAuthApi } from "../oauth-api.js";
import { conferenceUrlOf, OWN_UID_PROPERTY, uidOf, type GoogleEvent } from "./google-events.js";
import { eventsPath, googleFailure } from "./google-failures.js";

const BASE32HEX = "0123456789abcdefghijklmnopqrstuv";

/** The event id for a UID: base32hex (a–v, 0–9) of its SHA-256, 52 characters, as Google's id rules allow. */
export function googleEventIdOf(uid: string): string {
  const digest = createHash("sha256").update(uid, "utf8").digest();
  let bits = 0;
  let value = 0;
  let id = "";
  for (const byte of digest) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      id += BASE32HEX[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return bits > 0 ? id + BASE32HEX[(value << (5 - bits)) & 31] : id;
}

/** The Meet create request's id: the same for every attempt at one UID, so Google makes one conference. */
const meetRequestIdOf = (uid: string) => createHash("sha256").update(`meet:${uid}`, "utf8").digest("hex").slice(0, 40);

/** The event's fields as Convene wants them (events.update replaces the whole event with these). */
function bodyOf(event: OwnEvent): Record<string, unknown> {
  const { details } = event;
  return {
    summary: details.summary,
    description: details.description,
    ...(details.location === null ? {} : { location: details.location }),
    start: { dateTime: new Date(details.startMs).toISOString(), timeZone: details.timeZone },
    end: { dateTime: new Date(details.endMs).toISOString(), timeZone: details.timeZone },
    attendees: details.attendees.map((attendee) => ({ email: attendee.email, ...(attendee.name ? { displayName: attendee.name } : {}) })),
    status: "confirmed",
    transparency: "opaque",
    extendedProperties: { private: { [OWN_UID_PROPERTY]: event.uid } },
  };
}

const meetRequest = (uid: string) => ({ createRequest: { requestId: meetRequestIdOf(uid), conferenceSolutionKey: { type: "hangoutsMeet" } } });
const wantsMeet = (event: OwnEvent) => event.details.conference === "google_meet";
const writtenOf = (event: GoogleEvent): WrittenEvent => ({ href: event.id, etag: event.etag ?? null, conferenceUrl: conferenceUrlOf(event) });

/** Whether the stored event already says what `event` says (a retry after a write that landed). */
function matches(stored: GoogleEvent, event: OwnEvent): boolean {
  const { details } = event;
  const instant = (time: GoogleEvent["start"]) => (time?.dateTime ? Date.parse(time.dateTime) : Number.NaN);
  const emails = (list: { email?: string }[] | undefined) => (list ?? []).map((attendee) => (attendee.email ?? "").toLowerCase()).sort().join(" ");
  return (
    stored.status !== "cancelled" &&
    uidOf(stored) === event.uid &&
    (stored.summary ?? "") === details.summary &&
    (stored.description ?? "") === details.description &&
    (stored.location ?? null) === details.location &&
    instant(stored.start) === details.startMs &&
    instant(stored.end) === details.endMs &&
    emails(stored.attendees) === emails(details.attendees) &&
    (!wantsMeet(event) || stored.conferenceData !== undefined)
  );
}

export function googleWrites(api: OAuthApi) {
  const get = async (calendarId: string, eventId: string): Promise<GoogleEvent | null> => {
    const response = await api(eventsPath(calendarId, eventId));
    if (response.status === 404 || response.status === 410) return null;
    if (response.status !== 200) throw googleFailure(`reading event ${eventId}`, response, { isWrite: false });
    return response.json as GoogleEvent;
  };

  const put = (calendarId: string, eventId: string, event: OwnEvent, etag: string | null): Promise<ApiResponse> =>
    api(eventsPath(calendarId, eventId), { method: "PUT", query: { sendUpdates: "none" }, json: bodyOf(event), headers: etag ? { "if-match": etag } : {} });

  /** Asks for a Meet on an event that has none (conference data needs conferenceDataVersion=1). */
  const addMeet = async (calendarId: string, stored: GoogleEvent, event: OwnEvent): Promise<GoogleEvent> => {
    const response = await api(eventsPath(calendarId, stored.id), {
      method: "PATCH",
      query: { sendUpdates: "none", conferenceDataVersion: 1 },
      json: { conferenceData: meetRequest(event.uid) },
      headers: stored.etag ? { "if-match": stored.etag } : {},
    });
    if (response.status !== 200) throw googleFailure(`adding a Meet to event ${stored.id}`, response, { isWrite: true });
    return response.json as GoogleEvent;
  };

  /** The written event, re-read once when Google is still creating its conference (createRequest status "pending"). */
  const settled = async (calendarId: string, stored: GoogleEvent): Promise<WrittenEvent> => {
    if (stored.conferenceData?.createRequest?.status?.statusCode !== "pending") return writtenOf(stored);
    return writtenOf((await get(calendarId, stored.id)) ?? stored);
  };

  /**
   * Replaces the event at eventId, If-Match on `etag`; a stale etag (412) re-reads
   * it and tries once more, an event gone (404, 410) is written anew.
   */
  const replace = async (calendarId: string, eventId: string, event: OwnEvent, etag: string | null): Promise<WrittenEvent> => {
    let currentEtag = etag;
    for (let attempt = 0; ; attempt += 1) {
      const response = await put(calendarId, eventId, event, currentEtag);
      if (response.status === 200) {
        const stored = response.json as GoogleEvent;
        return settled(calendarId, wantsMeet(event) && stored.conferenceData === undefined ? await addMeet(calendarId, stored, event) : stored);
      }
      if (response.status === 404 || response.status === 410) return create(calendarId, event);
      if (response.status === 412 && attempt === 0) {
        const current = await get(calendarId, eventId);
        if (current === null) return create(calendarId, event);
        currentEtag = current.etag ?? null;
        continue;
      }
      if (response.status === 412) throw new CalendarFailure("unavailable", `updating event ${eventId}: it kept changing under the update (412 twice)`, { status: 412 });
      throw googleFailure(`updating event ${eventId}`, response, { isWrite: true });
    }
  };

  /** Another client's copy of the same UID (an imported invite), to overwrite rather than sit beside. */
  const otherCopyOf = async (calendarId: string, uid: string, ownId: string): Promise<GoogleEvent | null> => {
    const response = await api(eventsPath(calendarId), { query: { iCalUID: uid, maxResults: 10 } });
    if (response.status !== 200) throw googleFailure(`looking up event ${uid}`, response, { isWrite: false });
    const items = (response.json as { items?: GoogleEvent[] }).items ?? [];
    return items.find((item) => item.id !== ownId && item.status !== "cancelled") ?? null;
  };

  const create = async (calendarId: string, event: OwnEvent): Promise<WrittenEvent> => {
    const eventId = googleEventIdOf(event.uid);
    const other = await otherCopyOf(calendarId, event.uid, eventId);
    if (other !== null) return replace(calendarId, other.id, event, other.etag ?? null);
    const response = await api(eventsPath(calendarId), {
      method: "POST",
      query: { sendUpdates: "none", ...(wantsMeet(event) ? { conferenceDataVersion: 1 } : {}) },
      json: { id: eventId, ...bodyOf(event), ...(wantsMeet(event) ? { conferenceData: meetRequest(event.uid) } : {}) },
    });
    if (response.status === 200) return settled(calendarId, response.json as GoogleEvent);
    if (response.status !== 409) throw googleFailure(`creating event ${event.uid}`, response, { isWrite: true });
    // Written before (a retry, a crash after the write): this attempt's content wins, in place.
    const existing = await get(calendarId, eventId);
    if (existing === null) throw new CalendarFailure("unavailable", `creating event ${event.uid}: Google reported it exists but cannot read it back`, { status: 409 });
    return matches(existing, event) ? settled(calendarId, existing) : replace(calendarId, eventId, event, existing.etag ?? null);
  };

  return {
    createEvent: create,
    updateEvent: (calendarId: string, event: OwnEvent, at: WrittenEvent) => replace(calendarId, at.href, event, at.etag),
    async deleteEvent(calendarId: string, uid: string, at: WrittenEvent | null): Promise<void> {
      const eventId = at?.href ?? googleEventIdOf(uid);
      const response = await api(eventsPath(calendarId, eventId), { method: "DELETE", query: { sendUpdates: "none" } });
      // Already gone (404) or deleted before (410): what was asked is true.
      if ((response.status >= 200 && response.status < 300) || response.status === 404 || response.status === 410) return;
      throw googleFailure(`deleting event ${eventId}`, response, { isWrite: true });
    },
  };
}
