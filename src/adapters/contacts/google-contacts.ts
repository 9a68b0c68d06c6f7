// Google's People API as a ContactDirectory: saved contacts
// (people:searchContacts) and "Other contacts", the people the account
// emailed (otherContacts:search), and people:createContact.
// Google asks for a warm-up search with an empty query before searching, to
// refresh its cache: each search here warms up first. Google also says the
// cache may take a few seconds to refresh, so the first keystrokes may miss a
// contact changed just now; the next ones find it.
import type { ContactDirectory, ContactSuggestion } from "../../use-cases/ports/contacts.js";
import type { OAuthApi } from "../calendars/oauth-api.js";
import { contactFailure } from "./contact-failure.js";

type Person = { names?: { displayName?: string }[]; emailAddresses?: { value?: string }[] };
type SearchResponse = { results?: { person?: Person }[] };

const SOURCES = { contacts: "/v1/people:searchContacts", otherContacts: "/v1/otherContacts:search" } as const;
/** The largest pageSize Google honours. */
const MAX_PAGE_SIZE = 30;
const READ_MASK = "names,emailAddresses";

export function createGoogleContacts(api: OAuthApi): ContactDirectory {
  /** Warms the source's cache, then searches it; a source the grant has no scope for (403) has nothing to offer. */
  async function searchSource(path: string, query: string, pageSize: number): Promise<Person[]> {
    const warmUp = await api(path, { query: { query: "", readMask: READ_MASK } });
    if (warmUp.status === 403) return [];
    if (warmUp.status !== 200) throw contactFailure("Google", "warming up the contacts search", warmUp.status);
    const response = await api(path, { query: { query, readMask: READ_MASK, pageSize } });
    if (response.status !== 200) throw contactFailure("Google", "searching contacts", response.status);
    return ((response.json as SearchResponse | null)?.results ?? []).flatMap((result) => (result.person ? [result.person] : []));
  }

  const suggestionsOf = (person: Person): ContactSuggestion[] => {
    const name = person.names?.[0]?.displayName ?? "";
    return (person.emailAddresses ?? []).flatMap((email) => (email.value ? [{ name, email: email.value, source: "google" as const }] : []));
  };

  return {
    async search(query, limit) {
      const pageSize = Math.min(Math.max(limit, 1), MAX_PAGE_SIZE);
      const [saved, other] = await Promise.all([searchSource(SOURCES.contacts, query, pageSize), searchSource(SOURCES.otherContacts, query, pageSize)]);
      return [...saved, ...other].flatMap(suggestionsOf).slice(0, limit);
    },

    async hasContact(email) {
      const wanted = email.toLowerCase();
      const people = await searchSource(SOURCES.contacts, email, MAX_PAGE_SIZE);
      return people.some((person) => (person.emailAddresses ?? []).some((address) => address.value?.toLowerCase() === wanted));
    },

    async create({ name, email }) {
      // unstructuredName: Google splits it into given and family names by the account's locale.
      const person = { ...(name.trim() ? { names: [{ unstructuredName: name.trim() }] } : {}), emailAddresses: [{ value: email }] };
      const response = await api("/v1/people:createContact", { method: "POST", query: { personFields: "names,emailAddresses" }, json: person });
      if (response.status !== 200) throw contactFailure("Google", "creating a contact", response.status);
    },
  };
}
