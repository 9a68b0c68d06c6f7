// The owner resolves an unmatched attendee: confirms the lead it is (the
// booking is matched to the lead and the lead follows it) or dismisses it
// (not a lead). The entry's row is held, so two owners resolving it at once
// get one answer and one UNMATCHED_ALREADY_RESOLVED. Audited.
import { ConveneError } from "../../core/errors.js";
import type { TenantId } from "../../core/tenancy.js";
import { reachOf, type Reach } from "../auth/reach.js";
import type { UnmatchedRecord } from "../ports/lead-matches.js";
import type { Repositories, UseCaseDeps } from "../ports/store.js";
import { recordAudit, type RequestContext } from "../request-context.js";
import { applyLeadInput } from "./apply-lead-input.js";

/** The open entry, held; another organisation's (or, for a member, one of a booking they do not host) is NOT_FOUND. */
async function openEntryInReach(repos: Repositories, tenantId: TenantId, reach: Reach, entryId: string): Promise<UnmatchedRecord> {
  const entry = await repos.leadMatches.getForUpdate(tenantId, entryId);
  if (!entry || (reach.scope === "own" && !(await repos.leadMatches.isHostOf(tenantId, entry.bookingId, reach.userId)))) {
    throw new ConveneError("NOT_FOUND", "No such unmatched attendee.");
  }
  if (entry.state !== "open") throw new ConveneError("UNMATCHED_ALREADY_RESOLVED", `This attendee was already ${entry.state}.`, { details: { state: entry.state } });
  return entry;
}

export async function confirmUnmatched(deps: Pick<UseCaseDeps, "store">, ctx: RequestContext, entryId: string, leadId: string): Promise<{ id: string; leadId: string; bookingId: string }> {
  const { tenantId, userId } = ctx.auth;
  const reach = reachOf(ctx.auth, "leads.write");
  return deps.store.transaction(async (repos) => {
    const entry = await openEntryInReach(repos, tenantId, reach, entryId);
    const [lead] = await repos.leadMatches.getLeads(tenantId, [leadId]);
    if (!lead || (reach.scope === "own" && lead.ownerUserId !== reach.userId)) throw new ConveneError("LEAD_NOT_FOUND", "body.leadId: no such lead.");
    const booking = await repos.bookings.get(tenantId, entry.bookingId);
    if (!booking) throw new ConveneError("NOT_FOUND", "No such unmatched attendee.");
    await repos.leadMatches.addBookingLeads(tenantId, booking.id, [{ leadId, attendeeEmail: entry.email, matchedBy: "confirmed" }], ctx.nowMs);
    await repos.leadMatches.resolve(tenantId, entry.id, { state: "confirmed", leadId, byUserId: userId, atMs: ctx.nowMs });
    const latest = { bookingId: booking.id, createdAtMs: booking.createdAt.getTime(), status: booking.status };
    await applyLeadInput(repos, tenantId, leadId, { kind: "booking", booking: latest }, { cause: "owner", causeRef: userId, atMs: ctx.nowMs });
    await recordAudit(repos, ctx, "unmatched.confirmed", { type: "booking", id: booking.id }, { entryId: entry.id, email: entry.email, leadId });
    return { id: entry.id, leadId, bookingId: booking.id };
  });
}

export async function dismissUnmatched(deps: Pick<UseCaseDeps, "store">, ctx: RequestContext, entryId: string): Promise<{ id: string; bookingId: string }> {
  const { tenantId, userId } = ctx.auth;
  const reach = reachOf(ctx.auth, "leads.write");
  return deps.store.transaction(async (repos) => {
    const entry = await openEntryInReach(repos, tenantId, reach, entryId);
    await repos.leadMatches.resolve(tenantId, entry.id, { state: "dismissed", leadId: null, byUserId: userId, atMs: ctx.nowMs });
    await recordAudit(repos, ctx, "unmatched.dismissed", { type: "booking", id: entry.bookingId }, { entryId: entry.id, email: entry.email });
    return { id: entry.id, bookingId: entry.bookingId };
  });
}
