// The organisation's funnel over a window: totals, one row per link and a day
// series, for every link or one. Days are local to the zone asked for, or the
// caller's own.
import { analyticsDays, analyticsWindow, dayBoundariesMs } from "../../core/booking/analytics.js";
import { ownUserIdOf, reachOf } from "../auth/reach.js";
import { reachableLink } from "../links/get-link.js";
import { funnelReport } from "../../core/funnel/funnel.js";
import type { UseCaseDeps } from "../ports/store.js";
import type { RequestContext } from "../request-context.js";

export type FunnelSummaryRequest = { fromMs: number | null; toMs: number | null; timeZone: string | null; linkId: string | null };

export async function funnelSummary(deps: UseCaseDeps, ctx: RequestContext, request: FunnelSummaryRequest) {
  const { tenantId } = ctx.auth;
  // Another organisation's link (or, for a member, another member's) is as unknown as one that never existed.
  if (request.linkId !== null) await reachableLink(deps.store, ctx, request.linkId, "read");
  const reach = reachOf(ctx.auth, "analytics.read");
  // Every live link in reach gets a row, counted or not; a deleted link's still-counted bookings add theirs.
  const linkIds = request.linkId === null ? (await deps.store.links.list(tenantId, { ownedOrHostedBy: ownUserIdOf(reach) })).map((link) => link.id) : [request.linkId];
  const ofMember = reach.scope === "own" ? { linkIds, hostUserId: reach.userId } : undefined;
  const timeZone = request.timeZone ?? (await deps.store.users.get(tenantId, ctx.auth.userId))?.timeZone ?? "UTC";
  const window = analyticsWindow({ fromMs: request.fromMs, toMs: request.toMs, timeZone, nowMs: ctx.nowMs });
  const days = analyticsDays(window);
  const tallies = await deps.store.linkAnalytics.countFunnel(tenantId, { boundariesMs: dayBoundariesMs(days), linkId: request.linkId, nowMs: ctx.nowMs, ofMember });
  return { linkId: request.linkId, ...window, ...funnelReport("link", days, tallies, linkIds) };
}
