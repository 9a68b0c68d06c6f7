// A link's funnel per local day: views, bookings, conversion, cancellations, no-shows.
import { analyticsDays, analyticsReport, analyticsWindow, dayBoundariesMs } from "../../core/booking/analytics.js";
import { reachOf } from "../auth/reach.js";
import { reachableLink } from "./get-link.js";
import { funnelReport } from "../../core/funnel/funnel.js";
import type { UseCaseDeps } from "../ports/store.js";
import type { RequestContext } from "../request-context.js";

export async function linkAnalytics(deps: UseCaseDeps, ctx: RequestContext, linkId: string, request: { fromMs: number | null; toMs: number | null; timeZone: string | null }) {
  const { auth, nowMs } = ctx;
  const link = await reachableLink(deps.store, ctx, linkId, "read");
  const reach = reachOf(auth, "analytics.read");
  const window = analyticsWindow({ fromMs: request.fromMs, toMs: request.toMs, timeZone: request.timeZone ?? link.timeZone, nowMs });
  const days = analyticsDays(window);
  const tallies = await deps.store.linkAnalytics.countFunnel(auth.tenantId, { boundariesMs: dayBoundariesMs(days), linkId: link.id, nowMs, ofMember: reach.scope === "own" ? { linkIds: [link.id], hostUserId: reach.userId } : undefined });
  return { linkId: link.id, ...window, ...analyticsReport(days, funnelReport("link", days, tallies, [link.id]).days) };
}
