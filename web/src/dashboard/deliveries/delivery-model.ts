// The words for deliveries, shared by the delivery log and a booking's emails:
// what a channel delivers (kind), where it goes (channel) and how far it got
// (state), so both screens describe the same delivery the same way.
import type { paths } from "../../api/client";
import { formatDateTime } from "../../lib/time";

export type Delivery = paths["/api/v1/deliveries"]["get"]["responses"][200]["content"]["application/json"]["items"][number];
export type DeliveryState = Delivery["state"];

export const DELIVERIES_KEY = ["deliveries"] as const;

/** The state filter's choices, in the order a delivery moves through them. */
export const STATE_FILTERS: { value: DeliveryState | ""; label: string }[] = [
  { value: "", label: "Any state" },
  { value: "pending", label: "Pending" },
  { value: "sent", label: "Sent" },
  { value: "failed", label: "Failed" },
  { value: "skipped", label: "Skipped" },
];

type EmailKind = paths["/api/v1/bookings/{id}"]["get"]["responses"][200]["content"]["application/json"]["notifications"][number]["kind"];

const EMAIL_KIND_LABEL: Record<EmailKind, string> = {
  confirmation: "Confirmation",
  reschedule: "New time",
  cancellation: "Cancellation",
  reminder_24h: "Reminder, a day before",
  reminder_1h: "Reminder, an hour before",
  follow_up: "Follow-up",
  attendance_check: "Did they attend?",
};

/** Channels name their own kinds; one this screen has no words for still reads ("calendar_update" → "Calendar update"). */
export function kindLabel(channel: string, kind: string): string {
  return channel === "email" && isEmailKind(kind) ? EMAIL_KIND_LABEL[kind] : capitalised(kind);
}

function isEmailKind(kind: string): kind is EmailKind {
  return Object.hasOwn(EMAIL_KIND_LABEL, kind);
}

export function channelLabel(channel: string): string {
  return channel === "email" ? "Email" : capitalised(channel);
}

function capitalised(name: string): string {
  const words = name.replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** What the state badge needs: a delivery of any channel, or a booking's notification (which has no nextAttemptAt). */
type Progress = { state: DeliveryState; attempts: number; lastError: string | null; runAt: string; sentAt: string | null; nextAttemptAt?: string | null };

/** The shape drawn beside the word, so a state reads without colour too. */
export type StateMark = "check" | "cross" | "dash" | "clock" | "retry";

export type StateView = { label: string; tone: "success" | "danger" | "accent" | "warning" | ""; mark: StateMark; detail?: string | undefined };

/** The badge's word and tone, and one line on what happened or happens next. The word, not the tone, tells states apart. */
export function stateView(delivery: Progress, timeZone: string): StateView {
  switch (delivery.state) {
    case "sent":
      return { label: "Sent", tone: "success", mark: "check", detail: delivery.sentAt ? formatDateTime(delivery.sentAt, timeZone) : undefined };
    case "failed":
      return { label: "Failed", tone: "danger", mark: "cross", detail: delivery.lastError ?? `after ${delivery.attempts} attempts` };
    case "skipped":
      return { label: "Skipped", tone: "", mark: "dash", detail: "Not needed: the booking changed before it was due" };
    default:
      return delivery.attempts > 0
        ? { label: "Retrying", tone: "warning", mark: "retry", detail: delivery.nextAttemptAt ? `Next attempt ${formatDateTime(delivery.nextAttemptAt, timeZone)}` : `Due ${formatDateTime(delivery.runAt, timeZone)}` }
        : { label: "Pending", tone: "accent", mark: "clock", detail: `Due ${formatDateTime(delivery.runAt, timeZone)}` };
  }
}
