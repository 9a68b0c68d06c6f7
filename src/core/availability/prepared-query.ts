// A validated slot query with its rules compiled and its zones' offsets laid
// out for a span of instants: the shared first step of computing slots,
// explaining an instant and choosing a host.
import { MS_PER_DAY } from "../time/calendar-date.js";
import { ZoneTimeline } from "../time/zone.js";
import { compileHostRules, type HostRules } from "./overrides.js";
import { validateSlotQuery } from "./query-bounds.js";
import type { HostAvailability, SlotQuery } from "./types.js";
import { timelineSpanForWorkingTime } from "./working-time.js";

export type PreparedHost = { host: HostAvailability; rules: HostRules; timeline: ZoneTimeline };

export type PreparedQuery = {
  query: SlotQuery;
  hosts: PreparedHost[];
  /** Offsets of the link zone, for the grid and for the local dates that limits count on. */
  linkTimeline: ZoneTimeline;
};

/** Validates the query and prepares what answering questions about instants in [fromMs, toMs] needs. */
export function prepareQuery(query: SlotQuery, fromMs: number, toMs: number): PreparedQuery {
  validateSlotQuery(query);
  const hostSpan = timelineSpanForWorkingTime(fromMs, toMs);
  const timelinesByZone = new Map<string, ZoneTimeline>();
  const hosts = query.hosts.map((host, i): PreparedHost => {
    let timeline = timelinesByZone.get(host.timeZone);
    if (timeline === undefined) {
      timeline = new ZoneTimeline(host.timeZone, hostSpan.fromMs, hostSpan.toMs);
      timelinesByZone.set(host.timeZone, timeline);
    }
    return { host, rules: compileHostRules(host, `hosts[${i}] (id ${String(host.hostId)})`), timeline };
  });
  const linkTimeline = new ZoneTimeline(query.linkTimeZone, fromMs - 2 * MS_PER_DAY, toMs + 2 * MS_PER_DAY);
  return { query, hosts, linkTimeline };
}
