// Deletes a lead with its events, transitions and matches (they cascade); the
// bookings stay, and an attendee of theirs may be matched again later.
import type { UseCaseDeps } from "../ports/store.js";
import { recordAudit, type RequestContext } from "../request-context.js";
import { reachableLead } from "./lead-reach.js";

export async function deleteLead(deps: UseCaseDeps, ctx: RequestContext, leadId: string): Promise<void> {
  await deps.store.transaction(async (repos) => {
    const lead = await reachableLead(repos, ctx, leadId, "write");
    await repos.leads.delete(ctx.auth.tenantId, leadId);
    await recordAudit(repos, ctx, "lead.deleted", { type: "lead", id: leadId }, { email: lead.email });
  });
}
