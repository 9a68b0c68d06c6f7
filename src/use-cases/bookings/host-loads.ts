// What the availability engine needs to know of a link's hosts around a time
// range: their Convene bookings (as holds, buffers included) and the busy
// time synced from their calendars (read from the database: a slot read
// never waits on a calendar server). A slot hold's rows count as busy time
// while the hold lives, but not toward day and week limits (no meeting yet).
import { MS_PER_DAY } from "../../core/time/calendar-date.js";
import type { HostHoursSource } from "../../core/booking/link-options.js";
import type { HostLoad } from "../../core/booking/link-rules.js";
import type { TenantId } from "../../core/tenancy.js";
import type { Repositories } from "../ports/store.js";

/**
 * How far around the range bookings matter: a week limit counts bookings up
 * to 7 days from a slot, a day limit up to a day, and buffers (≤ 12 h) reach
 * less than a day. Loading no more than needed keeps busy hosts fast.
 */
export function marginMs(limits: { maxPerDay: number | null; maxPerWeek: number | null }): number {
  return (limits.maxPerWeek !== null ? 8 : limits.maxPerDay !== null ? 2 : 1) * MS_PER_DAY;
}

export async function loadHostLoads(
  repos: Repositories,
  tenantId: TenantId,
  link: { hostUserIds: string[]; maxPerDay: number | null; maxPerWeek: number | null; hostHours: HostHoursSource },
  range: { fromMs: number; toMs: number; /** Holds expired by then are ignored; absent: every active row counts (the sweep frees them soon). */ nowMs?: number },
  excludeBookingId: string | null = null,
  /** The caller's own hold: the time it holds is the caller's to book. */
  excludeHoldId: string | null = null,
): Promise<HostLoad[]> {
  const { hostUserIds } = link;
  const fromMs = range.fromMs - marginMs(link);
  const toMs = range.toMs + marginMs(link);
  const [holds, calendarBusy, ownHours] = await Promise.all([
    repos.bookings.activeHolds(tenantId, hostUserIds, fromMs, toMs),
    repos.calendars.busyOf(tenantId, hostUserIds, fromMs, toMs),
    link.hostHours === "host" ? ownHoursOf(repos, tenantId, hostUserIds) : new Map<string, HostLoad["ownHours"]>(),
  ]);
  return hostUserIds.map((hostUserId) => {
    const own = holds.filter(
      (hold) =>
        hold.hostUserId === hostUserId &&
        (hold.bookingId === null || hold.bookingId !== excludeBookingId) &&
        (hold.holdId === null || (hold.holdId !== excludeHoldId && !isExpired(hold.expiresAtMs, range.nowMs))),
    );
    return {
      hostUserId,
      // A booking's hold includes its buffers, so what the engine offers is what the exclusion constraint accepts.
      busy: own.map((hold) => ({ startMs: hold.busyStartMs, endMs: hold.busyEndMs })),
      bookings: own.filter((hold) => hold.bookingId !== null).map((hold) => ({ startMs: hold.startMs, endMs: hold.endMs, createdAtMs: hold.createdAtMs })),
      calendarBusy: calendarBusy.get(hostUserId) ?? [],
      ownHours: ownHours.get(hostUserId) ?? null,
    };
  });
}

const isExpired = (expiresAtMs: number | null, nowMs: number | undefined) => expiresAtMs !== null && nowMs !== undefined && expiresAtMs <= nowMs;

/** The hosts' own weekly hours in their zones, for hosts who set them (users.weekly_hours). */
async function ownHoursOf(repos: Repositories, tenantId: TenantId, hostUserIds: string[]): Promise<Map<string, HostLoad["ownHours"]>> {
  const users = await Promise.all(hostUserIds.map((userId) => repos.users.get(tenantId, userId)));
  const hours = new Map<string, HostLoad["ownHours"]>();
  for (const user of users) if (user?.weeklyHours) hours.set(user.id, { timeZone: user.timeZone, weeklyHours: user.weeklyHours });
  return hours;
}
