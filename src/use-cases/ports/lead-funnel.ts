// The lead funnel counted in the database (distinct leads per stage, grouped
// by the lead's campaign), and the inbound sources' health the funnel page
// warns with.
import type { LeadFunnelCounts } from "../../core/funnel/lead-funnel.js";
import type { InboundProvider } from "../../core/inbound/external-booking.js";
import type { TenantId } from "../../core/tenancy.js";

export type LeadFunnelQuery = {
  fromMs: number;
  toMs: number;
  /** Only leads of this campaign; undefined: all. */
  campaignId?: string | undefined;
  /** Only leads this user owns (a member's own); undefined: everyone's. */
  ownerUserId?: string | undefined;
};

/** One row per campaign with counted leads; campaignId null: leads without a campaign. */
export type LeadFunnelRow = { campaignId: string | null; campaignName: string | null; counts: LeadFunnelCounts };

export type InboundSourceHealth = { id: string; name: string; provider: InboundProvider; lastBackfillAtMs: number | null; unreachableSinceMs: number | null };

export interface LeadFunnelRepository {
  countByCampaign(tenantId: TenantId, query: LeadFunnelQuery): Promise<LeadFunnelRow[]>;
  /** Every campaign of the organisation (rows for campaigns nobody reached yet), by name. */
  listCampaigns(tenantId: TenantId): Promise<{ id: string; name: string }[]>;
  sourceHealth(tenantId: TenantId): Promise<InboundSourceHealth[]>;
}
