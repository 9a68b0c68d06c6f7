// Leads to suggest for an attendee no lead matched: the same name (and
// company, when the booking says one), or an address at the same company
// domain. Public mail domains say nothing about a company, so they suggest
// nothing. Pure: callers load the candidates (see suggestionKeysOf).
import { emailKeyOf } from "./lead-matching.js";

/** Mailbox providers whose domain is shared by strangers; a small list of the common ones, not a complete one. */
export const PUBLIC_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  "gmail.com",
  "googlemail.com",
  "outlook.com",
  "hotmail.com",
  "live.com",
  "msn.com",
  "yahoo.com",
  "icloud.com",
  "me.com",
  "aol.com",
  "proton.me",
  "protonmail.com",
  "gmx.de",
  "gmx.net",
  "web.de",
  "mail.com",
  "yandex.ru",
]);

export const SUGGESTION_REASONS = ["name_and_company", "name", "domain"] as const;
export type SuggestionReason = (typeof SUGGESTION_REASONS)[number];

export type SuggestionCandidate = { id: string; name: string | null; company: string | null; emailKey: string; createdAtMs: number };
export type LeadSuggestion = { leadId: string; reason: SuggestionReason };

/** At most this many per attendee: a short list the owner can read, not a search. */
export const MAX_SUGGESTIONS = 5;

const normalName = (value: string | null | undefined): string => (value ?? "").trim().replace(/\s+/g, " ").toLowerCase();

/** The domain of an address when it can name a company; null for public mail domains and malformed addresses. */
export function companyDomainOf(email: string): string | null {
  const key = emailKeyOf(email);
  const at = key.lastIndexOf("@");
  if (at <= 0 || at === key.length - 1) return null;
  const domain = key.slice(at + 1);
  return PUBLIC_MAIL_DOMAINS.has(domain) ? null : domain;
}

/** What to look candidates up by: the normal name (empty: none) and the company domain. */
export function suggestionKeysOf(attendee: { email: string; name: string | null }): { name: string | null; domain: string | null } {
  const name = normalName(attendee.name);
  return { name: name === "" ? null : name, domain: companyDomainOf(attendee.email) };
}

const RANK: Record<SuggestionReason, number> = { name_and_company: 0, name: 1, domain: 2 };

/** Ranked: same name and company, then same name, then same domain; newer leads first within a rank. */
export function suggestLeads(attendee: { email: string; name: string | null; company?: string | null }, candidates: readonly SuggestionCandidate[]): LeadSuggestion[] {
  const keys = suggestionKeysOf(attendee);
  const company = normalName(attendee.company);
  const ranked: (LeadSuggestion & { createdAtMs: number })[] = [];
  for (const candidate of candidates) {
    if (candidate.emailKey === emailKeyOf(attendee.email)) continue;
    const isSameName = keys.name !== null && normalName(candidate.name) === keys.name;
    const isSameDomain = keys.domain !== null && companyDomainOf(candidate.emailKey) === keys.domain;
    const isSameCompany = company !== "" && normalName(candidate.company) === company;
    const reason: SuggestionReason | null = isSameName ? (isSameCompany || isSameDomain ? "name_and_company" : "name") : isSameDomain ? "domain" : null;
    if (reason) ranked.push({ leadId: candidate.id, reason, createdAtMs: candidate.createdAtMs });
  }
  ranked.sort((a, b) => RANK[a.reason] - RANK[b.reason] || b.createdAtMs - a.createdAtMs || (a.leadId < b.leadId ? -1 : 1));
  return ranked.slice(0, MAX_SUGGESTIONS).map(({ leadId, reason }) => ({ leadId, reason }));
}
