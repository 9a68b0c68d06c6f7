// The hosts an owner-side request names (availability, a direct booking):
// the caller when none, members of the caller's organisation only, and a
// member only themselves. Loaded as the engine needs them: their own working
// hours in their zone, their Convene bookings and their calendars' busy time.
import type { Permission } from "../../core/account/permissions.js";
import { workingHoursOf } from "../../core/account/working-hours.js";
import type { OwnerHostLoad } from "../../core/availability/owner-availability.js";
import { ConveneError } from "../../core/errors.js";
import type { TenantId } from "../../core/tenancy.js";
import { reachOf } from "../auth/reach.js";
import type { UserRecord } from "../ports/accounts.js";
import type { Repositories } from "../ports/store.js";
import type { RequestContext } from "../request-context.js";
import { loadHostLoads } from "./host-loads.js";

/** The hosts as users, in the order asked (duplicates dropped). Throws FORBIDDEN for a member naming someone else, HOST_NOT_FOUND for anyone outside the organisation. */
export async function resolveHosts(repos: Pick<Repositories, "users">, ctx: RequestContext, hostUserIds: readonly string[] | undefined, permission: Permission): Promise<UserRecord[]> {
  const { tenantId, userId } = ctx.auth;
  const ids = [...new Set(hostUserIds?.length ? hostUserIds : [userId])];
  const reach = reachOf(ctx.auth, permission);
  if (reach.scope === "own" && ids.some((id) => id !== userId)) {
    throw new ConveneError("FORBIDDEN", "Members may ask only about their own time; an owner or admin can ask about other members.", { details: { permission } });
  }
  const users = await Promise.all(ids.map((id) => repos.users.get(tenantId, id)));
  const missing = ids.filter((_, i) => !users[i]);
  // Another organisation's user is answered like an unknown id: nothing is learned about it.
  if (missing.length > 0) throw new ConveneError("HOST_NOT_FOUND", `No member of your organisation has the id ${missing.join(", ")}.`, { details: { hostUserIds: missing } });
  return users as UserRecord[];
}

/** What keeps the hosts busy around [fromMs, toMs), with their own hours (the default week for a user who cleared theirs). */
export async function loadOwnerHosts(
  repos: Repositories,
  tenantId: TenantId,
  hosts: readonly UserRecord[],
  range: { fromMs: number; toMs: number; nowMs: number },
  excludeBookingId: string | null = null,
  excludeHoldId: string | null = null,
): Promise<OwnerHostLoad[]> {
  const hostUserIds = hosts.map((host) => host.id);
  const loads = await loadHostLoads(repos, tenantId, { hostUserIds, maxPerDay: null, maxPerWeek: null, hostHours: "link" }, range, excludeBookingId, excludeHoldId);
  return hosts.map((host, i) => ({
    hostUserId: host.id,
    timeZone: host.timeZone,
    weeklyHours: workingHoursOf(host),
    busy: loads[i]!.busy,
    bookings: loads[i]!.bookings,
    calendarBusy: loads[i]!.calendarBusy ?? [],
  }));
}

export function namesOf(hosts: readonly UserRecord[]): Map<string, string> {
  return new Map(hosts.map((host) => [host.id, host.name]));
}
