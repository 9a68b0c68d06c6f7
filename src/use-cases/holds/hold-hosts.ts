// What an owner-side hold is taken on: one of the organisation's links (its
// rules), or hosts without a link, checked against their own working hours
// (users.weekly_hours; any time for a host who set none), their calendars and
// their bookings and holds, as a link with hostHours "host" would be.
// The BOOK part's ownerAvailability answers the same question for a window;
// the two may be unified.
import { explainInstant } from "../../core/availability/explain.js";
import { slotQueryFor, withoutBookings, type LinkRules } from "../../core/booking/link-rules.js";
import { ConveneError } from "../../core/errors.js";
import type { TenantId } from "../../core/tenancy.js";
import type { AuthContext } from "../auth/authenticate.js";
import type { PublicLinkAccess } from "../auth/public-access.js";
import { reachOf } from "../auth/reach.js";
import { notBookable } from "../bookings/choose-hosts.js";
import { loadHostLoads } from "../bookings/host-loads.js";
import type { Repositories } from "../ports/store.js";

export type HoldTarget = { kind: "link"; access: PublicLinkAccess } | { kind: "hosts"; hostUserIds: string[] };

export async function linkForHolding(repos: Repositories, auth: AuthContext, input: { linkId?: string | undefined; hostUserIds?: string[] | undefined }): Promise<HoldTarget> {
  const reach = reachOf(auth, "bookings.write");
  if (input.linkId !== undefined) {
    if (input.hostUserIds !== undefined) throw new ConveneError("VALIDATION_FAILED", "Give linkId or hostUserIds, not both: a link's hosts are its own.");
    const link = await repos.links.get(auth.tenantId, input.linkId);
    // A member reaches the links they own or host; another's is answered as missing.
    const isInReach = link && (reach.scope === "all" || link.ownerUserId === reach.userId || link.hostUserIds.includes(reach.userId));
    if (!link || !isInReach) throw new ConveneError("NOT_FOUND", "No such link.");
    if (!link.isActive) throw new ConveneError("LINK_INACTIVE", "This booking link is switched off; switch it on to hold its times.");
    const owner = await repos.users.get(auth.tenantId, link.ownerUserId);
    if (!owner) throw new ConveneError("NOT_FOUND", "No such link.");
    return { kind: "link", access: { tenantId: auth.tenantId, link, owner, oneTimeLink: null } };
  }
  const hostUserIds = [...new Set(input.hostUserIds ?? [auth.userId])];
  if (hostUserIds.length === 0) throw new ConveneError("INVALID_HOSTS", "Name at least one host.");
  if (reach.scope === "own" && hostUserIds.some((hostUserId) => hostUserId !== reach.userId)) {
    throw new ConveneError("FORBIDDEN", "A member may hold only their own time.");
  }
  const users = await Promise.all(hostUserIds.map((hostUserId) => repos.users.get(auth.tenantId, hostUserId)));
  if (users.some((user) => !user)) throw new ConveneError("INVALID_HOSTS", "Every host must be a member of this organisation.");
  return { kind: "hosts", hostUserIds };
}

/** The hosts' own hours as link rules: every host must be free (collective), no buffers, starts on 5-minute marks. */
function ownHoursRules(hostUserIds: string[], durationMin: number): LinkRules {
  return {
    timeZone: "UTC",
    durationsMin: [durationMin],
    defaultDurationMin: durationMin,
    // Used only for a host who set no hours of their own: then any time is theirs to give.
    weeklyHours: [{ days: [0, 1, 2, 3, 4, 5, 6], start: "00:00", end: "24:00" }],
    dateOverrides: [],
    holidays: [],
    bufferBeforeMin: 0,
    bufferAfterMin: 0,
    minNoticeMin: 0,
    // The engine's finest grid: owner-side holds start on 5-minute marks.
    slotIntervalMin: 5,
    maxDaysAhead: null,
    rangeStartDate: null,
    rangeEndDate: null,
    maxPerDay: null,
    maxPerWeek: null,
    hostMode: "collective",
    hostUserIds,
    hostSettings: [],
    hostHours: "host",
  };
}

/** Call inside the transaction that writes the hold: takes the hosts' locks, frees their expired holds, then asks the engine. */
export async function lockAndCheckOwnHours(repos: Repositories, tenantId: TenantId, hostUserIds: string[], meeting: { startMs: number; durationMin: number; nowMs: number }): Promise<void> {
  await repos.bookings.lockHosts(tenantId, hostUserIds);
  await repos.holds.releaseExpiredOf(tenantId, hostUserIds, meeting.nowMs);
  const rules = ownHoursRules(hostUserIds, meeting.durationMin);
  const range = { fromMs: meeting.startMs, toMs: meeting.startMs + meeting.durationMin * 60_000 };
  const loads = await loadHostLoads(repos, tenantId, rules, { ...range, nowMs: meeting.nowMs });
  const request = { ...range, durationMin: meeting.durationMin, nowMs: meeting.nowMs };
  const explanation = explainInstant(slotQueryFor(rules, loads, request), meeting.startMs);
  if (!explanation.bookable) throw notBookable(explanation, slotQueryFor(rules, withoutBookings(loads), request), meeting.startMs);
}
