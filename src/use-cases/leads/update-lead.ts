// Changes a lead's fields (only those sent). Its status is not a field: it
// moves with outreach events and bookings (apply-lead-input.ts).
import { changedFields, hasChanges } from "../../core/changes.js";
import { ConveneError } from "../../core/errors.js";
import { emailKeyOf } from "../../core/leads/lead-matching.js";
import type { LeadFields, LeadRecord } from "../ports/leads.js";
import type { UseCaseDeps } from "../ports/store.js";
import { recordAudit, type RequestContext } from "../request-context.js";
import { checkedCampaignId, leadOwnerFor, reachableLead } from "./lead-reach.js";

const EDITABLE = ["email", "name", "company", "title", "campaignId", "ownerUserId", "customFields"] as const satisfies readonly (keyof LeadFields)[];

export async function updateLead(deps: UseCaseDeps, ctx: RequestContext, leadId: string, sent: Partial<LeadFields>): Promise<LeadRecord> {
  const { tenantId } = ctx.auth;
  return deps.store.transaction(async (repos) => {
    const before = await reachableLead(repos, ctx, leadId, "write");
    const changes = { ...sent };
    if (sent.ownerUserId !== undefined) changes.ownerUserId = sent.ownerUserId === before.ownerUserId ? before.ownerUserId : await leadOwnerFor(repos, ctx, sent.ownerUserId);
    if (sent.campaignId !== undefined) changes.campaignId = (await checkedCampaignId(repos, ctx, sent.campaignId)) ?? null;
    const changed = changedFields(before, changes, EDITABLE);
    if (!hasChanges(changed)) return before;
    if (changed["email"] && emailKeyOf(changes.email!) !== before.emailKey) {
      const [other] = await repos.leads.findByEmailKeys(tenantId, [emailKeyOf(changes.email!)]);
      if (other) throw new ConveneError("LEAD_EMAIL_TAKEN", `A lead with the email ${changes.email} already exists (${other.id}).`, { details: { leadId: other.id } });
    }
    const after = await repos.leads.update(tenantId, leadId, Object.fromEntries(Object.keys(changed).map((key) => [key, changes[key as keyof LeadFields]])), ctx.nowMs);
    if (!after) throw new ConveneError("NOT_FOUND", "No such lead.");
    await recordAudit(repos, ctx, "lead.updated", { type: "lead", id: leadId }, changed);
    return after;
  });
}
