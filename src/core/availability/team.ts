// Round-robin: which free host takes a booked slot. The free host with the
// fewest bookings in the slot's ISO week (link zone) wins; ties go to the host
// booked least recently, then to the lowest id — deterministic, and the choice
// comes with a sentence saying why.
import { isoWeekMondayOf } from "../time/calendar-date.js";
import { formatIsoInstant } from "../time/iso-instant.js";
import { freeHostsOf, prepareAt } from "./explain.js";
import type { HostId, SlotQuery } from "./types.js";

export type RoundRobinCandidate = {
  hostId: HostId;
  bookingsThisWeek: number;
  /** When the host was last booked; null = never. */
  lastBookedAtMs: number | null;
};

export type RoundRobinChoice = { hostId: HostId; why: string };

/** Numbers before strings; numbers by value, strings by UTF-16 code units (never locale-dependent). */
export function compareHostIds(a: HostId, b: HostId): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "number") return -1;
  if (typeof b === "number") return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareCandidates(a: RoundRobinCandidate, b: RoundRobinCandidate): number {
  if (a.bookingsThisWeek !== b.bookingsThisWeek) return a.bookingsThisWeek - b.bookingsThisWeek;
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

/** The host to book among free candidates, or null when there are none. Input order never matters. */
export function chooseRoundRobinHost(candidates: readonly RoundRobinCandidate[]): RoundRobinChoice | null {
  if (candidates.length === 0) return null;
  const ranked = [...candidates].sort(compareCandidates);
  const winner = ranked[0]!;
  const id = `host ${String(winner.hostId)}`;
  const runnerUp = ranked[1];
  if (runnerUp === undefined) return { hostId: winner.hostId, why: `${id} is the only free host` };
  if (runnerUp.bookingsThisWeek !== winner.bookingsThisWeek) {
    return { hostId: winner.hostId, why: `${id} has the fewest bookings this week (${winner.bookingsThisWeek}; next fewest ${runnerUp.bookingsThisWeek})` };
  }
  const tied = ranked.filter((c) => c.bookingsThisWeek === winner.bookingsThisWeek).length;
  if (runnerUp.lastBookedAtMs !== winner.lastBookedAtMs) {
    return {
      hostId: winner.hostId,
      why: `${tied} free hosts tie at ${winner.bookingsThisWeek} booking(s) this week; ${id} was booked least recently (${describeLastBooked(winner.lastBookedAtMs)}; next ${describeLastBooked(runnerUp.lastBookedAtMs)})`,
    };
  }
  return {
    hostId: winner.hostId,
    why: `${tied} free hosts tie at ${winner.bookingsThisWeek} booking(s) this week and ${describeLastBooked(winner.lastBookedAtMs)}; ${id} has the lowest id`,
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
