// WebDAV/CalDAV XML: the request bodies the CalDAV provider sends and a
// reader for the 207 multistatus and error bodies it gets back. Namespace
// prefixes are dropped when reading (fast-xml-parser's removeNSPrefix): the
// elements read here have distinct local names across DAV:, CalDAV,
// CalendarServer and Apple's namespaces, and servers differ in which prefixes
// (or default namespaces) they use.
import { XMLParser } from "fast-xml-parser";

export type DavResponse = {
  /** As the server wrote it (usually an absolute path). */
  href: string;
  /** The response-level status (a removed member in sync-collection, a missing href in multiget), else null. */
  status: number | null;
  /** Properties found (from 200 propstats), by local name. */
  props: Record<string, unknown>;
};

export type Multistatus = { responses: DavResponse[]; syncToken: string | null };

const ALWAYS_ARRAYS = new Set(["response", "propstat", "href", "comp", "privilege", "supported-report"]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  removeNSPrefix: true,
  // etags, ctags and display names stay strings ("0123" is not 123).
  parseTagValue: false,
  parseAttributeValue: false,
  // Character references (&#13; in calendar-data) are XML, not HTML, but only this option decodes them.
  htmlEntities: true,
  isArray: (name) => ALWAYS_ARRAYS.has(name),
});

const NAMESPACES = `xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav" xmlns:cs="http://calendarserver.org/ns/" xmlns:a="http://apple.com/ns/ical/"`;

/** PROPFIND asking for these properties, named with the prefixes d: (DAV:), c: (CalDAV), cs: (CalendarServer) and a: (Apple). */
export function propfindBody(props: string[]): string {
  return `<?xml version="1.0" encoding="utf-8"?><d:propfind ${NAMESPACES}><d:prop>${props.map((prop) => `<${prop}/>`).join("")}</d:prop></d:propfind>`;
}

/** RFC 6578 sync-collection; an empty token asks for every member. */
export function syncCollectionBody(syncToken: string | null): string {
  return `<?xml version="1.0" encoding="utf-8"?><d:sync-collection ${NAMESPACES}><d:sync-token>${escapeXml(syncToken ?? "")}</d:sync-token><d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>`;
}

export function calendarMultigetBody(hrefs: string[]): string {
  return `<?xml version="1.0" encoding="utf-8"?><c:calendar-multiget ${NAMESPACES}><d:prop><d:getetag/><c:calendar-data/></d:prop>${hrefs.map((href) => `<d:href>${escapeXml(href)}</d:href>`).join("")}</c:calendar-multiget>`;
}

/** Every VEVENT object with its data, or only the one with this UID. */
export function calendarQueryBody({ uid, withData }: { uid?: string; withData: boolean }): string {
  const uidFilter = uid === undefined ? "" : `<c:prop-filter name="UID"><c:text-match collation="i;octet">${escapeXml(uid)}</c:text-match></c:prop-filter>`;
  const props = withData ? "<d:getetag/><c:calendar-data/>" : "<d:getetag/>";
  return `<?xml version="1.0" encoding="utf-8"?><c:calendar-query ${NAMESPACES}><d:prop>${props}</d:prop><c:filter><c:comp-filter name="VCALENDAR"><c:comp-filter name="VEVENT">${uidFilter}</c:comp-filter></c:comp-filter></c:filter></c:calendar-query>`;
}

/** Reads a 207 body; null when it is not a DAV multistatus at all. */
export function parseMultistatus(xml: string): Multistatus | null {
  const root = parseXml(xml)?.multistatus;
  if (root === undefined) return null;
  const multistatus = asRecord(root);
  const responses = arrayOf(multistatus.response).map((entry): DavResponse => {
    const response = asRecord(entry);
    const props: Record<string, unknown> = {};
    for (const propstat of arrayOf(response.propstat).map(asRecord)) {
      if (statusCode(propstat.status) !== 200) continue;
      Object.assign(props, asRecord(propstat.prop));
    }
    return { href: textOf(arrayOf(response.href)[0]) ?? "", status: statusCode(response.status), props };
  });
  return { responses, syncToken: textOf(multistatus["sync-token"]) };
}

/** The precondition elements of a DAV:error body (valid-sync-token, no-uid-conflict…) with any href inside each. */
export function parseDavError(xml: string): Map<string, string | null> {
  const preconditions = new Map<string, string | null>();
  const error = parseXml(xml)?.error;
  if (error === undefined) return preconditions;
  for (const [name, value] of Object.entries(asRecord(error))) {
    if (name.startsWith("@") || name === "#text") continue;
    preconditions.set(name, textOf(arrayOf(asRecord(value).href)[0]));
  }
  return preconditions;
}

/** The text of an element, whether it has attributes or not; null when absent or empty. */
export function textOf(value: unknown): string | null {
  if (typeof value === "string") return value === "" ? null : value;
  if (value !== null && typeof value === "object" && "#text" in value) return textOf((value as Record<string, unknown>)["#text"]);
  return null;
}

/** hrefs inside an element such as current-user-principal or calendar-home-set. */
export function hrefsIn(value: unknown): string[] {
  return arrayOf(asRecord(value).href).flatMap((href) => textOf(href) ?? []);
}

export function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function arrayOf(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function parseXml(xml: string): Record<string, unknown> | null {
  try {
    return asRecord(parser.parse(xml));
  } catch {
    return null;
  }
}

function statusCode(value: unknown): number | null {
  const match = /^HTTP\/\d(?:\.\d)?\s+(\d{3})/.exec(textOf(value) ?? "");
  return match ? Number(match[1]) : null;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (char) => `&#${char.charCodeAt(0)};`);
}
