// Leads in the dashboard: the API's shapes, the status labels and badge tones.
import type { paths } from "../../api/client";

export type Lead = paths["/api/v1/leads/{id}"]["get"]["responses"]["200"]["content"]["application/json"]["lead"];
export type LeadDetail = paths["/api/v1/leads/{id}"]["get"]["responses"]["200"]["content"]["application/json"];
export type LeadStatus = Lead["status"];
export type ImportReport = paths["/api/v1/leads/import"]["post"]["responses"]["200"]["content"]["application/json"];

export const LEADS_KEY = ["leads"] as const;
export const CAMPAIGNS_KEY = ["campaigns"] as const;

export const STATUS_LABELS: Record<LeadStatus, string> = {
  new: "New",
  contacted: "Contacted",
  replied: "Replied",
  interested: "Interested",
  not_interested: "Not interested",
  bounced: "Bounced",
  meeting_booked: "Meeting booked",
  meeting_cancelled: "Meeting cancelled",
  showed: "Showed",
  no_show: "No-show",
};

const TONES: Partial<Record<LeadStatus, string>> = {
  interested: "accent",
  meeting_booked: "accent",
  showed: "success",
  not_interested: "danger",
  bounced: "danger",
  no_show: "danger",
  meeting_cancelled: "warning",
};

export function statusTone(status: LeadStatus): string {
  return TONES[status] ?? "";
}
