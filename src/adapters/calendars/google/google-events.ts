// A Google Calendar event (API v3 JSON) as the iCalendar object the rest of
// Convene reads: sync stores it and core/calendars/busy-events.ts decides from
// it what blocks time, the same way it does for CalDAV. Only what busy time and
// own-event recognition need is carried over; the JSON stays the source of truth.
import ICAL from "ical.js";

export type GoogleEventTime = { date?: string; dateTime?: string; timeZone?: string };
export type GoogleAttendee = { email?: string; displayName?: string; self?: boolean; organizer?: boolean; responseStatus?: string };
export type GoogleConferenceData = {
  createRequest?: { requestId?: string; status?: { statusCode?: string } };
  entryPoints?: { entryPointType?: string; uri?: string }[];
};
export type GoogleEvent = {
  id: string;
  etag?: string;
  status?: string;
  iCalUID?: string;
  summary?: string;
  description?: string;
  location?: string;
  start?: GoogleEventTime;
  end?: GoogleEventTime;
  transparency?: string;
  attendees?: GoogleAttendee[];
  created?: string;
  updated?: string;
  sequence?: number;
  extendedProperties?: { private?: Record<string, string>; shared?: Record<string, string> };
  hangoutLink?: string;
  conferenceData?: GoogleConferenceData;
};

/**
 * Where Convene keeps the booking's UID on the events it writes: Google takes
 * either a client-chosen id or an iCalUID at creation, "only one of them"
 * (Event.iCalUID), and Convene chooses the id for idempotent retries. Private
 * extended properties belong to this calendar's copy of the event.
 */
export const OWN_UID_PROPERTY = "conveneUid";

const PARTSTAT: Record<string, string> = { accepted: "ACCEPTED", declined: "DECLINED", tentative: "TENTATIVE", needsAction: "NEEDS-ACTION" };

/** The event's iCalendar UID: the booking's for Convene's own events, else Google's iCalUID. */
export function uidOf(event: GoogleEvent): string {
  return event.extendedProperties?.private?.[OWN_UID_PROPERTY] ?? event.iCalUID ?? `${event.id}@google.com`;
}

/** The meeting link Google made for the event (Meet), or null. */
export function conferenceUrlOf(event: GoogleEvent): string | null {
  return event.hangoutLink ?? event.conferenceData?.entryPoints?.find((entry) => entry.entryPointType === "video")?.uri ?? null;
}

function timeOf(time: GoogleEventTime | undefined): { value: ICAL.Time; tzid: string | null } | null {
  if (time?.date !== undefined) return /^\d{4}-\d{2}-\d{2}$/.test(time.date) ? { value: ICAL.Time.fromDateString(time.date), tzid: null } : null;
  if (time?.dateTime === undefined) return null;
  // Google answers with an offset; a bare local time is read in its timeZone (core resolves IANA TZIDs).
  if (/(Z|[+-]\d{2}:\d{2})$/i.test(time.dateTime)) {
    const instantMs = Date.parse(time.dateTime);
    return Number.isNaN(instantMs) ? null : { value: ICAL.Time.fromJSDate(new Date(instantMs), true), tzid: null };
  }
  if (!time.timeZone || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/.test(time.dateTime)) return null;
  return { value: ICAL.Time.fromDateTimeString(time.dateTime.slice(0, 19)), tzid: time.timeZone };
}

function addTime(vevent: ICAL.Component, name: "dtstart" | "dtend", time: { value: ICAL.Time; tzid: string | null }): void {
  const property = vevent.addPropertyWithValue(name, time.value);
  if (time.tzid !== null) property.setParameter("tzid", time.tzid);
}

/**
 * One VCALENDAR with the event's VEVENT, or null when it has no readable start
 * (nothing to block). Google's `transparency` and `status` become TRANSP and
 * STATUS; the account's own attendee entry becomes an ATTENDEE with its
 * PARTSTAT. When the account declined, TRANSP is TRANSPARENT as well: busy
 * expansion recognises the owner by the Convene user's address, which need not
 * be the Google account's, and Google itself counts a declined event as free.
 */
export function icsOfGoogleEvent(event: GoogleEvent): string | null {
  const start = timeOf(event.start);
  if (start === null) return null;
  const end = timeOf(event.end);
  const self = event.attendees?.find((attendee) => attendee.self === true);
  const isDeclined = self?.responseStatus === "declined";

  const calendar = new ICAL.Component("vcalendar");
  calendar.addPropertyWithValue("version", "2.0");
  calendar.addPropertyWithValue("prodid", "-//Convene//Google Calendar//EN");
  const vevent = new ICAL.Component("vevent");
  vevent.addPropertyWithValue("uid", uidOf(event));
  const stampMs = Date.parse(event.updated ?? event.created ?? "");
  vevent.addPropertyWithValue("dtstamp", ICAL.Time.fromJSDate(new Date(Number.isNaN(stampMs) ? 0 : stampMs), true));
  addTime(vevent, "dtstart", start);
  if (end !== null) addTime(vevent, "dtend", end);
  if (event.summary) vevent.addPropertyWithValue("summary", event.summary);
  if (event.description) vevent.addPropertyWithValue("description", event.description);
  if (event.location) vevent.addPropertyWithValue("location", event.location);
  if (typeof event.sequence === "number") vevent.addPropertyWithValue("sequence", event.sequence);
  if (event.status === "tentative" || event.status === "cancelled") vevent.addPropertyWithValue("status", event.status.toUpperCase());
  vevent.addPropertyWithValue("transp", event.transparency === "transparent" || isDeclined ? "TRANSPARENT" : "OPAQUE");
  if (self?.email) {
    const attendee = vevent.addPropertyWithValue("attendee", `mailto:${self.email}`);
    attendee.setParameter("partstat", PARTSTAT[self.responseStatus ?? "needsAction"] ?? "NEEDS-ACTION");
  }
  calendar.addSubcomponent(vevent);
  return calendar.toString() + "\r\n";
}
