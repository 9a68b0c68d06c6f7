// The dashboard's bell: what an owner is told in the app, one kind per reason,
// and the wording of the notices booking events cause. Pure.
import type { Attendance } from "../booking/booking.js";
import type { BookingEventType } from "../booking/events.js";
import { singleLine } from "./message-layout.js";

export const IN_APP_KINDS = ["booking_created", "booking_rescheduled", "booking_cancelled", "no_show", "unmatched_booking", "source_problem"] as const;
export type InAppKind = (typeof IN_APP_KINDS)[number];

/** Which notice a booking event makes; null: nothing to tell (a showed mark is good news nobody waits for). */
export function inAppKindOf(type: BookingEventType, attendance: Attendance | null): InAppKind | null {
  switch (type) {
    case "created":
      return "booking_created";
    case "rescheduled":
      return "booking_rescheduled";
    case "cancelled":
      return "booking_cancelled";
    case "attendance_recorded":
      return attendance === "no_show" ? "no_show" : null;
  }
}

/** What a booking notice says about the meeting: names as typed, the company when known. */
export type BookingNoticeFacts = {
  inviteeName: string;
  company: string | null;
  meetingTitle: string;
  /** "Tue 1 Dec, 09:00 (America/New_York)": already written on the reader's clock. */
  whenText: string;
  cancelReason: string | null;
  /** "Cal.com", "Calendly"; null for Convene's own bookings. */
  sourceName: string | null;
};

/** Titles and bodies are plain text, one line each (the web app escapes; a title is never HTML). */
export function bookingNotice(kind: InAppKind, facts: BookingNoticeFacts): { title: string; body: string } {
  const who = facts.company ? `${facts.inviteeName} – ${facts.company}` : facts.inviteeName;
  const via = facts.sourceName ? ` (via ${facts.sourceName})` : "";
  const at = `${facts.meetingTitle}, ${facts.whenText}${via}`;
  switch (kind) {
    case "booking_created":
      return { title: singleLine(`New meeting booked: ${who}`), body: singleLine(at) };
    case "booking_rescheduled":
      return { title: singleLine(`Meeting rescheduled: ${who}`), body: singleLine(`Now ${at}`) };
    case "booking_cancelled":
      return { title: singleLine(`Meeting cancelled: ${who}`), body: singleLine(facts.cancelReason ? `${at}. Reason: ${facts.cancelReason}` : at) };
    case "no_show":
      return { title: singleLine(`No-show: ${who}`), body: singleLine(at) };
    default:
      throw new RangeError(`"${kind}" is not about a booking event`);
  }
}

/** One notice per event and user: the relay or a retried delivery writing it again keeps one. */
export function bookingNoticeDedupeKey(eventId: string): string {
  return `event:${eventId}`;
}

/** A company named in a booking's answers (a question labelled company or organisation), if any. */
export function companyFromAnswers(answers: readonly { label: string; value: string }[]): string | null {
  const found = answers.find((answer) => /^(company|organi[sz]ation|company name|employer)\b/i.test(answer.label.trim()) && answer.value.trim());
  return found ? found.value.trim() : null;
}
