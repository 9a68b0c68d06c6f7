// Reading the organisation's campaigns (everyone files leads under them).
import { ConveneError } from "../../core/errors.js";
import type { CampaignRecord } from "../ports/campaigns.js";
import type { UseCaseDeps } from "../ports/store.js";
import type { RequestContext } from "../request-context.js";

export async function getCampaign(deps: UseCaseDeps, ctx: RequestContext, campaignId: string): Promise<CampaignRecord> {
  const campaign = await deps.store.campaigns.get(ctx.auth.tenantId, campaignId);
  if (!campaign) throw new ConveneError("NOT_FOUND", "No such campaign.");
  return campaign;
}

export async function listCampaigns(deps: UseCaseDeps, ctx: RequestContext): Promise<CampaignRecord[]> {
  return deps.store.campaigns.list(ctx.auth.tenantId);
}
