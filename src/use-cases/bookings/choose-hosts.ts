// Which hosts a meeting at startMs goes to, checked under the hosts' locks:
// every host for single and collective links, the fairest free host for
// round-robin. An instant that is not bookable becomes the engine's reason,
// or SLOT_TAKEN when only Convene bookings stand in the way.
import { explainInstant, type InstantExplanation } from "../../core/availability/explain.js";
import { publicReasonDetail } from "../../core/availability/public-reasons.js";
import { chooseRoundRobinHost, roundRobinCandidatesAt } from "../../core/availability/team.js";
import type { SlotQuery } from "../../core/availability/types.js";
import { hostSettingOf, slotQueryFor, withoutBookings, type HostLoad } from "../../core/booking/link-rules.js";
import { ConveneError } from "../../core/errors.js";
import type { PublicLinkAccess } from "../auth/public-access.js";
import type { Repositories } from "../ports/store.js";
import { loadHostLoads } from "./host-loads.js";

export type HostChoice = { hostUserIds: string[]; why: string };

/** Why the engine refuses startMs, as the caller sees it: SLOT_TAKEN when only Convene bookings (or holds) stand in the way. */
export function notBookable(explanation: Extract<InstantExplanation, { bookable: false }>, freeOfBookings: SlotQuery, startMs: number): ConveneError {
  if (explanation.reason === "BUSY" || explanation.reason === "BUFFER") {
    // Would it be free without Convene's own bookings (calendar busy time still counting)? Then someone booked it first.
    if (explainInstant(freeOfBookings, startMs).bookable) {
      return new ConveneError("SLOT_TAKEN", "Someone else booked this time first.", { details: { reason: explanation.reason } });
    }
  }
  // Anyone with the link reads this: the reason in plain words, never the engine's sentence with host ids and busy times.
  return new ConveneError(explanation.reason, publicReasonDetail(explanation.reason), { details: { reason: explanation.reason } });
}

type Meeting = { startMs: number; durationMin: number; nowMs: number };
type HostOptions = {
  excludeBookingId: string | null;
  preferredHostUserIds: string[];
  /** The slot hold the caller books with: its time is theirs (it is consumed in the same transaction). */
  excludeHoldId?: string | null | undefined;
  /** The hosts that hold held: round-robin keeps them when free, even if fairness moved on since the hold. */
  heldHostUserIds?: string[] | undefined;
};

/** Call inside the transaction that writes the booking: takes the hosts' locks, then decides. */
export async function chooseHosts(repos: Repositories, access: PublicLinkAccess, meeting: Meeting, options: HostOptions): Promise<HostChoice> {
  // Every booking and reschedule queues on its hosts' locks (in one order)
  // before reading their loads. The exclusion constraint alone keeps overlaps
  // out, but two transactions inserting partly overlapping holds into its GiST
  // index wait for each other and deadlock (40P01); day and week limits are
  // rules across bookings that do not overlap at all.
  await repos.bookings.lockHosts(access.tenantId, access.link.hostUserIds);
  // A dead hold must not block the insert under the exclusion constraint: free these hosts' expired holds first.
  await repos.holds.releaseExpiredOf(access.tenantId, access.link.hostUserIds, meeting.nowMs);
  return decideHosts(repos, access, meeting, options);
}

/**
 * The same decision without locks, on possibly cached reads: an early answer
 * for a time that is already gone, so the losers of a race do not queue on the
 * hosts' locks. Its success decides nothing; chooseHosts does.
 */
export const precheckHosts = decideHosts;

async function decideHosts(repos: Repositories, access: PublicLinkAccess, meeting: Meeting, options: HostOptions): Promise<HostChoice> {
  const { link, tenantId } = access;
  const range = { fromMs: meeting.startMs, toMs: meeting.startMs + meeting.durationMin * 60_000 };
  const loads: HostLoad[] = await loadHostLoads(repos, tenantId, link, { ...range, nowMs: meeting.nowMs }, options.excludeBookingId, options.excludeHoldId ?? null);
  const query = slotQueryFor(link, loads, { ...range, durationMin: meeting.durationMin, nowMs: meeting.nowMs });
  const explanation = explainInstant(query, meeting.startMs);
  if (!explanation.bookable) throw notBookable(explanation, slotQueryFor(link, withoutBookings(loads), { ...range, durationMin: meeting.durationMin, nowMs: meeting.nowMs }), meeting.startMs);
  const picked = access.oneTimeLink?.slotStartsMs;
  if (picked && !picked.includes(meeting.startMs)) throw new ConveneError("OFF_GRID", "This one-time link offers only the times its owner picked.", { details: { reason: "OFF_GRID" } });
  if (link.hostMode !== "round_robin") return { hostUserIds: [...link.hostUserIds], why: link.hostMode === "single" ? "the link's host" : "every host of a collective link" };

  const free = explanation.hostIds.map(String);
  const kept = options.preferredHostUserIds.find((hostUserId) => free.includes(hostUserId));
  if (kept) return { hostUserIds: [kept], why: `host ${kept} keeps the meeting: still free at the new time` };
  const lastBooked = await repos.bookings.lastBookedAtMs(tenantId, free);
  const candidates = roundRobinCandidatesAt(query, meeting.startMs).map((candidate) => ({
    ...candidate,
    lastBookedAtMs: lastBooked.get(String(candidate.hostId)) ?? null,
    ...hostSettingOf(link, String(candidate.hostId)),
  }));
  const choice = chooseRoundRobinHost(candidates)!;
  const held = options.heldHostUserIds?.find((hostUserId) => free.includes(hostUserId));
  if (held && held !== String(choice.hostId)) return { hostUserIds: [held], why: `host ${held} was chosen when the time was held` };
  return { hostUserIds: [String(choice.hostId)], why: choice.why };
}
