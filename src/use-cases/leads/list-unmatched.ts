// The unmatched queue: attendees no lead matched, newest first, each with its
// booking's summary and the leads it may be (ranked in core). A member sees
// the attendees of bookings they host and suggestions among their own leads.
import { suggestLeads, suggestionKeysOf, type SuggestionReason } from "../../core/leads/lead-suggestions.js";
import { ownUserIdOf, reachOf } from "../auth/reach.js";
import type { LeadSummary, UnmatchedEntry } from "../ports/lead-matches.js";
import type { UseCaseDeps } from "../ports/store.js";
import type { RequestContext } from "../request-context.js";

/** The queue shows this many; the owner works through it from the top. */
export const UNMATCHED_PAGE = 100;
/** Candidates read for one page of entries; suggestions keep the best few per entry. */
const CANDIDATE_LIMIT = 500;

export type UnmatchedView = UnmatchedEntry & { suggestions: (LeadSummary & { reason: SuggestionReason })[] };

export async function listUnmatched(deps: Pick<UseCaseDeps, "store">, ctx: RequestContext): Promise<UnmatchedView[]> {
  const { tenantId } = ctx.auth;
  const ownUserId = ownUserIdOf(reachOf(ctx.auth, "leads.read"));
  const entries = await deps.store.leadMatches.listOpen(tenantId, { limit: UNMATCHED_PAGE, hostUserId: ownUserId });
  const keys = entries.map(suggestionKeysOf);
  const names = [...new Set(keys.flatMap((key) => (key.name ? [key.name] : [])))];
  const domains = [...new Set(keys.flatMap((key) => (key.domain ? [key.domain] : [])))];
  const candidates = await deps.store.leadMatches.suggestionCandidates(tenantId, { names, domains, ownerUserId: ownUserId }, CANDIDATE_LIMIT);
  const leadsById = new Map((await deps.store.leadMatches.getLeads(tenantId, candidates.map((candidate) => candidate.id))).map((lead) => [lead.id, lead]));
  return entries.map((entry) => ({
    ...entry,
    suggestions: suggestLeads({ email: entry.email, name: entry.name, company: entry.booking.company }, candidates).flatMap((suggestion) => {
      const lead = leadsById.get(suggestion.leadId);
      return lead ? [{ ...lead, reason: suggestion.reason }] : [];
    }),
  }));
}
