// Outbound webhooks (Standard Webhooks): the event types an endpoint may
// subscribe to, which booking event each one comes from, and the retry
// schedule. Declared once here; zod, Drizzle and the web app derive from it.
import type { BookingEventType } from "../booking/events.js";
import { ORG_EVENT_TYPES } from "../org-events/org-events.js";

/** A booking's events, then the organisation's (an org event's type is its webhook type). */
export const WEBHOOK_EVENT_TYPES = ["booking.created", "booking.rescheduled", "booking.cancelled", "booking.attendance_updated", ...ORG_EVENT_TYPES] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Sent only by POST /webhooks/{id}/test, whatever the endpoint subscribes to. */
export const TEST_EVENT_TYPE = "webhook.test";

const BY_BOOKING_EVENT: Record<BookingEventType, Exclude<WebhookEventType, (typeof ORG_EVENT_TYPES)[number]>> = {
  created: "booking.created",
  rescheduled: "booking.rescheduled",
  cancelled: "booking.cancelled",
  attendance_recorded: "booking.attendance_updated",
};

export function webhookTypeOf(type: BookingEventType): WebhookEventType {
  return BY_BOOKING_EVENT[type];
}

/**
 * The Standard Webhooks schedule after the first (immediate) attempt: 5 s,
 * 5 min, 30 min, 2 h, 5 h, 10 h, 10 h — eight attempts over about 27 hours.
 */
export const RETRY_DELAYS_MS = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000] as const;

/** An endpoint whose deliveries failed without a success for this long is disabled. */
export const FAILING_DISABLE_AFTER_MS = 5 * 24 * 3_600_000;

/** A Retry-After longer than this is not honoured as given (a receiver cannot park a message for days). */
const MAX_RETRY_AFTER_MS = 36_000_000;

/**
 * When to try again after `attemptsMade` failed attempts, or null when the
 * schedule is spent. jitter01 is a number in [0, 1) (a random one in
 * production): ±10 % spreads a burst of failures over time. A receiver's
 * Retry-After moves the next attempt later, never earlier than the schedule.
 */
export function nextAttemptDelayMs(attemptsMade: number, jitter01: number, retryAfterMs: number | null): number | null {
  const scheduled = RETRY_DELAYS_MS[attemptsMade - 1];
  if (scheduled === undefined) return null;
  const jittered = Math.round(scheduled * (0.9 + 0.2 * jitter01));
  return retryAfterMs === null ? jittered : Math.max(jittered, Math.min(retryAfterMs, MAX_RETRY_AFTER_MS));
}

/** Retry-After as delta-seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or unreadable. */
export function parseRetryAfterMs(value: string | null, nowMs: number): number | null {
  if (value === null || value.trim() === "") return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const atMs = Date.parse(text);
  return Number.isNaN(atMs) ? null : Math.max(0, atMs - nowMs);
}

/** webhook-id: one per message, the same on every retry and replay (derived from the delivery it is). */
export function messageIdOf(deliveryId: string): string {
  return `msg_${deliveryId.replaceAll("-", "")}`;
}

/** How a secret looks: whsec_ + base64 of the key bytes (the spec's format; standardwebhooks reads it). */
export const SECRET_PREFIX = "whsec_";

/** During a rotation the old secret keeps signing beside the new one for this long. */
export const ROTATION_OVERLAP_MS = 24 * 3_600_000;
