// An owner's (or a team's) free times without a link, and, for one requested
// instant, whether it is free, why not, and the nearest free times. The REST
// route GET /api/v1/availability and the MCP check_availability tool (host
// mode) both call ownerAvailability.
import {
  checkOwnerWindow,
  defaultIntervalMin,
  explainOwnerInstant,
  NEAREST_SPAN_DAYS,
  nearestOwnerStartsMs,
  ownerSlots,
  type OwnerAvailabilityMode,
  type OwnerWindow,
} from "../../core/availability/owner-availability.js";
import { MS_PER_DAY } from "../../core/time/calendar-date.js";
import type { UseCaseDeps } from "../ports/store.js";
import type { RequestContext } from "../request-context.js";
import { loadOwnerHosts, namesOf, resolveHosts } from "./owner-hosts.js";

export type OwnerAvailabilityQuery = {
  fromMs: number;
  toMs: number;
  durationMin: number;
  /** Default: the caller. */
  hostUserIds?: string[] | undefined;
  /** all (default): every host at once; any: one free host is enough. */
  mode?: OwnerAvailabilityMode | undefined;
  /** The grid step; default defaultIntervalMin(durationMin). */
  intervalMin?: number | undefined;
  /** A time to judge on its own: free or not, why, and the nearest free times. */
  atMs?: number | undefined;
};

export type OwnerAvailability = {
  slots: { startMs: number; endMs: number; hostUserIds: string[] }[];
  requested?: { startMs: number; free: boolean; reasons: { code: string; message: string }[]; nearestMs: number[] };
};

export async function ownerAvailability(deps: UseCaseDeps, ctx: RequestContext, query: OwnerAvailabilityQuery): Promise<OwnerAvailability> {
  const window: OwnerWindow = {
    fromMs: query.fromMs,
    toMs: query.toMs,
    durationMin: query.durationMin,
    intervalMin: query.intervalMin ?? defaultIntervalMin(query.durationMin),
    mode: query.mode ?? "all",
    nowMs: ctx.nowMs,
  };
  checkOwnerWindow(window);
  const hosts = await resolveHosts(deps.store, ctx, query.hostUserIds, "availability.read");
  // Loaded once for the window, the requested time and the days around it that the nearest free times come from.
  const aroundMs = query.atMs ?? window.fromMs;
  const spanMs = NEAREST_SPAN_DAYS * MS_PER_DAY;
  const range = { fromMs: Math.min(window.fromMs, aroundMs - spanMs), toMs: Math.max(window.toMs, aroundMs + spanMs), nowMs: ctx.nowMs };
  const loads = await loadOwnerHosts(deps.store, ctx.auth.tenantId, hosts, range);
  const slots = ownerSlots(loads, window);
  if (query.atMs === undefined) return { slots };
  const verdict = explainOwnerInstant(loads, window, query.atMs, namesOf(hosts));
  return {
    slots,
    requested: { startMs: query.atMs, free: verdict.free, reasons: verdict.reasons, nearestMs: verdict.free ? [] : nearestOwnerStartsMs(loads, window, query.atMs) },
  };
}
