// Which sites may frame an organisation's booking pages: an allow-list of
// origins the owner keeps, checked here once so the CSP header, the page's
// postMessage target and the settings form agree. An origin is what a browser
// compares (scheme, host, port): no paths, no wildcards, https only except on
// this machine (plain http would let anyone on the network pose as the site).
import { ConveneError } from "../errors.js";

export const MAX_EMBED_ORIGINS = 50;
/** Long enough for any real host name (253) with scheme and port. */
const MAX_ORIGIN_CHARS = 300;
const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

export type OriginVerdict = { origin: string } | { reason: string };

/** The normalised origin (lower-case host, default port dropped) of one entry, or why it is refused. */
export function parseEmbedOrigin(input: string): OriginVerdict {
  const text = input.trim();
  if (text === "" || text.length > MAX_ORIGIN_CHARS) return { reason: "must be an origin like https://www.example.com" };
  if (text.includes("*")) return { reason: "wildcards are not allowed; list each site" };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { reason: "must be an origin like https://www.example.com" };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return { reason: "must start with https://" };
  const isLoopback = LOOPBACK_HOSTS.has(url.hostname) || url.hostname.endsWith(".localhost");
  if (url.protocol === "http:" && !isLoopback) return { reason: "must use https:// (http:// only for localhost)" };
  if (url.username || url.password) return { reason: "must not contain a user name or password" };
  // new URL() turns "https://a.example" into path "/": only a bare trailing slash is tolerated.
  if (url.pathname !== "/" || url.search || url.hash || /^[a-z]+:\/\/[^/]+\/./i.test(text)) return { reason: "must be an origin only, without a path, query or fragment" };
  return { origin: url.origin };
}

/** The list normalised and without duplicates, or EMBED_ORIGIN_INVALID naming each refused entry. */
export function normalizeEmbedOrigins(inputs: readonly string[]): string[] {
  const errors: { index: number; origin: string; reason: string }[] = [];
  const origins: string[] = [];
  inputs.forEach((input, index) => {
    const verdict = parseEmbedOrigin(input);
    if ("reason" in verdict) errors.push({ index, origin: input.slice(0, MAX_ORIGIN_CHARS), reason: verdict.reason });
    else if (!origins.includes(verdict.origin)) origins.push(verdict.origin);
  });
  if (errors.length > 0) {
    const first = errors[0]!;
    throw new ConveneError("EMBED_ORIGIN_INVALID", `"${first.origin}" ${first.reason}.`, { details: { errors } });
  }
  if (origins.length > MAX_EMBED_ORIGINS) throw new ConveneError("EMBED_ORIGIN_INVALID", `At most ${MAX_EMBED_ORIGINS} sites may embed booking pages.`);
  return origins;
}

/** The http(s) origins of the operator's EMBED_FRAME_ANCESTORS ('none' or a source list). */
export function operatorOrigins(frameAncestors: string): string[] {
  return frameAncestors.split(/\s+/).filter((source) => /^https?:\/\//.test(source));
}

/**
 * The frame-ancestors source list of a booking page: the operator's sources and
 * the organisation's origins, with 'self' (Convene's own pages may show the
 * widget, e.g. a preview); null when neither allows anyone, so
 * the page stays unframeable (and keeps X-Frame-Options DENY).
 */
export function bookingPageFrameAncestors(operatorSources: string, orgOrigins: readonly string[]): string | null {
  const operator = operatorSources === "'none'" ? [] : operatorSources.split(/\s+/).filter(Boolean);
  if (operator.length === 0 && orgOrigins.length === 0) return null;
  return [...new Set([...operator, ...orgOrigins, "'self'"])].join(" ");
}
