// Reading leads: a page of the list (newest first, cursor opaque to clients)
// and one lead with its timeline: outreach events, status changes with their
// causes, and the bookings matched to it.
import type { LeadTransition } from "../ports/lead-states.js";
import type { LeadEventRecord } from "../ports/lead-events.js";
import type { LeadBooking, LeadListFilter, LeadRecord } from "../ports/leads.js";
import type { UseCaseDeps } from "../ports/store.js";
import type { RequestContext } from "../request-context.js";
import { ownUserIdOf, reachOf } from "../auth/reach.js";
import { reachableLead } from "./lead-reach.js";

export type LeadCursor = NonNullable<LeadListFilter["cursor"]>;

export function encodeLeadCursor(cursor: LeadCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAtMs, cursor.id])).toString("base64url");
}

/** The cursor a previous page handed out, or null when the text is not one. */
export function decodeLeadCursor(text: string): LeadCursor | null {
  try {
    const [createdAtMs, id] = JSON.parse(Buffer.from(text, "base64url").toString("utf8")) as [unknown, unknown];
    if (typeof createdAtMs === "number" && typeof id === "string" && /^[0-9a-f-]{36}$/.test(id)) return { createdAtMs, id };
  } catch {
    // not JSON: not ours
  }
  return null;
}

export async function listLeads(deps: UseCaseDeps, ctx: RequestContext, filter: Omit<LeadListFilter, "ownerUserId">): Promise<{ leads: LeadRecord[]; nextCursor: string | null }> {
  const leads = await deps.store.leads.list(ctx.auth.tenantId, { ...filter, ownerUserId: ownUserIdOf(reachOf(ctx.auth, "leads.read")) });
  const last = leads.at(-1);
  // A full page may have more behind it; a short one is the last.
  return { leads, nextCursor: leads.length === filter.limit && last ? encodeLeadCursor({ createdAtMs: last.createdAt.getTime(), id: last.id }) : null };
}

export type LeadWithTimeline = { lead: LeadRecord; events: LeadEventRecord[]; transitions: (LeadTransition & { id: number })[]; bookings: LeadBooking[] };

export async function getLead(deps: UseCaseDeps, ctx: RequestContext, leadId: string): Promise<LeadWithTimeline> {
  const { store } = deps;
  const lead = await reachableLead(store, ctx, leadId, "read");
  const tenantId = ctx.auth.tenantId;
  const [events, transitions, bookings] = await Promise.all([
    store.leadEvents.listForLead(tenantId, leadId),
    store.leadStates.listTransitions(tenantId, leadId),
    store.leads.listBookings(tenantId, leadId),
  ]);
  return { lead, events, transitions, bookings };
}
