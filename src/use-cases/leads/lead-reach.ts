// Which leads a caller reaches, and whom they may file a lead under. A member's
// own leads are the ones they own; another's lead is answered as NOT_FOUND,
// like one of another organisation. A member's new lead is theirs.
import { ConveneError } from "../../core/errors.js";
import { reachOf } from "../auth/reach.js";
import type { LeadRecord } from "../ports/leads.js";
import type { Repositories } from "../ports/store.js";
import type { RequestContext } from "../request-context.js";

export async function reachableLead(repos: Pick<Repositories, "leads">, ctx: RequestContext, leadId: string, access: "read" | "write"): Promise<LeadRecord> {
  const lead = await repos.leads.get(ctx.auth.tenantId, leadId);
  const reach = reachOf(ctx.auth, access === "read" ? "leads.read" : "leads.write");
  if (!lead || (reach.scope === "own" && lead.ownerUserId !== reach.userId)) throw new ConveneError("NOT_FOUND", "No such lead.");
  return lead;
}

function invalid(path: string, message: string): ConveneError {
  return new ConveneError("VALIDATION_FAILED", `${path}: ${message}`, { details: { errors: [{ path, message }] } });
}

/** The lead's owner: the one asked for if the caller may choose and they are in the organisation; the caller by default (and always, for a member). */
export async function leadOwnerFor(repos: Pick<Repositories, "users">, ctx: RequestContext, requested: string | null | undefined): Promise<string> {
  const reach = reachOf(ctx.auth, "leads.write");
  if (requested === undefined || requested === null) return ctx.auth.userId;
  if (reach.scope === "own" && requested !== reach.userId) throw invalid("body.ownerUserId", "a member files leads under themselves only");
  if (!(await repos.users.get(ctx.auth.tenantId, requested))) throw invalid("body.ownerUserId", "is not a member of the organisation");
  return requested;
}

/** The campaign exists in the organisation (null: none). */
export async function checkedCampaignId(repos: Pick<Repositories, "campaigns">, ctx: RequestContext, campaignId: string | null | undefined): Promise<string | null | undefined> {
  if (!campaignId) return campaignId;
  if (!(await repos.campaigns.get(ctx.auth.tenantId, campaignId))) throw invalid("body.campaignId", "is not a campaign of the organisation");
  return campaignId;
}
