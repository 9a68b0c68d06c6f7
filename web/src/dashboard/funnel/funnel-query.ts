// The lead funnel and the unmatched queue as the dashboard asks for them. The
// server counts and rates; the browser only shows.
import { api, unwrap, type paths } from "../../api/client";

export type LeadFunnel = paths["/api/v1/funnel"]["get"]["responses"][200]["content"]["application/json"];
export type FunnelStages = LeadFunnel["totals"];
export type UnmatchedEntry = paths["/api/v1/unmatched"]["get"]["responses"][200]["content"]["application/json"]["items"][number];

/** from / to as ISO instants (to exclusive); campaignId null: every campaign. */
export function leadFunnelQuery(window: { from: string; to: string }, campaignId: string | null) {
  return {
    queryKey: ["lead-funnel", window.from, window.to, campaignId],
    queryFn: () => unwrap(api.GET("/api/v1/funnel", { params: { query: { from: window.from, to: window.to, ...(campaignId ? { campaignId } : {}) } } })),
  };
}

export const UNMATCHED_KEY = ["unmatched"] as const;

export const unmatchedQuery = {
  queryKey: UNMATCHED_KEY,
  queryFn: async () => (await unwrap(api.GET("/api/v1/unmatched"))).items,
};

export const PROVIDER_NAMES: Record<LeadFunnel["sources"][number]["provider"], string> = { calcom: "Cal.com", calendly: "Calendly" };
export const SOURCE_NAMES: Record<UnmatchedEntry["booking"]["source"], string> = { convene: "Convene", calcom: "Cal.com", calendly: "Calendly" };
