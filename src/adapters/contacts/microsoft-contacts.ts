// Microsoft Graph as a ContactDirectory: /me/people (the people relevant to
// the account — colleagues, correspondents and saved contacts — ranked by
// Microsoft) to suggest, /me/contacts to find and create saved contacts.
import type { ContactDirectory } from "../../use-cases/ports/contacts.js";
import type { OAuthApi } from "../calendars/oauth-api.js";
import { contactFailure } from "./contact-failure.js";

type Person = { displayName?: string | null; scoredEmailAddresses?: { address?: string | null }[] };
type Collection<T> = { value?: T[] };

/** An OData string literal: single quotes doubled. */
const odataString = (text: string) => `'${text.replace(/'/g, "''")}'`;

export function createMicrosoftContacts(api: OAuthApi): ContactDirectory {
  return {
    async search(query, limit) {
      // $search wants the text in double quotes; a quote inside it cannot be escaped, so it goes.
      const response = await api("/v1.0/me/people", { query: { $search: `"${query.replace(/"/g, " ")}"`, $top: limit } });
      // A grant from before People.Read was asked for has nothing to offer.
      if (response.status === 403) return [];
      if (response.status !== 200) throw contactFailure("Microsoft", "searching people", response.status);
      const people = (response.json as Collection<Person> | null)?.value ?? [];
      return people
        .flatMap((person) => (person.scoredEmailAddresses ?? []).flatMap((email) => (email.address ? [{ name: person.displayName ?? "", email: email.address, source: "microsoft" as const }] : [])))
        .slice(0, limit);
    },

    async hasContact(email) {
      const response = await api("/v1.0/me/contacts", { query: { $filter: `emailAddresses/any(a:a/address eq ${odataString(email)})`, $top: 1, $select: "id" } });
      if (response.status !== 200) throw contactFailure("Microsoft", "looking up a contact", response.status);
      return ((response.json as Collection<unknown> | null)?.value ?? []).length > 0;
    },

    async create({ name, email }) {
      const [givenName, ...rest] = name.trim().split(/\s+/);
      const contact = {
        ...(givenName ? { givenName } : {}),
        ...(rest.length > 0 ? { surname: rest.join(" ") } : {}),
        ...(name.trim() ? { displayName: name.trim() } : {}),
        emailAddresses: [{ address: email, name: name.trim() || email }],
      };
      const response = await api("/v1.0/me/contacts", { method: "POST", json: contact });
      if (response.status !== 201) throw contactFailure("Microsoft", "creating a contact", response.status);
    },
  };
}
