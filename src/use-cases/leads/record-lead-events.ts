// Takes a batch of outreach events from any outreach tool or script. Each
// event is stored once per organisation and client id: a batch sent again,
// even concurrently, stores nothing twice and is answered as before. An
// address with no lead yet creates one (in the event's campaign). New events
// move their leads' status through applyLeadInput, oldest first, all in one
// transaction.
import { ConveneError } from "../../core/errors.js";
import { emailKeyOf } from "../../core/leads/lead-matching.js";
import type { LeadEventType, LeadStatus } from "../../core/leads/lead-status.js";
import { reachOf } from "../auth/reach.js";
import type { UseCaseDeps } from "../ports/store.js";
import type { RequestContext } from "../request-context.js";
import { applyLeadInput } from "./apply-lead-input.js";
import { campaignIdsOf } from "./campaign-refs.js";
import { claimEarlierBookings } from "./claim-earlier-bookings.js";

/** One call's worth: enough for any tool's page of events, small enough for one transaction. */
export const MAX_LEAD_EVENTS_PER_BATCH = 1000;

export type LeadEventInput = { id: string; email: string; type: LeadEventType; atMs: number; campaign?: string | undefined };
export type LeadEventOutcome = { id: string; leadId: string; status: LeadStatus; isDuplicate: boolean };

export async function recordLeadEvents(deps: UseCaseDeps, ctx: RequestContext, items: LeadEventInput[]): Promise<{ outcomes: LeadEventOutcome[]; createdLeadIds: string[] }> {
  const { tenantId, userId } = ctx.auth;
  const reach = reachOf(ctx.auth, "leads.write");
  return deps.store.transaction(async (repos) => {
    const stored = new Map((await repos.leadEvents.findByClientIds(tenantId, items.map((item) => item.id))).map((event) => [event.clientId, event]));
    const fresh = items.filter((item) => !stored.has(item.id));
    const campaignIds = await campaignIdsOf(repos, ctx, fresh.map((item) => item.campaign));
    // The first event of an address names the campaign a new lead is filed under.
    const firstByKey = new Map<string, LeadEventInput>();
    for (const item of fresh) if (!firstByKey.has(emailKeyOf(item.email))) firstByKey.set(emailKeyOf(item.email), item);
    const ensured = await repos.leads.ensureByEmail(
      tenantId,
      [...firstByKey.entries()].map(([emailKey, item]) => ({ email: item.email.trim(), emailKey, campaignId: campaignIds.get(item.campaign ?? "") ?? null, ownerUserId: userId })),
      ctx.nowMs,
    );
    const leadByKey = new Map(ensured.map((lead) => [lead.emailKey, lead]));
    await claimEarlierBookings(repos, tenantId, ensured.filter((lead) => lead.isCreated).map((lead) => lead.id), ctx.nowMs);
    if (reach.scope === "own") {
      const foreign = ensured.find((lead) => lead.ownerUserId !== reach.userId);
      if (foreign) throw new ConveneError("NOT_FOUND", `No lead of yours has the email ${foreign.emailKey}.`);
    }
    const inserted = await repos.leadEvents.insertNew(
      tenantId,
      fresh.map((item) => ({ clientId: item.id, leadId: leadByKey.get(emailKeyOf(item.email))!.id, type: item.type, atMs: item.atMs, campaignId: campaignIds.get(item.campaign ?? "") ?? null })),
      ctx.nowMs,
    );
    // Within the batch, in the order the outreach happened (the id breaks ties: the order they were sent in).
    const toApply = [...inserted].sort((a, b) => a.atMs - b.atMs || a.id - b.id);
    for (const event of toApply) {
      await applyLeadInput(repos, tenantId, event.leadId, { kind: "lead_event", type: event.type, atMs: event.atMs }, { cause: "lead_event", causeRef: String(event.id), atMs: event.atMs });
    }
    const newIds = new Set(inserted.map((event) => event.clientId));
    // A twin batch stored some of these meanwhile (or the batch named an id twice): answered as duplicates.
    const raced = items.filter((item) => !newIds.has(item.id) && !stored.has(item.id)).map((item) => item.id);
    for (const event of await repos.leadEvents.findByClientIds(tenantId, raced)) stored.set(event.clientId, event);
    for (const event of inserted) stored.set(event.clientId, event);
    const leadIds = [...new Set([...stored.values()].map((event) => event.leadId))];
    const statusById = new Map((await repos.leads.getMany(tenantId, leadIds)).map((lead) => [lead.id, lead.status]));
    const answered = new Set<string>();
    const outcomes = items.map((item) => {
      const event = stored.get(item.id)!;
      const isDuplicate = !newIds.has(item.id) || answered.has(item.id);
      answered.add(item.id);
      return { id: item.id, leadId: event.leadId, status: statusById.get(event.leadId) ?? "new", isDuplicate };
    });
    return { outcomes, createdLeadIds: ensured.filter((lead) => lead.isCreated).map((lead) => lead.id) };
  });
}
