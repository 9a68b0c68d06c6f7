// Leads and the funnel for agents doing outreach: find_lead and get_funnel.
// They are always listed (a stateless server cannot announce tools appearing
// when the first lead arrives, and clients cache the list); without leads they
// answer an empty result that says where leads come from.
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { LEAD_STATUSES } from "../core/leads/lead-status.js";
import { formatIsoInstant } from "../core/time/iso-instant.js";
import { listLeads } from "../use-cases/leads/get-lead.js";
import { leadFunnel } from "../use-cases/leads/lead-funnel.js";
import { instantMsOf, isoInstantArg } from "./meeting-view.js";
import { registerConveneTool, type ToolSession } from "./tool-results.js";

const NO_LEADS_HINT = "No lead matches. Leads are added in the dashboard, by POST /api/v1/leads or by an import; a prospect who is not a lead can still get create_booking_link with a recipient.";

const leadView = z.object({
  id: z.string().describe("Pass as leadId to create_booking_link"),
  email: z.string(),
  name: z.string().nullable(),
  company: z.string().nullable(),
  status: z.enum(LEAD_STATUSES).describe("Where the lead is: outreach stages, then booked / showed …"),
  campaignId: z.string().nullable(),
  ownerUserId: z.string().nullable(),
});

export function registerLeadTools(server: McpServer, session: ToolSession): void {
  const { deps } = session;

  registerConveneTool(server, session, {
    name: "find_lead",
    title: "Find a lead",
    description: "Leads you may see whose name, email or company contains the query (newest first), with their status. Empty when there are none: then book the prospect directly.",
    permission: "leads.read",
    input: {
      query: z.string().trim().min(1).max(200).describe("Part of the lead's name, email address or company"),
      status: z.enum(LEAD_STATUSES).optional(),
      limit: z.number().int().min(1).max(50).default(10),
    },
    output: { leads: z.array(leadView), hint: z.string().nullable() },
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    run: async (args, ctx) => {
      const page = await listLeads(deps, ctx, { query: args.query, status: args.status, limit: args.limit });
      const leads = page.leads.map((lead) => ({ id: lead.id, email: lead.email, name: lead.name, company: lead.company, status: lead.status, campaignId: lead.campaignId, ownerUserId: lead.ownerUserId }));
      const hint = leads.length === 0 ? NO_LEADS_HINT : null;
      return { structured: { leads, hint }, text: hint ?? leads.map((lead) => `${lead.name ?? lead.email} <${lead.email}> (${lead.id}): ${lead.status}`).join("\n") };
    },
  });

  const counts = z.record(z.string(), z.unknown()).describe("Counts per stage (sent … showed) and their rates");
  registerConveneTool(server, session, {
    name: "get_funnel",
    title: "Lead funnel",
    description: "How leads convert over a window (default your last 30 days): counts per stage and rates, in total and per campaign.",
    permission: "analytics.read",
    input: {
      from: isoInstantArg.optional().describe("Window start, ISO 8601 instant with offset"),
      to: isoInstantArg.optional().describe("Window end"),
      campaignId: z.uuid().optional(),
    },
    output: {
      from: z.string(),
      to: z.string(),
      totals: counts,
      campaigns: z.array(z.object({ campaignId: z.string().nullable(), name: z.string().nullable(), counts })),
    },
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    run: async (args, ctx) => {
      const funnel = await leadFunnel(deps, ctx, {
        fromMs: args.from === undefined ? null : instantMsOf(args.from),
        toMs: args.to === undefined ? null : instantMsOf(args.to),
        campaignId: args.campaignId ?? null,
      });
      const structured = {
        from: formatIsoInstant(funnel.fromMs),
        to: formatIsoInstant(funnel.toMs),
        totals: funnel.totals as Record<string, unknown>,
        campaigns: funnel.campaigns.map(({ campaignId, name, ...rest }) => ({ campaignId, name, counts: rest as Record<string, unknown> })),
      };
      return { structured, text: `Funnel ${structured.from} – ${structured.to}: ${JSON.stringify(funnel.totals)}` };
    },
  });
}
