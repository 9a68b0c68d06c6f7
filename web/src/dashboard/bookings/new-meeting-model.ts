// The "New meeting" form's rules without React: the form's fields, the
// wall time an owner types turned into an instant in their zone, and the body
// of POST /api/v1/bookings (the server judges the time; this only shapes it).
import type { paths } from "../../api/client";
import { zoneOffsetMs } from "../../lib/time";

export type DirectBookingBody = NonNullable<paths["/api/v1/bookings"]["post"]["requestBody"]>["content"]["application/json"];
export type LocationKind = NonNullable<DirectBookingBody["location"]>["kind"];
export type Availability = paths["/api/v1/availability"]["get"]["responses"][200]["content"]["application/json"];

export const DURATION_CHOICES_MIN = [15, 30, 45, 60, 90, 120];

/** The locations on offer, in the order shown; `valueLabel` when the kind needs the owner's text. */
export const LOCATION_CHOICES: { kind: LocationKind; label: string; valueLabel?: string; needsCalendar?: "Google" | "Microsoft" }[] = [
  { kind: "jitsi", label: "Jitsi Meet (a room of its own)" },
  { kind: "google_meet", label: "Google Meet", needsCalendar: "Google" },
  { kind: "teams", label: "Microsoft Teams", needsCalendar: "Microsoft" },
  { kind: "url", label: "A meeting URL (Zoom, Whereby…)", valueLabel: "Meeting URL" },
  { kind: "phone", label: "Phone call", valueLabel: "Phone number" },
  { kind: "in_person", label: "In person", valueLabel: "Address" },
  { kind: "none", label: "No location" },
];

export type Attendee = { key: string; name: string; email: string };

export type MeetingForm = {
  hostUserIds: string[];
  durationMin: number;
  /** The chosen start (an instant), from a free time or a typed time. */
  start: string | null;
  attendees: Attendee[];
  inviteeTimeZone: string;
  title: string;
  locationKind: LocationKind;
  locationValue: string;
  notes: string;
  allowOutsideHours: boolean;
};

/**
 * The instant a wall time ("14:30") on a local date begins in a zone; null for
 * text that is no time. Two offset look-ups settle it: in a DST gap the time
 * moves forward by the gap, in an overlap it takes one of the two offsets.
 */
export function instantOfWallTime(date: string, time: string, timeZone: string): number | null {
  const dateMatch = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const timeMatch = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!dateMatch || !timeMatch) return null;
  const wallMs = Date.UTC(Number(dateMatch[1]), Number(dateMatch[2]) - 1, Number(dateMatch[3]), Number(timeMatch[1]), Number(timeMatch[2]));
  const first = wallMs - zoneOffsetMs(timeZone, wallMs);
  return wallMs - zoneOffsetMs(timeZone, first);
}

/** The request body: the first attendee is the invitee (in their zone), the rest are guests; blanks are left out so the server's defaults apply. */
export function bookingBodyOf(form: MeetingForm): DirectBookingBody {
  const [invitee, ...guests] = form.attendees;
  const choice = LOCATION_CHOICES.find((option) => option.kind === form.locationKind);
  const value = form.locationValue.trim();
  return {
    start: form.start ?? "",
    durationMin: form.durationMin,
    hostUserIds: form.hostUserIds,
    attendees: [
      ...(invitee ? [{ name: invitee.name.trim(), email: invitee.email.trim(), timeZone: form.inviteeTimeZone }] : []),
      ...guests.map((guest) => ({ name: guest.name.trim() || guest.email.trim(), email: guest.email.trim() })),
    ],
    ...(form.title.trim() ? { title: form.title.trim() } : {}),
    location: { kind: form.locationKind, ...(choice?.valueLabel && value ? { value } : {}) },
    ...(form.notes.trim() ? { notes: form.notes.trim() } : {}),
    ...(form.allowOutsideHours ? { allowOutsideHours: true } : {}),
  };
}

/** Whether every reason a time is not free is about working hours, which "allow outside working hours" waives. */
export function isOnlyOutsideHours(reasons: readonly { code: string }[]): boolean {
  return reasons.length > 0 && reasons.every((reason) => reason.code === "OUTSIDE_HOURS" || reason.code === "HOLIDAY");
}
