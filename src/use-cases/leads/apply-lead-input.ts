// The one way a lead's status changes: lock the lead, let core decide, store
// the state and the transition with its cause. Outreach events, the leads
// channel (matched bookings) and the owner all call this inside their own
// transaction, so a lead's changes queue up on its row.
import type { LeadTransitionCause } from "../../core/leads/lead-matching.js";
import { leadStateAfter, statusOf, transitionOf, type LeadInput, type LeadStatus } from "../../core/leads/lead-status.js";
import type { TenantId } from "../../core/tenancy.js";
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
  return { status: statusOf(after), isChanged: transition !== null };
}
