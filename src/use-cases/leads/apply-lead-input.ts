// The one way a lead's status changes: lock the lead, let core decide, store
// the state and the transition with its cause. Outreach events, the leads
// channel (matched bookings) and the owner all call this inside their own
// transaction, so a lead's changes queue up on its row; each status change is
// also a lead.status_changed organisation event (outbound webhooks).
import type { LeadTransitionCause } from "../../core/leads/lead-matching.js";
import { leadStateAfter, statusOf, transitionOf, type LeadInput, type LeadStatus } from "../../core/leads/lead-status.js";
import type { TenantId } from "../../core/tenancy.js";
import { subjectOfLead } from "../../core/org-events/org-events.js";
import type { LeadTransition } from "../ports/lead-states.js";
import type { Repositories } from "../ports/store.js";

export type LeadCause = { cause: LeadTransitionCause; causeRef: string | null; atMs: number };

/** Returns the lead's status after the input and whether it changed; null when the lead no longer exists. */
export async function applyLeadInput(
  repos: Repositories,
  tenantId: TenantId,
  leadId: string,
  input: LeadInput,
  cause: LeadCause,
): Promise<{ status: LeadStatus; isChanged: boolean } | null> {
  const before = await repos.leadStates.getForUpdate(tenantId, leadId);
  if (!before) return null;
  const after = leadStateAfter(before, input);
  const transition = transitionOf(before, after);
  await repos.leadStates.save(tenantId, leadId, after, transition && { ...transition, ...cause });
  if (transition) await recordStatusChanged(repos, tenantId, leadId, { ...transition, ...cause });
  return { status: statusOf(after), isChanged: transition !== null };
}

/** The transition as an organisation event, in this transaction (the lead's row is held, so its sequence is safe): webhooks hear of it once it commits. */
async function recordStatusChanged(repos: Repositories, tenantId: TenantId, leadId: string, transition: LeadTransition): Promise<void> {
  const lead = await repos.leads.get(tenantId, leadId);
  if (!lead) return;
  const campaign = lead.campaignId ? await repos.campaigns.get(tenantId, lead.campaignId) : null;
  await repos.orgEvents.append(tenantId, {
    subject: subjectOfLead(leadId),
    type: "lead.status_changed",
    facts: {
      lead: { id: lead.id, email: lead.email, name: lead.name, company: lead.company, campaign: campaign ? { id: campaign.id, name: campaign.name } : null },
      from: transition.from,
      to: transition.to,
      cause: transition.cause,
      causeRef: transition.causeRef,
    },
    occurredAtMs: transition.atMs,
  });
}
