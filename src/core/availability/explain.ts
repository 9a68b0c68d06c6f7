// Why not? For one instant, the reason it is not bookable (or the hosts who
// can take it), checked in the order a person would ask: policy (notice,
// booking window), the window asked about, the grid, then each host's working
// time, holidays, busy time, buffers and limits. It applies the very rules of
// computeSlots one instant at a time, so "bookable" here ⇔ listed there.
import { ConveneError } from "../errors.js";
import { formatIsoDate, MS_PER_DAY, MS_PER_MINUTE } from "../time/calendar-date.js";
import { containsRange } from "../time/interval.js";
import { formatIsoInstant } from "../time/iso-instant.js";
import { MAX_ABS_INSTANT_MS } from "../time/zone.js";
import { isOnGrid } from "./grid.js";
import { limitReachedOn, tallyBookings } from "./limits.js";
import { prepareQuery, type PreparedHost, type PreparedQuery } from "./prepared-query.js";
import { invalidBusyInterval } from "./query-bounds.js";
import type { BusyTimeMs, HostId, SlotQuery, UnavailableReason } from "./types.js";
import { workingTimeMs } from "./working-time.js";

export type HostVerdict = { hostId: HostId; reason: UnavailableReason; detail: string };

export type InstantExplanation =
  | { bookable: true; hostIds: HostId[]; detail: string }
  | {
      bookable: false;
      reason: UnavailableReason;
      /** The host the reason is about, when it is about one host. */
      hostId?: HostId;
      detail: string;
      /** Every host that cannot take the instant, with its own reason (empty when the reason is not about hosts). */
      blockedHosts: HostVerdict[];
    };

/** Order in which a host gets closer to bookable; round-robin reports the host that got furthest. */
const STAGE: Record<UnavailableReason, number> = {
  TOO_SOON: 0,
  BEYOND_WINDOW: 0,
  OUTSIDE_WINDOW: 0,
  OFF_GRID: 0,
  OUTSIDE_HOURS: 1,
  HOLIDAY: 1,
  BUSY: 2,
  BUFFER: 3,
  DAY_LIMIT: 4,
  WEEK_LIMIT: 5,
};

/**
 * Whether a meeting can start at startMs and, if not, why. Single and
 * collective: the first host (in input order) that cannot take it is named.
 * Round-robin: bookable when any host is free; otherwise the reason of the host
 * that came closest (a busy host is closer than one off work).
 */
export function explainInstant(query: SlotQuery, startMs: number): InstantExplanation {
  const prepared = prepareAt(query, startMs);
  const general = generalReason(prepared, startMs);
  if (general !== null) return { bookable: false, ...general, blockedHosts: [] };
  const verdicts = prepared.hosts.map((host) => ({ hostId: host.host.hostId, verdict: hostVerdict(prepared, host, startMs) }));
  const blockedHosts: HostVerdict[] = verdicts.flatMap(({ verdict }) => (verdict === null ? [] : [verdict]));
  const freeHostIds = verdicts.filter(({ verdict }) => verdict === null).map(({ hostId }) => hostId);
  const at = formatIsoInstant(startMs);
  if (query.mode === "round_robin") {
    if (freeHostIds.length > 0) return { bookable: true, hostIds: freeHostIds, detail: `${at} is bookable; ${freeHostIds.length} host(s) free` };
    let closest = blockedHosts[0]!;
    for (const verdict of blockedHosts) if (STAGE[verdict.reason] > STAGE[closest.reason]) closest = verdict;
    return { bookable: false, reason: closest.reason, hostId: closest.hostId, detail: `No host is free at ${at}; closest: ${closest.detail}`, blockedHosts };
  }
  const first = blockedHosts[0];
  if (first === undefined) return { bookable: true, hostIds: freeHostIds, detail: `${at} is bookable` };
  return { bookable: false, reason: first.reason, hostId: first.hostId, detail: first.detail, blockedHosts };
}

/**
 * Hosts that could take a meeting starting at startMs, each judged alone
 * (empty when the instant is out for everyone). For a collective link the
 * meeting needs all of them; for round-robin any one.
 */
export function freeHostsAt(query: SlotQuery, startMs: number): HostId[] {
  return freeHostsOf(prepareAt(query, startMs), startMs);
}

/** freeHostsAt on an already prepared query (prepared around startMs). */
export function freeHostsOf(prepared: PreparedQuery, startMs: number): HostId[] {
  if (generalReason(prepared, startMs) !== null) return [];
  return prepared.hosts.filter((host) => hostVerdict(prepared, host, startMs) === null).map((host) => host.host.hostId);
}

/** Validates the query and prepares it for questions about the one instant startMs. */
export function prepareAt(query: SlotQuery, startMs: number): PreparedQuery {
  if (!Number.isFinite(startMs)) {
    throw new ConveneError("VALIDATION_FAILED", "startMs must be an epoch-millisecond instant", { details: { field: "startMs", value: startMs } });
  }
  return prepareQuery(query, startMs, startMs + query.durationMin * MS_PER_MINUTE);
}

function generalReason(prepared: PreparedQuery, startMs: number): { reason: UnavailableReason; detail: string } | null {
  const { query } = prepared;
  const at = formatIsoInstant(startMs);
  const earliestMs = query.nowMs + query.minNoticeMin * MS_PER_MINUTE;
  if (startMs < earliestMs) {
    return { reason: "TOO_SOON", detail: `${at} is before the minimum notice of ${query.minNoticeMin} min allows (earliest ${formatIsoInstant(earliestMs)})` };
  }
  if (query.maxDaysAhead !== undefined && startMs >= query.nowMs + query.maxDaysAhead * MS_PER_DAY) {
    return { reason: "BEYOND_WINDOW", detail: `${at} is more than ${query.maxDaysAhead} days ahead (slots must start before ${formatIsoInstant(query.nowMs + query.maxDaysAhead * MS_PER_DAY)})` };
  }
  const endMs = startMs + query.durationMin * MS_PER_MINUTE;
  if (startMs < query.windowStartMs || endMs > query.windowEndMs) {
    return { reason: "OUTSIDE_WINDOW", detail: `${at} + ${query.durationMin} min is not inside the window asked about, ${formatIsoInstant(query.windowStartMs)} to ${formatIsoInstant(query.windowEndMs)}` };
  }
  if (startMs % MS_PER_MINUTE !== 0) return { reason: "OFF_GRID", detail: `${at} is not a whole minute` };
  if (!isOnGrid(prepared.linkTimeline, startMs, query.slotIntervalMin)) {
    return { reason: "OFF_GRID", detail: `${at} is not on the ${query.slotIntervalMin}-minute grid of ${query.linkTimeZone} (slots start every ${query.slotIntervalMin} min after local midnight)` };
  }
  return null;
}

/** Why this host cannot take the instant, or null when it can. The instant has passed generalReason. */
export function hostVerdict(prepared: PreparedQuery, preparedHost: PreparedHost, startMs: number): HostVerdict | null {
  const { query } = prepared;
  const { host, rules, timeline } = preparedHost;
  const hostId = host.hostId;
  const who = `host ${String(hostId)}`;
  const durationMs = query.durationMin * MS_PER_MINUTE;
  const endMs = startMs + durationMs;
  const span = `${formatIsoInstant(startMs)}–${formatIsoInstant(endMs)}`;
  if (!containsRange(workingTimeMs(rules, timeline, startMs, endMs), startMs, endMs)) {
    if (rules.holidayDays.size > 0 && containsRange(workingTimeMs(rules, timeline, startMs, endMs, true), startMs, endMs)) {
      const dates = new Set([timeline.localDayNumber(startMs), timeline.localDayNumber(endMs - 1)].filter((day) => rules.holidayDays.has(day)).map(formatIsoDate));
      return { hostId, reason: "HOLIDAY", detail: `${span} falls on a holiday of ${who} (${[...dates].join(", ") || "a neighbouring date"}, ${host.timeZone})` };
    }
    return { hostId, reason: "OUTSIDE_HOURS", detail: `${span} is outside the working hours of ${who} (${host.timeZone})` };
  }
  const busy = firstOverlap(hostId, host.busy, startMs, endMs) ?? firstOverlap(hostId, host.bookings ?? [], startMs, endMs);
  if (busy !== null) return { hostId, reason: "BUSY", detail: `${who} is busy ${formatIsoInstant(busy.startMs)}–${formatIsoInstant(busy.endMs)}` };
  const bufferedStartMs = startMs - query.bufferBeforeMin * MS_PER_MINUTE;
  const bufferedEndMs = endMs + query.bufferAfterMin * MS_PER_MINUTE;
  const nearby = firstOverlap(hostId, host.busy, bufferedStartMs, bufferedEndMs) ?? firstOverlap(hostId, host.bookings ?? [], bufferedStartMs, bufferedEndMs);
  if (nearby !== null) {
    return {
      hostId,
      reason: "BUFFER",
      detail: `${who} is busy ${formatIsoInstant(nearby.startMs)}–${formatIsoInstant(nearby.endMs)}, inside the ${query.bufferBeforeMin} min before / ${query.bufferAfterMin} min after buffers`,
    };
  }
  if (query.maxPerDay !== undefined || query.maxPerWeek !== undefined) {
    const dayNumber = prepared.linkTimeline.localDayNumber(startMs);
    const limit = limitReachedOn(tallyBookings(host.bookings ?? [], prepared.linkTimeline), dayNumber, query);
    if (limit === "DAY_LIMIT") return { hostId, reason: limit, detail: `${who} already has ${query.maxPerDay} booking(s) on ${formatIsoDate(dayNumber)} (${query.linkTimeZone})` };
    if (limit === "WEEK_LIMIT") return { hostId, reason: limit, detail: `${who} already has ${query.maxPerWeek} booking(s) in the week of ${formatIsoDate(dayNumber)} (${query.linkTimeZone})` };
  }
  return null;
}

/** The earliest-starting interval that overlaps [fromMs, toMs), scanning all (no order assumed). */
function firstOverlap(hostId: HostId, intervals: BusyTimeMs, fromMs: number, toMs: number): { startMs: number; endMs: number } | null {
  let best: { startMs: number; endMs: number } | null = null;
  const consider = (busyStartMs: number, busyEndMs: number): void => {
    if (!(Math.abs(busyStartMs) <= MAX_ABS_INSTANT_MS && Math.abs(busyEndMs) <= MAX_ABS_INSTANT_MS)) throw invalidBusyInterval(hostId, busyStartMs, busyEndMs);
    if (busyEndMs > busyStartMs && busyStartMs < toMs && busyEndMs > fromMs && (best === null || busyStartMs < best.startMs)) {
      best = { startMs: busyStartMs, endMs: busyEndMs };
    }
  };
  if (intervals instanceof Float64Array) for (let i = 0; i + 1 < intervals.length; i += 2) consider(intervals[i]!, intervals[i + 1]!);
  else for (const interval of intervals) consider(interval.startMs, interval.endMs);
  return best;
}
