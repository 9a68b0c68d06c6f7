// Deleting the whole organisation, asked for by an owner who names it and
// gives their password. Its future meetings are cancelled first, through the
// same cancel as any other, and their notices are delivered in this request
// through the same fan-out and channels as the workers use: the organisation
// is deleted only once every notice email is out. If one cannot be sent (the
// mail server is down), nothing is deleted and the owner is told to try again;
// the meetings stay cancelled and the workers keep retrying their notices.
import { isActiveStatus } from "../../core/booking/booking.js";
import { ConveneError } from "../../core/errors.js";
import type { TenantId } from "../../core/tenancy.js";
import { requireScope } from "../auth/authenticate.js";
import { cancelBooking } from "../bookings/change-booking.js";
import type { CalendarDeps } from "../calendars/calendar-deps.js";
import { calendarChannel } from "../deliveries/calendar-channel.js";
import { deliverTenantNow } from "../deliveries/deliver-now.js";
import { emailChannel } from "../deliveries/email-channel.js";
import type { UseCaseDeps } from "../ports/store.js";
import type { RequestContext } from "../request-context.js";

export const ORGANIZATION_CLOSED_REASON = "The organisation that hosted this meeting closed its Convene account.";

async function checkRequest(deps: UseCaseDeps, ctx: RequestContext, request: { confirm: string; currentPassword: string }): Promise<void> {
  const tenant = await deps.store.tenants.get(ctx.auth.tenantId);
  if (!tenant) throw new ConveneError("NOT_FOUND", "No such organisation.");
  if (request.confirm.trim() !== tenant.name.trim()) throw new ConveneError("CONFIRMATION_MISMATCH", "Type the organisation's name exactly to confirm.");
  const user = await deps.store.users.get(ctx.auth.tenantId, ctx.auth.userId);
  if (!user?.passwordHash || !(await deps.passwords.verify(user.passwordHash, request.currentPassword))) {
    throw new ConveneError("CURRENT_PASSWORD_WRONG", "Your password is not right.");
  }
}

/** Cancels every meeting still ahead, page by page (a cancelled one leaves the list); answers how many. */
async function cancelFutureBookings(deps: UseCaseDeps, ctx: RequestContext, tenantId: TenantId): Promise<number> {
  let cancelled = 0;
  for (;;) {
    const page = await deps.store.bookings.list(tenantId, { status: ["scheduled", "rescheduled"], fromMs: ctx.nowMs, order: "start_asc", limit: 100 });
    const ahead = page.filter((booking) => isActiveStatus(booking.status) && booking.startAt.getTime() >= ctx.nowMs);
    if (ahead.length === 0) return cancelled;
    for (const booking of ahead) {
      await cancelBooking(deps, ctx, booking.id, ORGANIZATION_CLOSED_REASON, booking.sequence);
      cancelled += 1;
    }
  }
}

export async function deleteOrganization(
  deps: CalendarDeps,
  ctx: RequestContext,
  request: { confirm: string; currentPassword: string },
): Promise<{ cancelledBookings: number }> {
  requireScope(ctx.auth, "organization.delete");
  const tenantId = ctx.auth.tenantId;
  await checkRequest(deps, ctx, request);
  const cancelledBookings = await cancelFutureBookings(deps, ctx, tenantId);
  // Calendar writes remove the events from the hosts' own calendars; they are tried once and not waited for.
  const undelivered = await deliverTenantNow(deps.store, [emailChannel(deps), calendarChannel(deps)], tenantId, ctx.nowMs);
  const unsentMail = undelivered.filter((delivery) => delivery.channel === "email").length;
  if (unsentMail > 0) {
    throw new ConveneError("NOTICES_NOT_SENT", `${unsentMail} cancellation email(s) could not be sent yet; the meetings are cancelled, nothing was deleted. Try again in a few minutes.`, {
      details: { unsentNotices: unsentMail },
    });
  }
  await deps.store.transaction((repos) => repos.organizationData.deleteEverything(tenantId));
  return { cancelledBookings };
}
