// Writes the emails a booking change causes into the outbox, inside the
// change's own transaction: a rolled-back change sends nothing, a committed
// one cannot lose its notices.
import { planNotifications, SCHEDULED_KINDS, type BookingChange, type Recipient } from "../../core/notifications/plan.js";
import type { TenantId } from "../../core/tenancy.js";
import type { BookingRecord, LinkRecord, Repositories } from "../ports.js";

export async function planBookingNotifications(
  repos: Repositories,
  tenantId: TenantId,
  booking: BookingRecord,
  link: Pick<LinkRecord, "templateId"> | null,
  change: BookingChange,
  nowMs: number,
): Promise<void> {
  const hosts = await Promise.all(booking.hostUserIds.map((hostUserId) => repos.users.get(tenantId, hostUserId)));
  const recipients: Recipient[] = [
    { role: "invitee", email: booking.inviteeEmail, name: booking.inviteeName, timeZone: booking.inviteeTimeZone },
    ...hosts.flatMap((host) => (host ? [{ role: "host" as const, email: host.email, name: host.name, timeZone: host.timeZone }] : [])),
  ];
  const template = link?.templateId ? await repos.templates.get(tenantId, link.templateId) : null;
  // Earlier reminders and follow-ups are moot once the booking moves or ends; a new plan replaces them.
  if (change !== "created") await repos.notifications.skipPending(tenantId, booking.id, SCHEDULED_KINDS);
  const plan = planNotifications(
    change,
    { sequence: booking.sequence, startMs: booking.startAt.getTime(), endMs: booking.endAt.getTime() },
    recipients,
    { nowMs, sendsFollowUp: template?.sendsFollowUp ?? false },
  );
  await repos.notifications.add(tenantId, booking.id, plan);
}
