// Renames or describes a campaign (only the fields sent); the name stays unique in any case.
import { changedFields, hasChanges } from "../../core/changes.js";
import { ConveneError } from "../../core/errors.js";
import type { CampaignFields, CampaignRecord } from "../ports/campaigns.js";
import type { UseCaseDeps } from "../ports/store.js";
import { recordAudit, type RequestContext } from "../request-context.js";

export async function updateCampaign(deps: UseCaseDeps, ctx: RequestContext, campaignId: string, sent: Partial<CampaignFields>): Promise<CampaignRecord> {
  return deps.store.transaction(async (repos) => {
    const before = await repos.campaigns.get(ctx.auth.tenantId, campaignId);
    if (!before) throw new ConveneError("NOT_FOUND", "No such campaign.");
    const changed = changedFields(before, sent, ["name", "description"]);
    if (!hasChanges(changed)) return before;
    const after = await repos.campaigns.update(ctx.auth.tenantId, campaignId, Object.fromEntries(Object.keys(changed).map((key) => [key, sent[key as keyof CampaignFields]])));
    if (!after) throw new ConveneError("NOT_FOUND", "No such campaign.");
    await recordAudit(repos, ctx, "campaign.updated", { type: "campaign", id: campaignId }, changed);
    return after;
  });
}
