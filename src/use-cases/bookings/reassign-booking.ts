// Gives a booking whose host is leaving to another host of the same link, at the
// same time, chosen by the engine exactly as a new booking would be (free,
// within the link's rules, fairest for round-robin). The invitee and the new
// host hear of it through the usual change event.
import { assertChangeable, busyRangeMs } from "../../core/booking/booking.js";
import { ConveneError } from "../../core/errors.js";
import type { BookingRecord } from "../ports/bookings.js";
import type { UseCaseDeps } from "../ports/store.js";
import { changeHeldBooking, stateOf, type ChangeContext } from "./change-booking.js";
import { chooseHosts } from "./choose-hosts.js";

export async function reassignBooking(deps: UseCaseDeps, ctx: ChangeContext, bookingId: string, leavingUserId: string): Promise<BookingRecord> {
  const assertAllowed = (before: BookingRecord) => assertChangeable(stateOf(before), ctx.nowMs);
  return changeHeldBooking(deps, ctx, bookingId, undefined, assertAllowed, async (repos, before, change) => {
    const link = await repos.links.get(change.tenantId, before.linkId);
    const hostsLeft = link?.hostUserIds.filter((hostUserId) => hostUserId !== leavingUserId) ?? [];
    const owner = link ? await repos.users.get(change.tenantId, link.ownerUserId) : null;
    if (!link || !owner || hostsLeft.length === 0) throw new ConveneError("INVALID_HOSTS", "No other host of this link can take the booking.");
    const startMs = before.startAt.getTime();
    const others = { ...link, hostUserIds: hostsLeft };
    const hosts = await chooseHosts(
      repos,
      { tenantId: change.tenantId, link: others, owner, oneTimeLink: null },
      { startMs, durationMin: before.durationMin, nowMs: change.nowMs },
      { excludeBookingId: before.id, preferredHostUserIds: before.hostUserIds.filter((hostUserId) => hostUserId !== leavingUserId) },
    );
    const busy = busyRangeMs(startMs, before.durationMin, link);
    await repos.bookings.replaceHolds(
      change.tenantId,
      before.id,
      hosts.hostUserIds.map((hostUserId) => ({ hostUserId, startMs, busyStartMs: busy.startMs, busyEndMs: busy.endMs })),
    );
    const after = await repos.bookings.update(change.tenantId, before.id, { sequence: before.sequence + 1 }, change.nowMs);
    return {
      after,
      history: {
        action: "host_assigned",
        oldValues: { hostUserIds: before.hostUserIds, sequence: before.sequence },
        newValues: { hostUserIds: after.hostUserIds, sequence: after.sequence, hostChoice: hosts.why, reason: "the host was removed from the organisation" },
      },
      event: "rescheduled",
      eventDetails: { before },
    };
  });
}
