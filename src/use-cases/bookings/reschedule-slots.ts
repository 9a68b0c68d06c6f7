// The free times a booking can move to: its link's slots, for the booked
// duration (even if the link no longer offers it), with the booking's own hold
// left out so that times overlapping it count as free; a booking made without
// a link moves within its hosts' own hours (direct-reschedule-slots.ts).
import { ConveneError } from "../../core/errors.js";
import { EVERYTHING, reachOf, type Reach } from "../auth/reach.js";
import type { RequestContext } from "../request-context.js";
import { bookingInReach } from "./booking-reach.js";
import type { TenantId } from "../../core/tenancy.js";
import type { UseCaseDeps } from "../ports/store.js";
import { directRescheduleSlots, movesWithinHostHours } from "./direct-reschedule-slots.js";
import { listSlots, type SlotsRequest } from "./list-slots.js";

/** For the owner routes: a member reaches only the bookings they host. */
export function rescheduleSlotsFor(deps: UseCaseDeps, ctx: RequestContext, bookingId: string, request: Omit<SlotsRequest, "durationMin">) {
  return rescheduleSlots(deps, ctx.auth.tenantId, bookingId, request, ctx.nowMs, reachOf(ctx.auth, "bookings.read"));
}

/** reach: the invitee's manage link reaches its one booking (EVERYTHING). */
export async function rescheduleSlots(deps: UseCaseDeps, tenantId: TenantId, bookingId: string, request: Omit<SlotsRequest, "durationMin">, nowMs: number, reach: Reach = EVERYTHING) {
  const repos = deps.store;
  const booking = bookingInReach(await repos.bookings.get(tenantId, bookingId), reach);
  const link = await repos.links.get(tenantId, booking.linkId);
  if (movesWithinHostHours(booking, link)) return directRescheduleSlots(repos, tenantId, booking, request, nowMs);
  const owner = link ? await repos.users.get(tenantId, link.ownerUserId) : null;
  if (!link || !owner) throw new ConveneError("BOOKING_NOT_ACTIVE", "The booking's link was deleted; it cannot be rescheduled.");
  const access = { tenantId, link: { ...link, durationsMin: [booking.durationMin] }, owner, oneTimeLink: null };
  return listSlots(repos, access, { ...request, durationMin: booking.durationMin }, nowMs, booking.id);
}
