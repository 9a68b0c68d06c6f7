// A lead's status and what it is derived from (core/leads/lead-status.ts), and
// the record of every change: what the outreach events, the matched bookings
// and the owner write through use-cases/leads/apply-lead-input.ts.
import type { LeadTransitionCause } from "../../core/leads/lead-matching.js";
import type { LeadState, LeadStatus } from "../../core/leads/lead-status.js";
import type { TenantId } from "../../core/tenancy.js";

export type LeadTransition = { from: LeadStatus; to: LeadStatus; cause: LeadTransitionCause; causeRef: string | null; atMs: number };

export interface LeadStateRepository {
  /** The lead's state, its row locked until the transaction ends (changes to one lead queue up); null: no such lead. */
  getForUpdate(tenantId: TenantId, leadId: string): Promise<LeadState | null>;
  /** Stores the state and its status; when the status changed, the transition too (status_changed_at = its time). */
  save(tenantId: TenantId, leadId: string, state: LeadState, transition: LeadTransition | null): Promise<void>;
  /** The lead's transitions, oldest first (its timeline). */
  listTransitions(tenantId: TenantId, leadId: string): Promise<(LeadTransition & { id: number })[]>;
}
