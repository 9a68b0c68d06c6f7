// The people and contacts half of the Microsoft Graph fake, per the v1.0
// reference: GET /me/people ($search, $top; People.Read) lists the people
// relevant to the user — whom they worked or mailed with, and their saved
// contacts — with scoredEmailAddresses; POST /me/contacts creates a contact
// (Contacts.ReadWrite); GET /me/contacts lists them, with the
// `emailAddresses/any(a:a/address eq '…')` filter (Contacts.Read or ReadWrite).
// Limits: $search matches the start of a word in the name or address (Graph's
// is fuzzier); one contact folder; only that $filter.
import { randomUUID } from "node:crypto";
import { GraphError } from "./microsoft-errors.js";

export type FakeRelevantPerson = { displayName: string; email: string };

type Contact = { id: string; givenName: string | null; surname: string | null; displayName: string; emailAddresses: { name: string; address: string }[]; createdDateTime: string };

type PeopleRequest = { method: string; route: string[]; query: URLSearchParams; body: () => unknown; userId: string; scopes: string[]; baseUrl: string };

/** Writable contact properties a create may carry (microsoft.graph.contact); any other name is refused, as Graph refuses it. */
const CONTACT_PROPERTIES = new Set([
  "givenName", "surname", "middleName", "displayName", "nickName", "title", "fileAs", "emailAddresses", "companyName", "jobTitle",
  "department", "businessPhones", "homePhones", "mobilePhone", "personalNotes", "categories", "imAddresses",
]);
const FILTER_BY_ADDRESS = /^emailAddresses\/any\((\w+):\s*\1\/address eq '((?:[^']|'')*)'\)$/;
const DEFAULT_TOP = 10;

const accessDenied = () => new GraphError(403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.");

function requireScope(scopes: string[], accepted: string[]): void {
  const granted = new Set(scopes.map((scope) => scope.toLowerCase()));
  if (!accepted.some((scope) => granted.has(scope.toLowerCase()))) throw accessDenied();
}

function topOf(query: URLSearchParams): number {
  const raw = query.get("$top");
  if (raw === null) return DEFAULT_TOP;
  if (!/^\d+$/.test(raw)) throw new GraphError(400, "BadRequest", `Invalid value '${raw}' for $top query option found.`);
  return Number(raw);
}

/** A word in the text starts with the query (case-insensitive). */
function matchesWordStart(text: string, query: string): boolean {
  const lower = text.toLowerCase();
  const wanted = query.toLowerCase();
  for (let start = 0; start < lower.length; start += 1) {
    if ((start === 0 || /[\s.@_-]/.test(lower[start - 1]!)) && lower.startsWith(wanted, start)) return true;
  }
  return false;
}

export class MicrosoftPeople {
  private readonly relevant = new Map<string, FakeRelevantPerson[]>();
  private readonly contacts = new Map<string, Contact[]>();

  constructor(private readonly nowMs: () => number) {}

  /** Someone the user corresponds with: /me/people lists them. */
  addRelevantPerson(userId: string, person: FakeRelevantPerson): void {
    this.relevant.set(userId, [...(this.relevant.get(userId) ?? []), person]);
  }

  /** A saved contact, as if created in Outlook. */
  addContact(userId: string, input: { givenName?: string; surname?: string; displayName?: string; email: string }): void {
    this.store(userId, { givenName: input.givenName ?? null, surname: input.surname ?? null, displayName: input.displayName ?? null, emailAddresses: [{ address: input.email, name: input.displayName ?? input.email }] });
  }

  contactsOf(userId: string): Contact[] {
    return (this.contacts.get(userId) ?? []).map((contact) => ({ ...contact, emailAddresses: contact.emailAddresses.map((address) => ({ ...address })) }));
  }

  /** Answers the routes this file owns; null for any other route. */
  handle(request: PeopleRequest): { status: number; body: unknown } | null {
    const { route, method, query, userId, scopes } = request;
    if (route.length === 2 && route[0] === "me" && route[1] === "people") {
      if (method !== "GET") throw new GraphError(405, "Request_BadRequest", `The HTTP method '${method}' is not allowed for this resource.`);
      requireScope(scopes, ["People.Read", "People.Read.All"]);
      return { status: 200, body: { "@odata.context": `${request.baseUrl}/v1.0/$metadata#users('${userId}')/people`, value: this.searchPeople(userId, query) } };
    }
    if (route.length === 2 && route[0] === "me" && route[1] === "contacts") {
      if (method === "GET") {
        requireScope(scopes, ["Contacts.Read", "Contacts.ReadWrite"]);
        return { status: 200, body: { "@odata.context": `${request.baseUrl}/v1.0/$metadata#users('${userId}')/contacts`, value: this.listContacts(userId, query).map(contactJson) } };
      }
      if (method === "POST") {
        requireScope(scopes, ["Contacts.ReadWrite"]);
        return { status: 201, body: contactJson(this.store(userId, parseContact(request.body()))) };
      }
      throw new GraphError(405, "Request_BadRequest", `The HTTP method '${method}' is not allowed for this resource.`);
    }
    return null;
  }

  private searchPeople(userId: string, query: URLSearchParams): unknown[] {
    const top = topOf(query);
    const search = (query.get("$search") ?? "").replace(/^"(.*)"$/, "$1").trim();
    const people = [
      ...(this.relevant.get(userId) ?? []).map((person) => ({ ...person, subclass: "OrganizationUser" })),
      ...(this.contacts.get(userId) ?? []).flatMap((contact) => contact.emailAddresses.map((email) => ({ displayName: contact.displayName, email: email.address, subclass: "PersonalContact" }))),
    ];
    return people
      .filter((person) => search === "" || matchesWordStart(person.displayName, search) || matchesWordStart(person.email, search))
      .slice(0, top)
      .map((person, i) => {
        const [givenName, ...rest] = person.displayName.split(" ");
        return {
          id: randomUUID(),
          displayName: person.displayName,
          givenName: givenName ?? null,
          surname: rest.join(" ") || null,
          scoredEmailAddresses: [{ address: person.email, relevanceScore: 20 - i, selectionLikelihood: "notSpecified" }],
          personType: { class: "Person", subclass: person.subclass },
        };
      });
  }

  private listContacts(userId: string, query: URLSearchParams): Contact[] {
    const all = this.contacts.get(userId) ?? [];
    const filter = query.get("$filter");
    if (filter === null) return all.slice(0, topOf(query));
    const match = FILTER_BY_ADDRESS.exec(filter.trim());
    if (!match) throw new GraphError(400, "ErrorInvalidUrlQueryFilter", "The query filter contains one or more invalid nodes.");
    // Exchange compares addresses without regard to case.
    const address = match[2]!.replace(/''/g, "'").toLowerCase();
    return all.filter((contact) => contact.emailAddresses.some((email) => email.address.toLowerCase() === address)).slice(0, topOf(query));
  }

  private store(userId: string, input: Pick<Contact, "givenName" | "surname" | "emailAddresses"> & { displayName: string | null }): Contact {
    const displayName = input.displayName ?? ([input.givenName, input.surname].filter(Boolean).join(" ") || "");
    const contact: Contact = { id: `AAMkAG${randomUUID().replace(/-/g, "")}`, ...input, displayName, createdDateTime: new Date(this.nowMs()).toISOString() };
    this.contacts.set(userId, [...(this.contacts.get(userId) ?? []), contact]);
    return contact;
  }
}

function parseContact(json: unknown): Pick<Contact, "givenName" | "surname" | "emailAddresses"> & { displayName: string | null } {
  if (typeof json !== "object" || json === null || Array.isArray(json)) throw new GraphError(400, "BadRequest", "Empty Payload. JSON content expected.");
  const body = json as Record<string, unknown>;
  for (const name of Object.keys(body)) {
    if (!CONTACT_PROPERTIES.has(name)) {
      throw new GraphError(400, "RequestBodyRead", `The property '${name}' does not exist on type 'microsoft.graph.contact'. Make sure to only use property names that are defined by the type or mark the type as open type.`);
    }
  }
  const text = (name: string): string | null => {
    const value = body[name];
    if (value === undefined || value === null) return null;
    if (typeof value !== "string") throw new GraphError(400, "RequestBodyRead", `Cannot convert the literal '${String(value)}' to the expected type 'Edm.String'.`);
    return value;
  };
  const emails = body.emailAddresses ?? [];
  if (!Array.isArray(emails)) throw new GraphError(400, "RequestBodyRead", "emailAddresses must be a collection of microsoft.graph.emailAddress.");
  const emailAddresses = emails.map((email: unknown) => {
    const entry = (email ?? {}) as Record<string, unknown>;
    const unknown = Object.keys(entry).find((name) => name !== "address" && name !== "name");
    if (unknown) throw new GraphError(400, "RequestBodyRead", `The property '${unknown}' does not exist on type 'microsoft.graph.emailAddress'.`);
    if (typeof entry.address !== "string" || entry.address === "") throw new GraphError(400, "ErrorInvalidProperty", "An email address must have an address.");
    return { address: entry.address, name: typeof entry.name === "string" ? entry.name : entry.address };
  });
  return { givenName: text("givenName"), surname: text("surname"), displayName: text("displayName"), emailAddresses };
}

function contactJson(contact: Contact): Record<string, unknown> {
  return {
    "@odata.etag": `W/"${contact.id.slice(-8)}"`,
    id: contact.id,
    createdDateTime: contact.createdDateTime,
    lastModifiedDateTime: contact.createdDateTime,
    parentFolderId: "AAMkAGcontacts",
    displayName: contact.displayName,
    givenName: contact.givenName,
    surname: contact.surname,
    emailAddresses: contact.emailAddresses,
  };
}
