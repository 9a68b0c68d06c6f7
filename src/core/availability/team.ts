// Round-robin: which free host takes a booked slot. The free host with the
// highest priority wins; among equal priority, the one with the fewest
// bookings in the slot's ISO week (link zone) for its weight (a weight-2 host
// takes twice the bookings of a weight-1 host); ties go to the host booked
// least recently, then to the lowest id — deterministic, and the choice comes
// with a sentence saying which rule decided.
import { isoWeekMondayOf } from "../time/calendar-date.js";
import { formatIsoInstant } from "../time/iso-instant.js";
import { freeHostsOf, prepareAt } from "./explain.js";
import type { HostId, SlotQuery } from "./types.js";

export type RoundRobinCandidate = {
  hostId: HostId;
  bookingsThisWeek: number;
  /** When the host was last booked; null = never. */
  lastBookedAtMs: number | null;
  /** Share of bookings relative to other hosts of the same priority; default 1. */
  weight?: number;
  /** Higher is asked first; default 0. */
  priority?: number;
};

export type RoundRobinChoice = { hostId: HostId; why: string };

/** Numbers before strings; numbers by value, strings by UTF-16 code units (never locale-dependent). */
export function compareHostIds(a: HostId, b: HostId): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "number") return -1;
  if (typeof b === "number") return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

const weightOf = (c: RoundRobinCandidate) => c.weight ?? 1;
const priorityOf = (c: RoundRobinCandidate) => c.priority ?? 0;

/** Compares bookingsThisWeek / weight without division, so equal shares compare equal exactly. */
function compareShares(a: RoundRobinCandidate, b: RoundRobinCandidate): number {
  return a.bookingsThisWeek * weightOf(b) - b.bookingsThisWeek * weightOf(a);
}

function compareCandidates(a: RoundRobinCandidate, b: RoundRobinCandidate): number {
  if (priorityOf(a) !== priorityOf(b)) return priorityOf(b) - priorityOf(a);
  const share = compareShares(a, b);
  if (share !== 0) return share;
  if (a.lastBookedAtMs !== b.lastBookedAtMs) {
    if (a.lastBookedAtMs === null) return -1;
    if (b.lastBookedAtMs === null) return 1;
    return a.lastBookedAtMs - b.lastBookedAtMs;
  }
  return compareHostIds(a.hostId, b.hostId);
}

function describeLastBooked(lastBookedAtMs: number | null): string {
  return lastBookedAtMs === null ? "never booked" : `last booked ${formatIsoInstant(lastBookedAtMs)}`;
}

/** "2" when weights play no part, "2 for weight 3" when they do. */
function describeLoad(candidate: RoundRobinCandidate, isWeighted: boolean): string {
  return isWeighted ? `${candidate.bookingsThisWeek} for weight ${weightOf(candidate)}` : String(candidate.bookingsThisWeek);
}

/** The host to book among free candidates, or null when there are none. Input order never matters. */
export function chooseRoundRobinHost(candidates: readonly RoundRobinCandidate[]): RoundRobinChoice | null {
  if (candidates.length === 0) return null;
  const ranked = [...candidates].sort(compareCandidates);
  const winner = ranked[0]!;
  const id = `host ${String(winner.hostId)}`;
  const runnerUp = ranked[1];
  if (runnerUp === undefined) return { hostId: winner.hostId, why: `${id} is the only free host` };
  if (priorityOf(runnerUp) !== priorityOf(winner)) {
    return { hostId: winner.hostId, why: `${id} has the highest priority among the free hosts (${priorityOf(winner)}; next ${priorityOf(runnerUp)})` };
  }
  const peers = ranked.filter((c) => priorityOf(c) === priorityOf(winner));
  const isWeighted = peers.some((c) => weightOf(c) !== weightOf(winner));
  const load = (c: RoundRobinCandidate) => describeLoad(c, isWeighted);
  if (compareShares(runnerUp, winner) !== 0) {
    const rule = isWeighted ? "the fewest bookings this week for its weight" : "the fewest bookings this week";
    return { hostId: winner.hostId, why: `${id} has ${rule} (${load(winner)}; next fewest ${load(runnerUp)})` };
  }
  const tied = peers.filter((c) => compareShares(c, winner) === 0).length;
  const tieAt = isWeighted ? "the same bookings this week for their weight" : `${winner.bookingsThisWeek} booking(s) this week`;
  if (runnerUp.lastBookedAtMs !== winner.lastBookedAtMs) {
    return {
      hostId: winner.hostId,
      why: `${tied} free hosts tie at ${tieAt}; ${id} was booked least recently (${describeLastBooked(winner.lastBookedAtMs)}; next ${describeLastBooked(runnerUp.lastBookedAtMs)})`,
    };
  }
  return {
    hostId: winner.hostId,
    why: `${tied} free hosts tie at ${tieAt} and ${describeLastBooked(winner.lastBookedAtMs)}; ${id} has the lowest id`,
  };
}

/**
 * The free hosts at startMs with what the choice needs: their bookings whose
 * start falls in the ISO week (link zone) of startMs, and when they were last
 * booked — the latest createdAtMs of their bookings, or startMs where a booking
 * has no createdAtMs.
 */
export function roundRobinCandidatesAt(query: SlotQuery, startMs: number): RoundRobinCandidate[] {
  const prepared = prepareAt(query, startMs);
  const freeHostIds = new Set<HostId>(freeHostsOf(prepared, startMs));
  const link = prepared.linkTimeline;
  const weekMonday = isoWeekMondayOf(link.localDayNumber(startMs));
  return query.hosts
    .filter((host) => freeHostIds.has(host.hostId))
    .map((host) => {
      let bookingsThisWeek = 0;
      let lastBookedAtMs: number | null = null;
      for (const booking of host.bookings ?? []) {
        if (isoWeekMondayOf(link.localDayNumber(booking.startMs)) === weekMonday) bookingsThisWeek++;
        const bookedAtMs = booking.createdAtMs ?? booking.startMs;
        if (lastBookedAtMs === null || bookedAtMs > lastBookedAtMs) lastBookedAtMs = bookedAtMs;
      }
      return { hostId: host.hostId, bookingsThisWeek, lastBookedAtMs };
    });
}

/** The host a round-robin booking at startMs goes to, with the reason; null when no host is free. */
export function pickRoundRobinHost(query: SlotQuery, startMs: number): RoundRobinChoice | null {
  return chooseRoundRobinHost(roundRobinCandidatesAt(query, startMs));
}
