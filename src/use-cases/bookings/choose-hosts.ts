// Which hosts a meeting at startMs goes to, checked under the hosts' locks:
// every host for single and collective links, the fairest free host for
// round-robin. An instant that is not bookable becomes the engine's reason,
// or SLOT_TAKEN when only Convene bookings stand in the way.
import { explainInstant, type InstantExplanation } from "../../core/availability/explain.js";
import { chooseRoundRobinHost, roundRobinCandidatesAt } from "../../core/availability/team.js";
import type { SlotQuery } from "../../core/availability/types.js";
import { slotQueryFor, type HostLoad } from "../../core/booking/link-rules.js";
import { ConveneError } from "../../core/errors.js";
import type { PublicLinkAccess } from "../auth/public-access.js";
import type { Repositories } from "../ports.js";
import { loadHostLoads } from "./host-loads.js";

export type HostChoice = { hostUserIds: string[]; why: string };

function notBookable(explanation: Extract<InstantExplanation, { bookable: false }>, query: SlotQuery, startMs: number): ConveneError {
  if (explanation.reason === "BUSY" || explanation.reason === "BUFFER") {
    // Would it be free without Convene's own bookings? Then someone booked it first.
    const withoutBookings = { ...query, hosts: query.hosts.map((host) => ({ ...host, busy: [], bookings: [] })) };
    if (explainInstant(withoutBookings, startMs).bookable) {
      return new ConveneError("SLOT_TAKEN", "Someone else booked this time first.", { details: { reason: explanation.reason } });
    }
  }
  return new ConveneError(explanation.reason, explanation.detail, { details: { reason: explanation.reason } });
}

export async function chooseHosts(
  repos: Repositories,
  access: PublicLinkAccess,
  meeting: { startMs: number; durationMin: number; nowMs: number },
  options: { excludeBookingId: string | null; preferredHostUserIds: string[] },
): Promise<HostChoice> {
  const { link, tenantId } = access;
  const range = { fromMs: meeting.startMs, toMs: meeting.startMs + meeting.durationMin * 60_000 };
  // The exclusion constraint alone keeps overlapping bookings out. Limits per
  // day or week are rules across bookings that do not overlap, so only then
  // are the hosts' bookings serialised.
  if (link.maxPerDay !== null || link.maxPerWeek !== null) await repos.bookings.lockHosts(link.hostUserIds);
  const loads: HostLoad[] = await loadHostLoads(repos, tenantId, link, range, options.excludeBookingId);
  const query = slotQueryFor(link, loads, { ...range, durationMin: meeting.durationMin, nowMs: meeting.nowMs });
  const explanation = explainInstant(query, meeting.startMs);
  if (!explanation.bookable) throw notBookable(explanation, query, meeting.startMs);
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
  }));
  const choice = chooseRoundRobinHost(candidates)!;
  return { hostUserIds: [String(choice.hostId)], why: choice.why };
}
