// Who each booking was assigned to and why, in words people read: the
// engine's recorded reason with host names in place of ids.
import { nameHostsIn } from "../../core/booking/host-assignment.js";
import type { BookingRecord } from "../ports/bookings.js";
import type { UseCaseDeps } from "../ports/store.js";
import type { RequestContext } from "../request-context.js";

export type AssignmentView = { hosts: { id: string; name: string }[]; why: string };

/** Per booking id; bookings with no recorded choice (made elsewhere and ingested) are absent. */
export async function describeAssignments(deps: UseCaseDeps, ctx: RequestContext, bookings: readonly BookingRecord[]): Promise<Map<string, AssignmentView>> {
  const { tenantId } = ctx.auth;
  const assignments = await deps.store.hostAssignments.latestOf(tenantId, bookings.map((booking) => booking.id));
  if (assignments.size === 0) return new Map();
  const namesById = new Map((await deps.store.users.list(tenantId)).map((user) => [user.id, user.name]));
  const views = new Map<string, AssignmentView>();
  for (const [bookingId, assignment] of assignments) {
    views.set(bookingId, {
      hosts: assignment.hostUserIds.map((id) => ({ id, name: namesById.get(id) ?? "a former member" })),
      why: nameHostsIn(assignment.why, assignment.hostUserIds, namesById),
    });
  }
  return views;
}
