// A Graph event (JSON) as the one-VEVENT iCalendar object the rest of Convene
// reads, so core/calendars/busy-events.ts decides what blocks for Outlook
// calendars by the same rules as for CalDAV: calendarView already expanded
// series into occurrences, so each instance is its own object, never an RRULE.
//   showAs free / workingElsewhere → TRANSP:TRANSPARENT (busy, tentative, oof
//   and unknown block); isCancelled → STATUS:CANCELLED; the owner declined
//   (responseStatus) → TRANSPARENT, plus their ATTENDEE;PARTSTAT=DECLINED.
// The owner's decline is written both ways because expandBusy matches
// PARTSTAT against the Convene user's email, which need not be the Microsoft
// account's address.
import ICAL from "ical.js";
import { instantOfGraphDateTime, plainDateTimeOf, type GraphDateTime } from "./graph-time-zones.js";

export type GraphEvent = {
  id: string;
  "@odata.etag"?: string;
  changeKey?: string;
  iCalUId?: string | null;
  transactionId?: string | null;
  subject?: string | null;
  start?: GraphDateTime | null;
  end?: GraphDateTime | null;
  isAllDay?: boolean;
  isCancelled?: boolean;
  showAs?: string;
  type?: string;
  responseStatus?: { response?: string } | null;
  lastModifiedDateTime?: string;
  onlineMeeting?: { joinUrl?: string | null } | null;
};

/**
 * Convene's own events carry their booking's UID in transactionId: Graph
 * makes up the iCalUId of an event created through the API (it cannot be
 * set), the delta query takes no $expand (so no extended property comes
 * back with it), but transactionId is on every event that has one. The
 * prefix keeps other apps' transaction ids from being read as UIDs.
 */
const TRANSACTION_PREFIX = "convene-uid:";

/** The transactionId Convene creates the event with: the same for every retry of the same UID, so Graph makes one event. */
export function transactionIdOf(uid: string): string {
  return `${TRANSACTION_PREFIX}${uid}`;
}

/** The UID Convene gave an event it created, else null. */
export function ownUidOf(transactionId: string | null | undefined): string | null {
  return transactionId?.startsWith(TRANSACTION_PREFIX) ? transactionId.slice(TRANSACTION_PREFIX.length) || null : null;
}

/** What a reader of the calendar calls the event: Convene's UID for its own, else Outlook's iCalUId. */
export function uidOf(event: GraphEvent): string {
  return ownUidOf(event.transactionId) ?? event.iCalUId ?? event.id;
}

/** The event's version for If-Match: Graph's @odata.etag, else its changeKey. */
export function etagOf(event: GraphEvent): string | null {
  return event["@odata.etag"] ?? event.changeKey ?? null;
}

const NON_BLOCKING_SHOW_AS = new Set(["free", "workingElsewhere"]);

/** The VCALENDAR for one event instance; null when its times cannot be read (nothing to block). */
export function graphEventIcs(event: GraphEvent, accountEmail: string): string | null {
  if (!event.start || !event.end) return null;
  const vevent = new ICAL.Component("vevent");
  vevent.addPropertyWithValue("uid", uidOf(event));
  const modifiedMs = event.lastModifiedDateTime ? Date.parse(event.lastModifiedDateTime) : Number.NaN;
  vevent.addPropertyWithValue("dtstamp", ICAL.Time.fromJSDate(new Date(Number.isNaN(modifiedMs) ? 0 : modifiedMs), true));
  if (event.isAllDay) {
    // An all-day event is whole days wherever the reader is: dates, read in the calendar's zone.
    const start = plainDateTimeOf(event.start.dateTime);
    const end = plainDateTimeOf(event.end.dateTime);
    if (start === null || end === null) return null;
    vevent.addPropertyWithValue("dtstart", ICAL.Time.fromDateString(start.toPlainDate().toString()));
    vevent.addPropertyWithValue("dtend", ICAL.Time.fromDateString(end.toPlainDate().toString()));
  } else {
    const startMs = instantOfGraphDateTime(event.start);
    const endMs = instantOfGraphDateTime(event.end);
    if (startMs === null || endMs === null) return null;
    vevent.addPropertyWithValue("dtstart", ICAL.Time.fromJSDate(new Date(startMs), true));
    vevent.addPropertyWithValue("dtend", ICAL.Time.fromJSDate(new Date(endMs), true));
  }
  vevent.addPropertyWithValue("summary", event.subject ?? "");
  const isDeclined = event.responseStatus?.response === "declined";
  const isTransparent = NON_BLOCKING_SHOW_AS.has(event.showAs ?? "") || isDeclined;
  vevent.addPropertyWithValue("transp", isTransparent ? "TRANSPARENT" : "OPAQUE");
  if (event.isCancelled) vevent.addPropertyWithValue("status", "CANCELLED");
  else if (event.showAs === "tentative") vevent.addPropertyWithValue("status", "TENTATIVE");
  if (isDeclined && accountEmail !== "") {
    const attendee = vevent.addPropertyWithValue("attendee", `mailto:${accountEmail}`);
    attendee.setParameter("partstat", "DECLINED");
  }
  const calendar = new ICAL.Component("vcalendar");
  calendar.addPropertyWithValue("version", "2.0");
  calendar.addPropertyWithValue("prodid", "-//Convene//Microsoft Graph//EN");
  calendar.addSubcomponent(vevent);
  return `${calendar.toString()}\r\n`;
}
