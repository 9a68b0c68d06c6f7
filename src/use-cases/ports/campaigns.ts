// Campaigns group leads by the outreach that reached them; a name is unique
// per organisation in any case.
import type { TenantId } from "../../core/tenancy.js";

export type CampaignFields = { name: string; description: string | null };
export type CampaignRecord = CampaignFields & { id: string; tenantId: string; createdAt: Date };

export interface CampaignRepository {
  /** Throws CAMPAIGN_NAME_TAKEN when another campaign has the name in any case. */
  create(tenantId: TenantId, fields: CampaignFields, nowMs: number): Promise<CampaignRecord>;
  get(tenantId: TenantId, campaignId: string): Promise<CampaignRecord | null>;
  /** By name, oldest first. */
  list(tenantId: TenantId): Promise<CampaignRecord[]>;
  /** Throws CAMPAIGN_NAME_TAKEN like create; null: no such campaign. */
  update(tenantId: TenantId, campaignId: string, changes: Partial<CampaignFields>): Promise<CampaignRecord | null>;
  /** The campaigns with these names (any case), created when missing; keyed by the lower-cased name. */
  ensureByNames(tenantId: TenantId, names: string[], nowMs: number): Promise<Map<string, string>>;
}
