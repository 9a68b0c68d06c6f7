// Sends one queued notification: skip it when the booking moved on, render it
// in the recipient's zone, attach the invite, send, and record the outcome.
// Idempotent: a notification that is no longer pending is not sent again.
import { isConveneError } from "../../core/errors.js";
import { singleLine } from "../../core/notifications/message-layout.js";
import { renderMessage, type MeetingFacts } from "../../core/notifications/messages.js";
import { isMoot, type NotificationKind } from "../../core/notifications/plan.js";
import { linkUrls, manageUrls } from "../../core/public-urls.js";
import type { TenantId } from "../../core/tenancy.js";
import { openQueuedNotification } from "../auth/system-access.js";
import type { BookingRecord, Mailer, Repositories, UseCaseDeps } from "../ports.js";

export type DeliveryDeps = UseCaseDeps & {
  mailer: Mailer;
  invites: { build(facts: MeetingFacts, method: "REQUEST" | "CANCEL" | "PUBLISH"): string };
  publicUrl: string;
};

const INVITE_METHOD: Partial<Record<NotificationKind, "REQUEST" | "CANCEL">> = { confirmation: "REQUEST", reschedule: "REQUEST", cancellation: "CANCEL" };

export type DeliveryOutcome = "sent" | "skipped" | "not_pending";

export async function deliverNotification(deps: DeliveryDeps, notificationId: string, nowMs: number, attempt: { isFinal: boolean }): Promise<DeliveryOutcome> {
  const opened = await openQueuedNotification(deps.store, notificationId);
  if (!opened || opened.notification.state !== "pending") return "not_pending";
  const { tenantId, notification } = opened;
  try {
    const booking = await deps.store.bookings.get(tenantId, notification.bookingId);
    if (!booking || isMoot(notification, booking, nowMs)) {
      await deps.store.notifications.finish(notificationId, { state: "skipped", nowMs });
      return "skipped";
    }
    const facts = await meetingFacts(deps, deps.store, tenantId, booking);
    if (notification.kind === "reschedule") Object.assign(facts, await previousTimeOf(deps.store, tenantId, booking.id, notification.sequence));
    const message = renderMessage(notification.kind, notification.recipient.role, facts, notification.recipient);
    const method = INVITE_METHOD[notification.kind];
    // The manage link is the invitee's alone: hosts' invites leave it out.
    const inviteFacts = notification.recipient.role === "host" ? { ...facts, manageUrl: null } : facts;
    await deps.mailer.send({
      // A display name goes into the To header: one line (the mailer adapters collapse it again).
      to: { name: singleLine(notification.recipient.name), email: notification.recipient.email },
      ...message,
      invite: method ? { method, content: deps.invites.build(inviteFacts, method) } : undefined,
      idempotencyKey: notificationId,
      tenantId,
    });
    await deps.store.notifications.finish(notificationId, { state: "sent", nowMs });
    return "sent";
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    await deps.store.notifications.recordFailedAttempt(notificationId, reason);
    if (attempt.isFinal) await deps.store.notifications.finish(notificationId, { state: "failed", error: reason, nowMs });
    throw error;
  }
}

/** Everything the messages and the invite say about a booking, as it is now. */
export async function meetingFacts(deps: Pick<DeliveryDeps, "secrets" | "publicUrl">, repos: Repositories, tenantId: TenantId, booking: BookingRecord): Promise<MeetingFacts> {
  const link = await repos.links.get(tenantId, booking.linkId);
  const owner = link ? await repos.users.get(tenantId, link.ownerUserId) : null;
  const hosts = (await Promise.all(booking.hostUserIds.map((id) => repos.users.get(tenantId, id)))).flatMap((host) => (host ? [host] : []));
  const template = link?.templateId ? await repos.templates.get(tenantId, link.templateId) : null;
  const labels = new Map((template?.questions ?? []).map((question) => [question.id, question.label]));
  const organizer = owner ?? hosts[0];
  return {
    bookingId: booking.id,
    sequence: booking.sequence,
    status: booking.status,
    title: link?.title ?? "Meeting",
    description: link?.description ?? "",
    startMs: booking.startAt.getTime(),
    endMs: booking.endAt.getTime(),
    location: link?.location ?? { type: "video" },
    organizer: { name: organizer?.name ?? "Convene", email: organizer?.email ?? "no-reply@convene.invalid" },
    hosts: hosts.map((host) => ({ name: host.name, email: host.email, timeZone: host.timeZone })),
    invitee: { name: booking.inviteeName, email: booking.inviteeEmail, timeZone: booking.inviteeTimeZone },
    answers: Object.entries(booking.answers).map(([id, value]) => ({ label: labels.get(id) ?? id, value: Array.isArray(value) ? value.join(", ") : String(value) })),
    guests: booking.guests,
    notes: booking.notes,
    cancelReason: booking.cancelReason,
    manageUrl: manageUrlOf(deps, booking),
    bookAgainUrl: link && owner ? linkUrls(deps.publicUrl, owner.handle, link.slug).bookingUrl : null,
    publicUrl: deps.publicUrl,
  };
}

/** The invitee's manage link; null when the token was sealed under a key no longer configured. */
function manageUrlOf(deps: Pick<DeliveryDeps, "secrets" | "publicUrl">, booking: BookingRecord): string | null {
  if (!booking.manageTokenSealed) return null;
  try {
    return manageUrls(deps.publicUrl, deps.secrets.open(booking.manageTokenSealed)).manageUrl;
  } catch (error) {
    if (isConveneError(error) && error.code === "SECRET_UNREADABLE") return null;
    throw error;
  }
}

/** The time before the reschedule that made this sequence, from the booking's history. */
async function previousTimeOf(repos: Repositories, tenantId: TenantId, bookingId: string, sequence: number): Promise<{ previousStartMs?: number; previousEndMs?: number }> {
  const history = await repos.bookings.listHistory(tenantId, bookingId);
  const entry = history.find((item) => item.action === "rescheduled" && item.newValues?.["sequence"] === sequence);
  const start = entry?.oldValues?.["start"];
  const end = entry?.oldValues?.["end"];
  return typeof start === "string" && typeof end === "string" ? { previousStartMs: Date.parse(start), previousEndMs: Date.parse(end) } : {};
}
