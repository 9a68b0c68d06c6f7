// Where Convene's own events live on a calendar server, derived from the
// event's UID so that a retried write lands on the same resource instead of
// making a second event.
import { createHash } from "node:crypto";
import ICAL from "ical.js";
import { CalendarFailure } from "../../core/calendars/calendar-errors.js";

/**
 * The resource name for a UID. A hash rather than the UID itself: UIDs carry
 * "@", "/" and other characters that servers encode, decode or refuse in
 * different ways, and a hash is the same name on every server.
 */
export function resourceNameForUid(uid: string): string {
  return `convene-${createHash("sha256").update(uid).digest("hex").slice(0, 32)}.ics`;
}

/** The UID of the event in a VCALENDAR Convene is about to write; refuses text that is not one. */
export function eventUidOf(ics: string): string {
  let uid: unknown;
  try {
    uid = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent("vevent")?.getFirstPropertyValue("uid");
  } catch (error) {
    throw new CalendarFailure("rejected", "the event is not valid iCalendar text", { cause: error });
  }
  if (typeof uid !== "string" || uid === "") throw new CalendarFailure("rejected", "the event has no VEVENT with a UID");
  return uid;
}

/** The event's UID must be the one it is written under: a mismatch would put one booking's event where another's belongs. */
export function assertEventUid(uid: string, ics: string): void {
  const written = eventUidOf(ics);
  if (written !== uid) throw new CalendarFailure("rejected", `the event's UID "${written}" is not the UID "${uid}" it is written under`);
}
