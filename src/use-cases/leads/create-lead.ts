// Creates one lead: its email unique in the organisation (LEAD_EMAIL_TAKEN
// names the lead that has it), filed under a campaign and an owner.
import type { LeadFields, LeadRecord } from "../ports/leads.js";
import type { UseCaseDeps } from "../ports/store.js";
import { recordAudit, type RequestContext } from "../request-context.js";
import { checkedCampaignId, leadOwnerFor } from "./lead-reach.js";
import { claimEarlierBookings } from "./claim-earlier-bookings.js";

export type LeadInput = Omit<LeadFields, "ownerUserId" | "campaignId"> & { ownerUserId?: string | null | undefined; campaignId?: string | null | undefined };

export async function createLead(deps: UseCaseDeps, ctx: RequestContext, input: LeadInput): Promise<LeadRecord> {
  return deps.store.transaction(async (repos) => {
    const ownerUserId = await leadOwnerFor(repos, ctx, input.ownerUserId);
    const campaignId = (await checkedCampaignId(repos, ctx, input.campaignId)) ?? null;
    const lead = await repos.leads.create(ctx.auth.tenantId, { ...input, ownerUserId, campaignId }, ctx.nowMs);
    // A lead made after its booking takes that booking over (the unmatched queue had it).
    await claimEarlierBookings(repos, ctx.auth.tenantId, [lead.id], ctx.nowMs);
    await recordAudit(repos, ctx, "lead.created", { type: "lead", id: lead.id }, { email: lead.email, campaignId, ownerUserId });
    return lead;
  });
}
