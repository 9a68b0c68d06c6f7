// The invitee asks, through their manage link, for their data to be erased.
// A meeting still ahead is cancelled first, the usual way, and its notices go
// out in this request (after erasure there would be no address to send them
// to). The hosts are told by mail, with the meeting's time and link title
// only, before anything is erased: if that mail cannot be sent the invitee
// gets an error and can ask again, and no erasure happens unnoticed. Then the
// booking's personal fields are blanked everywhere they are kept; the slot,
// times and hosts stay for the owner's statistics. Asking again answers the same.
import { isActiveStatus } from "../../core/booking/booking.js";
import { formatTimeRange } from "../../core/notifications/meeting-time.js";
import type { TenantId } from "../../core/tenancy.js";
import { sendAccountMail } from "../account/account-mail.js";
import { findManagedBooking } from "../auth/public-access.js";
import type { CalendarDeps } from "../calendars/calendar-deps.js";
import { calendarChannel } from "../deliveries/calendar-channel.js";
import { deliverBookingNow } from "../deliveries/deliver-now.js";
import { emailChannel } from "../deliveries/email-channel.js";
import type { BookingRecord } from "../ports/bookings.js";
import { recordAudit, type PublicRequestContext } from "../request-context.js";
import { cancelBooking } from "./change-booking.js";

export type ErasureAnswer = { erasedAtMs: number };

/** Who erased: the invitee, known only by the token they hold (their address is what goes away). */
const invitee = (tenantId: TenantId) => ({ tenantId, actor: { type: "invitee" as const, id: null } });

async function notifyHosts(deps: CalendarDeps, tenantId: TenantId, booking: BookingRecord): Promise<void> {
  const link = await deps.store.links.get(tenantId, booking.linkId);
  const title = link?.title ?? "Meeting";
  for (const hostUserId of booking.hostUserIds) {
    const host = await deps.store.users.get(tenantId, hostUserId);
    if (!host) continue;
    await sendAccountMail(deps, {
      tenantId,
      to: { name: host.name, email: host.email },
      subject: `An invitee asked for their data to be erased: ${title}`,
      paragraphs: [
        `The invitee of this meeting asked Convene to erase their personal data. Their name, email address, answers and notes are removed from the booking; its time stays in your statistics.`,
      ],
      rows: [
        { label: "Link", value: title },
        { label: "When", value: formatTimeRange(booking.startAt.getTime(), booking.endAt.getTime(), host.timeZone) },
      ],
      actions: [{ label: "Open the booking", url: `${deps.publicUrl}/dashboard/bookings/${booking.id}` }],
      idempotencyKey: `invitee-erasure:${booking.id}:${host.id}`,
    });
  }
}

export async function eraseManagedBooking(deps: CalendarDeps, manageToken: string, ctx: PublicRequestContext): Promise<ErasureAnswer> {
  const { tenantId, booking } = await findManagedBooking(deps, manageToken);
  if (booking.erasedAt) return { erasedAtMs: booking.erasedAt.getTime() };
  let current = booking;
  if (isActiveStatus(booking.status) && booking.startAt.getTime() > ctx.nowMs) {
    current = await cancelBooking(deps, { ...ctx, auth: { tenantId, actor: { type: "invitee", id: booking.inviteeEmail } } }, booking.id, null, booking.sequence);
    // Best effort: a notice that fails now is retried by the workers, to the hosts; the invitee's own goes nowhere once erased.
    await deliverBookingNow(deps.store, [emailChannel(deps), calendarChannel(deps)], tenantId, booking.id, ctx.nowMs);
  }
  await notifyHosts(deps, tenantId, current);
  await deps.store.transaction(async (repos) => {
    if (await repos.inviteeErasure.eraseBooking(tenantId, booking.id, ctx.nowMs)) {
      await recordAudit(repos, { ...ctx, auth: invitee(tenantId) }, "booking.invitee_erased", { type: "booking", id: booking.id });
    }
  });
  return { erasedAtMs: ctx.nowMs };
}
