// What a lead may hold, and one row of an import (CSV line or JSON object)
// checked against it: the same limits the API's schemas use, so a file and a
// single create refuse the same things. Pure.
import { EMAIL_MAX_LENGTH } from "../account/limits.js";

export const LEAD_TEXT_MAX_CHARS = 200;
/** Custom fields are labels for filtering and the owner's notes, not documents. */
export const CUSTOM_FIELDS_MAX_COUNT = 50;
export const CUSTOM_FIELD_KEY_MAX_CHARS = 64;
export const CUSTOM_FIELD_VALUE_MAX_CHARS = 2000;
export const CAMPAIGN_NAME_MAX_CHARS = 200;

/** Columns an import maps to a lead's fields; any other column becomes a custom field. */
export const LEAD_IMPORT_COLUMNS = ["email", "name", "company", "title", "campaign", "owner"] as const;

/** Deliberately loose (one @, a dot in the domain, no spaces): outreach tools hold odd but working addresses. */
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isLeadEmail(email: string): boolean {
  return email.length <= EMAIL_MAX_LENGTH && EMAIL_SHAPE.test(email);
}

/** A row of an import, checked: blank cells are absent (an import never clears a field). */
export type LeadImportRow = {
  email: string;
  name: string | null;
  company: string | null;
  title: string | null;
  campaignName: string | null;
  ownerEmail: string | null;
  customFields: Record<string, string>;
};

export type RowProblem = { field: string; message: string };

// NUL and unpaired surrogates cannot be stored (see http/input-guards.ts, which checks JSON bodies the same way).
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function textOf(value: unknown, field: string, maxChars: number, problems: RowProblem[]): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") {
    problems.push({ field, message: "must be text" });
    return null;
  }
  const text = String(value).trim();
  if (UNSTORABLE.test(text)) problems.push({ field, message: "must be valid Unicode without NUL characters" });
  else if (text.length > maxChars) problems.push({ field, message: `must be at most ${maxChars} characters` });
  return text === "" ? null : text;
}

/** Checks custom fields given as an object (JSON, the API) and adds them to `into`. */
export function addCustomFields(value: Record<string, unknown>, into: Record<string, string>, problems: RowProblem[]): void {
  for (const [key, raw] of Object.entries(value)) {
    const name = key.trim();
    if (name === "" || name.length > CUSTOM_FIELD_KEY_MAX_CHARS || UNSTORABLE.test(name)) {
      problems.push({ field: key, message: `a custom field name must be 1 to ${CUSTOM_FIELD_KEY_MAX_CHARS} characters` });
      continue;
    }
    const text = textOf(raw, name, CUSTOM_FIELD_VALUE_MAX_CHARS, problems);
    if (text !== null) into[name] = text;
  }
  if (Object.keys(into).length > CUSTOM_FIELDS_MAX_COUNT) problems.push({ field: "customFields", message: `at most ${CUSTOM_FIELDS_MAX_COUNT} custom fields` });
}

/**
 * One record of an import (column → value) as a lead row, or what is wrong
 * with it. Column names are matched case-insensitively; a JSON record may
 * also carry its custom fields as an object under "customFields".
 */
export function leadImportRowOf(record: Record<string, unknown>): { row: LeadImportRow } | { problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const known: Partial<Record<(typeof LEAD_IMPORT_COLUMNS)[number], unknown>> = {};
  const customFields: Record<string, string> = {};
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    const column = key.trim().toLowerCase();
    if ((LEAD_IMPORT_COLUMNS as readonly string[]).includes(column)) known[column as (typeof LEAD_IMPORT_COLUMNS)[number]] = value;
    else if (column === "customfields" && value !== null && typeof value === "object" && !Array.isArray(value)) Object.assign(extra, value);
    else extra[key] = value;
  }
  addCustomFields(extra, customFields, problems);
  const email = textOf(known.email, "email", EMAIL_MAX_LENGTH, problems);
  if (email === null) problems.push({ field: "email", message: "is required" });
  else if (!isLeadEmail(email)) problems.push({ field: "email", message: "is not an email address" });
  const row: LeadImportRow = {
    email: email ?? "",
    name: textOf(known.name, "name", LEAD_TEXT_MAX_CHARS, problems),
    company: textOf(known.company, "company", LEAD_TEXT_MAX_CHARS, problems),
    title: textOf(known.title, "title", LEAD_TEXT_MAX_CHARS, problems),
    campaignName: textOf(known.campaign, "campaign", CAMPAIGN_NAME_MAX_CHARS, problems),
    ownerEmail: textOf(known.owner, "owner", EMAIL_MAX_LENGTH, problems),
    customFields,
  };
  return problems.length > 0 ? { problems } : { row };
}
