// The lead funnel over a window: distinct leads per stage and the rates
// between stages, in total and per campaign (counted by the database, rated
// by core), with each inbound source's health so the page can say when a
// provider's data is stale. A member counts only the leads they own.
import { analyticsWindow } from "../../core/booking/analytics.js";
import { ConveneError } from "../../core/errors.js";
import { EMPTY_LEAD_FUNNEL, leadFunnelRates, type LeadFunnelCounts } from "../../core/funnel/lead-funnel.js";
import { ownUserIdOf, reachOf } from "../auth/reach.js";
import type { UseCaseDeps } from "../ports/store.js";
import type { RequestContext } from "../request-context.js";

export type LeadFunnelRequest = { fromMs: number | null; toMs: number | null; campaignId: string | null };

const COUNT_KEYS = Object.keys(EMPTY_LEAD_FUNNEL) as (keyof LeadFunnelCounts)[];

function sumOf(rows: readonly LeadFunnelCounts[]): LeadFunnelCounts {
  const total = { ...EMPTY_LEAD_FUNNEL };
  for (const row of rows) for (const key of COUNT_KEYS) total[key] += row[key];
  return total;
}

const rated = (counts: LeadFunnelCounts) => ({ ...counts, rates: leadFunnelRates(counts) });

export async function leadFunnel(deps: Pick<UseCaseDeps, "store">, ctx: RequestContext, request: LeadFunnelRequest) {
  const { tenantId } = ctx.auth;
  const campaigns = await deps.store.leadFunnel.listCampaigns(tenantId);
  if (request.campaignId !== null && !campaigns.some((campaign) => campaign.id === request.campaignId)) throw new ConveneError("NOT_FOUND", "No such campaign.");
  // The default window is the caller's last 30 local days, like the bookings analytics.
  const timeZone = (await deps.store.users.get(tenantId, ctx.auth.userId))?.timeZone ?? "UTC";
  const { fromMs, toMs } = analyticsWindow({ fromMs: request.fromMs, toMs: request.toMs, timeZone, nowMs: ctx.nowMs });
  const ownerUserId = ownUserIdOf(reachOf(ctx.auth, "analytics.read"));
  const rows = await deps.store.leadFunnel.countByCampaign(tenantId, { fromMs, toMs, campaignId: request.campaignId ?? undefined, ownerUserId });
  const countsOf = new Map(rows.map((row) => [row.campaignId, row.counts]));
  // Every campaign asked about gets a row, counted or not; leads without a campaign get theirs when there are any.
  // A member's funnel lists only the campaigns their own leads were active in (the others are the organisation's).
  const shown = campaigns.filter(
    (campaign) => (request.campaignId === null || campaign.id === request.campaignId) && (ownerUserId === undefined || countsOf.has(campaign.id)),
  );
  const campaignRows: ({ campaignId: string | null; name: string | null } & ReturnType<typeof rated>)[] = shown.map((campaign) => ({
    campaignId: campaign.id,
    name: campaign.name,
    ...rated(countsOf.get(campaign.id) ?? EMPTY_LEAD_FUNNEL),
  }));
  const withoutCampaign = countsOf.get(null);
  if (withoutCampaign) campaignRows.push({ campaignId: null, name: null, ...rated(withoutCampaign) });
  // Inbound sources are the managers' (inbound.read): a member's funnel covers their own leads and names none.
  const sources = ownerUserId === undefined ? await deps.store.leadFunnel.sourceHealth(tenantId) : [];
  return { fromMs, toMs, campaignId: request.campaignId, totals: rated(sumOf(rows.map((row) => row.counts))), campaigns: campaignRows, sources };
}
