// The organisation's funnel over a window: totals, one row per link and a day
// series, for every link or one. Days are local to the zone asked for, or the
// caller's own.
import { analyticsDays, analyticsWindow, dayBoundariesMs } from "../../core/booking/analytics.js";
import { ConveneError } from "../../core/errors.js";
import { funnelReport } from "../../core/funnel/funnel.js";
import type { UseCaseDeps } from "../ports/store.js";
import type { RequestContext } from "../request-context.js";

export type FunnelSummaryRequest = { fromMs: number | null; toMs: number | null; timeZone: string | null; linkId: string | null };

export async function funnelSummary(deps: UseCaseDeps, ctx: RequestContext, request: FunnelSummaryRequest) {
  const { tenantId } = ctx.auth;
  // Another organisation's link is as unknown as one that never existed.
  if (request.linkId !== null && !(await deps.store.links.get(tenantId, request.linkId))) throw new ConveneError("NOT_FOUND", "No such link.");
  // Every live link gets a row, counted or not; a deleted link's still-counted bookings add theirs.
  const linkIds = request.linkId === null ? (await deps.store.links.list(tenantId)).map((link) => link.id) : [request.linkId];
  const timeZone = request.timeZone ?? (await deps.store.users.get(tenantId, ctx.auth.userId))?.timeZone ?? "UTC";
  const window = analyticsWindow({ fromMs: request.fromMs, toMs: request.toMs, timeZone, nowMs: ctx.nowMs });
  const days = analyticsDays(window);
  const tallies = await deps.store.linkAnalytics.countFunnel(tenantId, { boundariesMs: dayBoundariesMs(days), linkId: request.linkId, nowMs: ctx.nowMs });
  return { linkId: request.linkId, ...window, ...funnelReport("link", days, tallies, linkIds) };
}
