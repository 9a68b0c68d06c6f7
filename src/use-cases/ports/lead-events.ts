// What outreach tools report about leads. The client's id makes a batch safe
// to send again: an event is stored once per organisation and id, however
// often and however concurrently it arrives.
import type { LeadEventType } from "../../core/leads/lead-status.js";
import type { TenantId } from "../../core/tenancy.js";

export type LeadEventFields = { clientId: string; leadId: string; type: LeadEventType; atMs: number; campaignId: string | null };
export type LeadEventRecord = LeadEventFields & { id: number; receivedAt: Date };

export interface LeadEventRepository {
  /**
   * Stores the events whose client id is new (ON CONFLICT DO NOTHING: a concurrent twin waits for the
   * first and then stores nothing); answers the stored ones only.
   */
  insertNew(tenantId: TenantId, events: LeadEventFields[], nowMs: number): Promise<LeadEventRecord[]>;
  /** Stored events by client id. */
  findByClientIds(tenantId: TenantId, clientIds: string[]): Promise<LeadEventRecord[]>;
  /** The lead's events, oldest first (its timeline). */
  listForLead(tenantId: TenantId, leadId: string): Promise<LeadEventRecord[]>;
}
