// A booking's life: scheduled → rescheduled → cancelled | completed | no_show.
// These rules decide what may happen to a booking and when; use cases only
// load, call them, and save.
import { ConveneError } from "../errors.js";
import { MS_PER_MINUTE } from "../time/calendar-date.js";
import type { TimeRangeMs } from "../time/interval.js";

export const BOOKING_STATUSES = ["scheduled", "rescheduled", "cancelled", "completed", "no_show"] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/** What an owner records once a meeting has started. */
export const ATTENDANCE_MARKS = ["showed", "no_show"] as const;
export type Attendance = (typeof ATTENDANCE_MARKS)[number];

/** The entries of a booking's history, one per change. */
export const BOOKING_HISTORY_ACTIONS = ["created", "rescheduled", "cancelled", "attendance", "host_assigned"] as const;
export type BookingHistoryAction = (typeof BOOKING_HISTORY_ACTIONS)[number];

export function isActiveStatus(status: BookingStatus): boolean {
  return status === "scheduled" || status === "rescheduled";
}

/** The time a booking holds on its hosts' calendars: the meeting plus the link's buffers. */
export function busyRangeMs(startMs: number, durationMin: number, buffers: { bufferBeforeMin: number; bufferAfterMin: number }): TimeRangeMs {
  return {
    startMs: startMs - buffers.bufferBeforeMin * MS_PER_MINUTE,
    endMs: startMs + (durationMin + buffers.bufferAfterMin) * MS_PER_MINUTE,
  };
}

type BookingState = { status: BookingStatus; startMs: number; endMs: number };

/** Cancel and reschedule need an active booking whose meeting has not ended. */
export function assertChangeable(booking: BookingState, nowMs: number): void {
  if (!isActiveStatus(booking.status)) throw new ConveneError("BOOKING_NOT_ACTIVE", `The booking is ${booking.status.replace("_", "-")}; it can no longer change.`);
  if (booking.endMs <= nowMs) throw new ConveneError("BOOKING_NOT_ACTIVE", "The meeting is over; record attendance instead.");
}

/**
 * A change applies to the booking its caller saw: the SEQUENCE it read (or was
 * sent). Checked under the booking's row lock, after the state, so a booking
 * cancelled meanwhile still answers BOOKING_NOT_ACTIVE.
 */
export function assertUnchangedSince(booking: { sequence: number }, seenSequence: number): void {
  if (booking.sequence !== seenSequence) {
    throw new ConveneError("BOOKING_CHANGED", `The booking was changed meanwhile (it is now at sequence ${booking.sequence}, not ${seenSequence}); reload it and try again.`, {
      details: { sequence: booking.sequence },
    });
  }
}

/** The status attendance leads to. Allowed once the meeting has started; a wrong mark may be corrected. */
export function statusAfterAttendance(booking: BookingState, attendance: Attendance, nowMs: number): BookingStatus {
  if (booking.status === "cancelled") throw new ConveneError("BOOKING_NOT_ACTIVE", "The booking was cancelled.");
  if (nowMs < booking.startMs) throw new ConveneError("ATTENDANCE_TOO_EARLY", "Attendance can be recorded once the meeting has started.");
  return attendance === "showed" ? "completed" : "no_show";
}
