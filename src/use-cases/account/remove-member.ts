// Removes a member (owners only): their future bookings are given to another
// free host of the same link or cancelled with notices, as the owner chooses
// (a booking nobody else can take is cancelled either way, and the answer says
// so); their calendars' push channels are stopped; then every row that refers
// to them goes (see MemberRepository.erase), past meetings passing to the owner
// who removed them.
import { ConveneError, isConveneError } from "../../core/errors.js";
import { cancelBooking } from "../bookings/change-booking.js";
import { reassignBooking } from "../bookings/reassign-booking.js";
import type { CalendarDeps } from "../calendars/calendar-deps.js";
import { stopPushChannels } from "../calendars/push-channels.js";
import { recordAudit, type RequestContext } from "../request-context.js";

export type FutureBookings = "reassign" | "cancel";

export type Removal = { reassigned: { bookingId: string; hostUserIds: string[] }[]; cancelled: string[] };

const CANCEL_REASON = "The host is no longer with the organisation.";

export async function removeMember(deps: CalendarDeps, ctx: RequestContext, userId: string, futureBookings: FutureBookings): Promise<Removal> {
  const { tenantId } = ctx.auth;
  if (userId === ctx.auth.userId) throw new ConveneError("CANNOT_REMOVE_SELF", "You cannot remove yourself; another owner can.");
  const member = await deps.store.users.get(tenantId, userId);
  if (!member) throw new ConveneError("NOT_FOUND", "No such member.");
  if (member.role === "owner" && (await deps.store.members.countOwners(tenantId)) <= 1) throw new ConveneError("LAST_OWNER", "The organisation's last owner cannot be removed.");

  const removal: Removal = { reassigned: [], cancelled: [] };
  // One booking at a time, each through the ordinary change path (its own transaction, history, event and notices).
  for (const bookingId of await deps.store.members.futureBookingIdsHostedBy(tenantId, userId, ctx.nowMs)) {
    if (futureBookings === "reassign") {
      const reassigned = await reassignBooking(deps, ctx, bookingId, userId).catch((error: unknown) => {
        if (isConveneError(error) && error.code !== "BOOKING_CHANGED" && error.code !== "DATABASE_BUSY") return null;
        throw error;
      });
      if (reassigned) {
        removal.reassigned.push({ bookingId, hostUserIds: reassigned.hostUserIds });
        continue;
      }
    }
    await cancelBooking(deps, ctx, bookingId, CANCEL_REASON);
    removal.cancelled.push(bookingId);
  }

  // Google and Microsoft would otherwise keep calling about calendars nobody here owns.
  for (const connection of await deps.store.calendars.listConnections(tenantId, { userId })) {
    await stopPushChannels(deps, tenantId, connection.id, ctx.nowMs);
  }

  await deps.store.transaction(async (repos) => {
    // A booking made for them while the above ran would be left without its host: stop, and let the owner run it again.
    if ((await repos.members.futureBookingIdsHostedBy(tenantId, userId, ctx.nowMs)).length > 0) {
      throw new ConveneError("BOOKING_CHANGED", "A new booking for this member arrived meanwhile; remove them again to handle it.");
    }
    const { movedBookingIds } = await repos.members.erase(tenantId, userId, ctx.auth.userId, ctx.nowMs);
    await recordAudit(repos, ctx, "member.removed", { type: "user", id: userId }, {
      futureBookings,
      reassigned: removal.reassigned.length,
      cancelled: removal.cancelled.length,
      pastBookingsMovedToRemover: movedBookingIds.length,
    });
  });
  return removal;
}
