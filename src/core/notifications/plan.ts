// Which emails a booking event causes, and when: the notification plan. Pure;
// the email channel writes the plan as deliveries when the event fans out.
import { isActiveStatus, type BookingStatus } from "../booking/booking.js";
import type { BookingEventType } from "../booking/events.js";
import { MS_PER_HOUR } from "../time/calendar-date.js";

import { MESSAGE_KINDS, type MessageKind, type RecipientRole } from "./messages.js";

export type NotificationKind = MessageKind;

/** Deliveries carry any channel's kinds: this tells an email's apart. */
export function isNotificationKind(kind: string): kind is NotificationKind {
  return (MESSAGE_KINDS as readonly string[]).includes(kind);
}
export type { RecipientRole };
export type Recipient = { role: RecipientRole; email: string; name: string; timeZone: string };

export type PlannedNotification = { kind: NotificationKind; recipient: Recipient; sequence: number; runAtMs: number };

/** Reminders, follow-ups and the attendance check wait for a time; they are dropped or replaced when the booking changes. */
export const SCHEDULED_KINDS: readonly NotificationKind[] = ["reminder_24h", "reminder_1h", "follow_up", "attendance_check"];

/** Recording attendance tells nobody anything by email. */
const NOTICE_KIND: Record<BookingEventType, NotificationKind | null> = { created: "confirmation", rescheduled: "reschedule", cancelled: "cancellation", attendance_recorded: null };
export const FOLLOW_UP_DELAY_MS = MS_PER_HOUR;
/** The host is asked whether the invitee came a little after the end: a meeting may overrun, and the mark may come on its own. */
export const ATTENDANCE_CHECK_DELAY_MS = 15 * 60_000;

export function planNotifications(
  change: BookingEventType,
  booking: { sequence: number; startMs: number; endMs: number },
  allRecipients: Recipient[],
  /** mailsInvitee false: a booking made at Cal.com or Calendly, whose invitee the provider writes to; only hosts hear from Convene. */
  options: { nowMs: number; sendsFollowUp: boolean; mailsInvitee?: boolean },
): PlannedNotification[] {
  const at = (kind: NotificationKind, runAtMs: number, who: Recipient[]) => who.map((recipient) => ({ kind, recipient, sequence: booking.sequence, runAtMs }));
  const recipients = options.mailsInvitee === false ? allRecipients.filter((r) => r.role !== "invitee") : allRecipients;
  const noticeKind = NOTICE_KIND[change];
  if (noticeKind === null) return [];
  const plan = at(noticeKind, options.nowMs, recipients);
  if (change === "cancelled") return plan;
  // A reminder whose moment has passed when the booking is made is not sent at all.
  for (const [kind, beforeMs] of [["reminder_24h", 24 * MS_PER_HOUR], ["reminder_1h", MS_PER_HOUR]] as const) {
    const runAtMs = booking.startMs - beforeMs;
    if (runAtMs > options.nowMs) plan.push(...at(kind, runAtMs, recipients));
  }
  if (options.sendsFollowUp) plan.push(...at("follow_up", booking.endMs + FOLLOW_UP_DELAY_MS, recipients.filter((r) => r.role === "invitee")));
  // Moot (isMoot) once attendance is recorded, the booking cancelled or moved: a reschedule plans a new one.
  plan.push(...at("attendance_check", booking.endMs + ATTENDANCE_CHECK_DELAY_MS, recipients.filter((r) => r.role === "host")));
  return plan;
}

/**
 * The pending kinds an event makes moot: earlier reminders and follow-ups once
 * the booking moves or ends (the event's own plan replaces them). A new
 * booking has none yet, and recording attendance changes no time.
 */
export function supersededKinds(change: BookingEventType): readonly NotificationKind[] {
  return change === "rescheduled" || change === "cancelled" ? SCHEDULED_KINDS : [];
}

/** One key per booking, kind, sequence and recipient: a handler seeing it twice sends once. */
export function dedupeKeyOf(bookingId: string, notification: PlannedNotification): string {
  return `${bookingId}:${notification.kind}:${notification.sequence}:${notification.recipient.email.toLowerCase()}`;
}

/** How late a scheduled message may still go out: a "24 hours before" reminder is pointless 12 hours later. */
const LATE_LIMIT_MS: Partial<Record<NotificationKind, number>> = { reminder_24h: 12 * MS_PER_HOUR, reminder_1h: 30 * 60_000, follow_up: 7 * 24 * MS_PER_HOUR, attendance_check: 7 * 24 * MS_PER_HOUR };

export function isTooLate(kind: NotificationKind, runAtMs: number, nowMs: number): boolean {
  const limitMs = LATE_LIMIT_MS[kind];
  return limitMs !== undefined && nowMs - runAtMs > limitMs;
}

/**
 * Whether a queued notification no longer says anything true and is skipped
 * rather than sent. Messages are rendered from the booking as it is when they
 * go out, so a notice that would contradict it is dropped: a confirmation or
 * reschedule notice for a booking cancelled meanwhile (the cancellation notice
 * tells the news), a reminder or follow-up for a time that moved or ended, or
 * any scheduled message sent too late to be of use.
 */
export function isMoot(
  notification: { kind: NotificationKind; sequence: number; runAtMs: number },
  booking: { status: BookingStatus; sequence: number } | null,
  nowMs: number,
): boolean {
  if (!booking) return true;
  if (isTooLate(notification.kind, notification.runAtMs, nowMs)) return true;
  if (notification.kind === "confirmation" || notification.kind === "reschedule") return booking.status === "cancelled";
  if (!SCHEDULED_KINDS.includes(notification.kind)) return false;
  if (booking.sequence !== notification.sequence || booking.status === "cancelled") return true;
  // A follow-up is for a meeting that happened; reminders only for one still to come; the attendance
  // check only while nobody has said whether the invitee came (a mark ends the active status).
  return notification.kind !== "follow_up" && !isActiveStatus(booking.status);
}
