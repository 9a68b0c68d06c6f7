// A link's funnel per local day: views, bookings, conversion, cancellations, no-shows.
import { analyticsDays, analyticsReport, analyticsWindow, dayBoundariesMs } from "../../core/booking/analytics.js";
import { ConveneError } from "../../core/errors.js";
import type { UseCaseDeps } from "../ports.js";
import type { RequestContext } from "../request-context.js";

export async function linkAnalytics(deps: UseCaseDeps, ctx: RequestContext, linkId: string, request: { fromMs: number | null; toMs: number | null; timeZone: string | null }) {
  const { auth, nowMs } = ctx;
  const link = await deps.store.links.get(auth.tenantId, linkId);
  if (!link) throw new ConveneError("NOT_FOUND", "No such link.");
  const window = analyticsWindow({ fromMs: request.fromMs, toMs: request.toMs, timeZone: request.timeZone ?? link.timeZone, nowMs });
  const days = analyticsDays(window);
  const counts = await deps.store.linkAnalytics.countsBetween(auth.tenantId, link.id, dayBoundariesMs(days));
  return { linkId: link.id, ...window, ...analyticsReport(days, counts) };
}
