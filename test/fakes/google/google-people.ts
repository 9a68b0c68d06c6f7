// The People API v1 half of the Google fake (people.googleapis.com): searching
// the user's saved contacts (people:searchContacts) and "Other contacts"
// (otherContacts:search), and creating a contact (people:createContact), per
// the reference pages of those three methods and the contacts guide.
// Search reads a per-user cache that only a warm-up request (an empty query)
// refreshes, as the docs ask clients to send one before searching: a search
// without a warm-up finds nothing, and a contact created after the last
// warm-up is not found until the next one.
// Limits: names and emailAddresses only; no sources[] other than the default,
// no paging, no metadata beyond the source.
import { randomBytes } from "node:crypto";
import { GoogleApiError, badRequest } from "./google-errors.js";

export type FakePerson = { givenName?: string; familyName?: string; emails: string[] };

type StoredPerson = FakePerson & { resourceName: string; etag: string; source: "CONTACT" | "OTHER_CONTACT" };

type PeopleRequest = { method: string; path: string; query: URLSearchParams; body: unknown; user: { email: string; scopes: string[] } };
type PeopleResult = { status: number; body: unknown };

const SCOPE = "https://www.googleapis.com/auth/contacts";
/** people:searchContacts accepts either (its reference page, "Authorization scopes"). */
const SEARCH_CONTACTS_SCOPES = [SCOPE, `${SCOPE}.readonly`];
const SEARCH_OTHER_SCOPES = [`${SCOPE}.other.readonly`];
const CREATE_SCOPES = [SCOPE];

/** The readMask / personFields paths the Person resource documents. */
const PERSON_FIELDS = new Set([
  "addresses", "ageRanges", "biographies", "birthdays", "calendarUrls", "clientData", "coverPhotos", "emailAddresses", "events", "externalIds",
  "genders", "imClients", "interests", "locales", "locations", "memberships", "metadata", "miscKeywords", "names", "nicknames", "occupations",
  "organizations", "phoneNumbers", "photos", "relations", "sipAddresses", "skills", "urls", "userDefined",
]);
/** otherContacts:search documents only these readMask paths. */
const OTHER_CONTACT_FIELDS = new Set(["emailAddresses", "metadata", "names", "phoneNumbers"]);
/** Writable top-level Person fields a createContact body may carry (the rest of the resource is ignored here, so refused). */
const WRITABLE_FIELDS = new Set(["names", "emailAddresses", "etag"]);
const NAME_FIELDS = new Set(["givenName", "familyName", "middleName", "honorificPrefix", "honorificSuffix", "unstructuredName", "displayName", "metadata"]);
const EMAIL_FIELDS = new Set(["value", "type", "displayName", "metadata"]);
const DEFAULT_PAGE_SIZE = 10;
const MAX_PAGE_SIZE = 30;

function requireScope(scopes: string[], accepted: string[]): void {
  if (!scopes.some((scope) => accepted.includes(scope))) throw new GoogleApiError(403, "ACCESS_TOKEN_SCOPE_INSUFFICIENT", "Request had insufficient authentication scopes.");
}

function fieldMask(query: URLSearchParams, name: string, valid: Set<string>, isRequired: boolean): string[] | null {
  const raw = query.get(name);
  if (raw === null || raw.trim() === "") {
    if (isRequired) throw badRequest(`${name} is required. Please specify one or more valid paths. Valid paths are documented at https://developers.google.com/people/api/rest/v1/people.`);
    return null;
  }
  const paths = raw.split(",").map((path) => path.trim());
  const invalid = paths.find((path) => !valid.has(path));
  if (invalid !== undefined) throw badRequest(`Invalid ${name} path: "${invalid}". Valid paths are documented at https://developers.google.com/people/api/rest/v1/people.`);
  return paths;
}

function pageSizeOf(query: URLSearchParams): number {
  const raw = query.get("pageSize");
  if (raw === null) return DEFAULT_PAGE_SIZE;
  if (!/^-?\d+$/.test(raw)) throw badRequest(`Invalid value at 'page_size' (TYPE_INT32), "${raw}"`);
  const size = Number(raw);
  if (size < 0) throw badRequest("pageSize must not be negative.");
  return size === 0 ? DEFAULT_PAGE_SIZE : Math.min(size, MAX_PAGE_SIZE);
}

const displayNameOf = (person: FakePerson) => [person.givenName, person.familyName].filter(Boolean).join(" ");

/** "The query is used to match prefix phrases of the fields on a person": "foo name" matches "fo", "foo n", "nam", not "oo n". */
function matchesPrefixPhrase(value: string, query: string): boolean {
  const text = value.toLowerCase();
  const wanted = query.toLowerCase();
  for (let start = 0; start < text.length; start += 1) {
    if ((start === 0 || /\s/.test(text[start - 1]!)) && text.startsWith(wanted, start)) return true;
  }
  return false;
}

export class FakePeopleApi {
  private readonly people = new Map<string, StoredPerson[]>();
  /** What each user's searches read: the people as they were at the user's last warm-up, per source. */
  private readonly searchCache = new Map<string, StoredPerson[]>();

  /** A saved contact (CONTACT source), as if created in Google Contacts. */
  addContact(userEmail: string, person: FakePerson): StoredPerson {
    return this.store(userEmail, person, "CONTACT");
  }

  /** An "Other contact" (OTHER_CONTACT source): someone the user emailed. */
  addOtherContact(userEmail: string, person: FakePerson): StoredPerson {
    return this.store(userEmail, person, "OTHER_CONTACT");
  }

  /** The user's saved contacts, for asserting what a client created. */
  contactsOf(userEmail: string): FakePerson[] {
    return (this.people.get(userEmail) ?? []).filter((person) => person.source === "CONTACT").map(({ givenName, familyName, emails }) => ({ givenName, familyName, emails: [...emails] }));
  }

  private store(userEmail: string, person: FakePerson, source: StoredPerson["source"]): StoredPerson {
    const prefix = source === "CONTACT" ? "people/c" : "otherContacts/c";
    const stored: StoredPerson = { ...person, emails: [...person.emails], resourceName: `${prefix}${BigInt(`0x${randomBytes(8).toString("hex")}`)}`, etag: `%${randomBytes(12).toString("base64url")}`, source };
    this.people.set(userEmail, [...(this.people.get(userEmail) ?? []), stored]);
    return stored;
  }

  handle(request: PeopleRequest): PeopleResult {
    const { method, path, query, user } = request;
    if (path === "/v1/people:searchContacts" || path === "/v1/otherContacts:search") {
      if (method !== "GET") throw new GoogleApiError(404, "notFound", "Not Found");
      const isOther = path === "/v1/otherContacts:search";
      requireScope(user.scopes, isOther ? SEARCH_OTHER_SCOPES : SEARCH_CONTACTS_SCOPES);
      return { status: 200, body: this.search(user.email, isOther ? "OTHER_CONTACT" : "CONTACT", query, isOther ? OTHER_CONTACT_FIELDS : PERSON_FIELDS) };
    }
    if (path === "/v1/people:createContact") {
      if (method !== "POST") throw new GoogleApiError(404, "notFound", "Not Found");
      requireScope(user.scopes, CREATE_SCOPES);
      const fields = fieldMask(query, "personFields", PERSON_FIELDS, false);
      const created = this.store(user.email, parseNewPerson(request.body), "CONTACT");
      return { status: 200, body: personJson(created, fields) };
    }
    throw new GoogleApiError(404, "notFound", `Method not found: ${method} ${path}`);
  }

  private search(userEmail: string, source: StoredPerson["source"], query: URLSearchParams, validMask: Set<string>): unknown {
    if (query.getAll("sources").some((value) => value !== "READ_SOURCE_TYPE_CONTACT") && source === "CONTACT") throw badRequest("Only READ_SOURCE_TYPE_CONTACT is supported by this fake.");
    const mask = fieldMask(query, "readMask", validMask, true)!;
    const pageSize = pageSizeOf(query);
    const text = query.get("query");
    if (text === null) throw badRequest("query is required.");
    const key = `${userEmail}\n${source}`;
    if (text === "") {
      // The warm-up: refreshes the cache, answers nothing.
      this.searchCache.set(key, (this.people.get(userEmail) ?? []).filter((person) => person.source === source));
      return {};
    }
    const matches = (this.searchCache.get(key) ?? [])
      .filter((person) => [person.givenName ?? "", person.familyName ?? "", displayNameOf(person), ...person.emails].some((value) => matchesPrefixPhrase(value, text)))
      .slice(0, pageSize);
    // Google leaves empty repeated fields out of a response.
    return matches.length === 0 ? {} : { results: matches.map((person) => ({ person: personJson(person, mask) })) };
  }
}

function parseNewPerson(body: unknown): FakePerson {
  const person = body as Record<string, unknown>;
  for (const field of Object.keys(person)) {
    if (!WRITABLE_FIELDS.has(field)) throw badRequest(`Invalid JSON payload received. Unknown name "${field}" at 'person': Cannot find field (or it is not supported by this fake).`);
  }
  const names = person.names ?? [];
  const emails = person.emailAddresses ?? [];
  if (!Array.isArray(names) || !Array.isArray(emails)) throw badRequest("Invalid JSON payload received. names and emailAddresses must be lists.");
  // "This field is a singleton for contact sources."
  if (names.length > 1) throw badRequest("Invalid person.names: only one name is allowed for a contact.");
  const name = (names[0] ?? {}) as Record<string, unknown>;
  for (const entry of [name, ...emails] as Record<string, unknown>[]) {
    if (typeof entry !== "object" || entry === null) throw badRequest("Invalid JSON payload received.");
  }
  const unknownName = Object.keys(name).find((field) => !NAME_FIELDS.has(field));
  if (unknownName) throw badRequest(`Invalid JSON payload received. Unknown name "${unknownName}" at 'person.names[0]'.`);
  const values = (emails as Record<string, unknown>[]).map((email, i) => {
    const unknown = Object.keys(email).find((field) => !EMAIL_FIELDS.has(field));
    if (unknown) throw badRequest(`Invalid JSON payload received. Unknown name "${unknown}" at 'person.email_addresses[${i}]'.`);
    if (typeof email.value !== "string" || email.value.trim() === "") throw badRequest(`person.email_addresses[${i}].value is required.`);
    return email.value;
  });
  // displayName is output only: Google formats it from the parts.
  const givenName = typeof name.givenName === "string" ? name.givenName : typeof name.unstructuredName === "string" ? name.unstructuredName : undefined;
  const familyName = typeof name.familyName === "string" ? name.familyName : undefined;
  if (!givenName && !familyName && values.length === 0) throw badRequest("Request person must not be empty.");
  return { ...(givenName ? { givenName } : {}), ...(familyName ? { familyName } : {}), emails: values };
}

function personJson(person: StoredPerson, mask: string[] | null): Record<string, unknown> {
  const wants = (field: string) => mask === null || mask.includes(field);
  const metadata = { primary: true, source: { type: person.source, id: person.resourceName.split("/c")[1] } };
  const json: Record<string, unknown> = { resourceName: person.resourceName, etag: person.etag };
  const displayName = displayNameOf(person);
  if (wants("names") && displayName) {
    json.names = [{ metadata, displayName, ...(person.familyName ? { familyName: person.familyName } : {}), ...(person.givenName ? { givenName: person.givenName } : {}), displayNameLastFirst: [person.familyName, person.givenName].filter(Boolean).join(", "), unstructuredName: displayName }];
  }
  if (wants("emailAddresses") && person.emails.length > 0) json.emailAddresses = person.emails.map((value, i) => ({ metadata: { ...metadata, primary: i === 0 }, value }));
  return json;
}
