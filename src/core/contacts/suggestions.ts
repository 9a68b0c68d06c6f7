// Contact suggestions from several accounts made into one short list: one
// entry per address (compared without case), the people whose name or
// address starts with what was typed first, then the rest in the order the
// providers ranked them.
import type { OAuthProviderKind } from "../calendars/connections.js";
import { OAUTH_SCOPES } from "../calendars/oauth-scopes.js";

/** Fewer characters match too many people to be worth a provider call. */
export const MIN_SUGGESTION_QUERY_CHARS = 3;
export const MAX_SUGGESTIONS = 10;

export type Suggestion = { name: string; email: string; source: OAuthProviderKind };

/** Whether some word of the text starts with the query (case-insensitive). */
function startsAWord(text: string, query: string): boolean {
  const lower = text.toLowerCase();
  return lower.startsWith(query) || lower.split(/[\s.@_-]+/).some((word) => word.startsWith(query));
}

/** Merges the providers' lists (each in its provider's order): deduplicated by address, exact prefix matches first, at most `limit`. */
export function rankSuggestions(query: string, lists: readonly Suggestion[][], limit = MAX_SUGGESTIONS): Suggestion[] {
  const wanted = query.trim().toLowerCase();
  const byEmail = new Map<string, Suggestion & { order: number }>();
  let order = 0;
  // Round-robin across providers, so one account's long list does not push the others out.
  const longest = Math.max(0, ...lists.map((list) => list.length));
  for (let i = 0; i < longest; i += 1) {
    for (const list of lists) {
      const suggestion = list[i];
      if (!suggestion) continue;
      const key = suggestion.email.trim().toLowerCase();
      if (key === "") continue;
      const seen = byEmail.get(key);
      // A later duplicate only lends its name when the first had none.
      if (seen) {
        if (!seen.name && suggestion.name) seen.name = suggestion.name;
        continue;
      }
      byEmail.set(key, { ...suggestion, email: suggestion.email.trim(), order: order++ });
    }
  }
  const rank = (suggestion: Suggestion) => (suggestion.name.toLowerCase().startsWith(wanted) || suggestion.email.toLowerCase().startsWith(wanted) ? 0 : startsAWord(suggestion.name, wanted) ? 1 : 2);
  return [...byEmail.values()]
    .sort((a, b) => rank(a) - rank(b) || a.order - b.order)
    .slice(0, limit)
    .map(({ name, email, source }) => ({ name, email, source }));
}

/** Whether a grant's scopes include what creating contacts needs (Microsoft may answer scopes with the Graph resource prefix, in any case). */
export function grantsCreateContacts(kind: OAuthProviderKind, grantedScopes: readonly string[]): boolean {
  const granted = new Set(grantedScopes.map((scope) => scope.replace(/^https:\/\/graph\.microsoft\.com\//i, "").toLowerCase()));
  return OAUTH_SCOPES[kind].createContacts.every((scope) => granted.has(scope.toLowerCase()));
}
