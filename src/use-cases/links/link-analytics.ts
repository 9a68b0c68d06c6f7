// A link's funnel per local day: views, bookings, conversion, cancellations, no-shows.
import { analyticsDays, analyticsReport, analyticsWindow, dayBoundariesMs } from "../../core/booking/analytics.js";
import { ConveneError } from "../../core/errors.js";
import { funnelReport } from "../../core/funnel/funnel.js";
import type { UseCaseDeps } from "../ports/store.js";
import type { RequestContext } from "../request-context.js";

export async function linkAnalytics(deps: UseCaseDeps, ctx: RequestContext, linkId: string, request: { fromMs: number | null; toMs: number | null; timeZone: string | null }) {
  const { auth, nowMs } = ctx;
  const link = await deps.store.links.get(auth.tenantId, linkId);
  if (!link) throw new ConveneError("NOT_FOUND", "No such link.");
  const window = analyticsWindow({ fromMs: request.fromMs, toMs: request.toMs, timeZone: request.timeZone ?? link.timeZone, nowMs });
  const days = analyticsDays(window);
  const tallies = await deps.store.linkAnalytics.countFunnel(auth.tenantId, { boundariesMs: dayBoundariesMs(days), linkId: link.id, nowMs });
  return { linkId: link.id, ...window, ...analyticsReport(days, funnelReport("link", days, tallies, [link.id]).days) };
}
