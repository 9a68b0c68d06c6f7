// Creates a campaign; its name is unique in the organisation in any case (CAMPAIGN_NAME_TAKEN).
import type { CampaignFields, CampaignRecord } from "../ports/campaigns.js";
import type { UseCaseDeps } from "../ports/store.js";
import { recordAudit, type RequestContext } from "../request-context.js";

export async function createCampaign(deps: UseCaseDeps, ctx: RequestContext, fields: CampaignFields): Promise<CampaignRecord> {
  return deps.store.transaction(async (repos) => {
    const campaign = await repos.campaigns.create(ctx.auth.tenantId, fields, ctx.nowMs);
    await recordAudit(repos, ctx, "campaign.created", { type: "campaign", id: campaign.id }, { name: campaign.name });
    return campaign;
  });
}
