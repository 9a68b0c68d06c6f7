// Response headers that protect browsers: nosniff on everything, and for the
// web app's pages a Content-Security-Policy derived from the built index.html
// plus framing rules by page kind. Dashboard, sign-in and manage pages are
// never framed; booking pages (/{handle}/{slug}, /t/{token}) may be, by the
// ancestors an operator lists (EMBED_FRAME_ANCESTORS; default none) and by the
// sites the link's organisation allows (its embed origins).
import type { FastifyInstance } from "fastify";
import { createHash } from "node:crypto";
import { bookingPageFrameAncestors } from "../core/embedding/embed-origins.js";
import type { PublicLinkRef } from "../use-cases/auth/public-access.js";

export const NOSNIFF = "nosniff";

/** The frame-ancestors source list that allows no framing at all. */
export const NO_FRAMING = "'none'";

/** First path segments that are not a handle (app routes and server prefixes), so /{them}/{x} is no booking page. */
const NOT_HANDLES = new Set(["dashboard", "manage", "signin", "signup", "api", "docs", "assets"]);

/** True for the pages an invitee books on: /t/{token} and /{handle}/{slug}. Manage pages are not among them. */
export function isBookingPagePath(pathname: string): boolean {
  return bookingPageRef(pathname) !== null;
}

/** The link a booking page's address names (/t/{token}, /{handle}/{slug}), or null for any other page. */
export function bookingPageRef(pathname: string): PublicLinkRef | null {
  const segments = pathname.replace(/\/+$/, "").split("/").slice(1);
  if (segments.length !== 2 || segments.some((segment) => segment === "")) return null;
  const [first, second] = segments.map(decodeSegment) as [string | null, string | null];
  if (first === null || second === null) return null;
  if (segments[0] === "t") return { token: second };
  return NOT_HANDLES.has(segments[0]!) ? null : { handle: first, slug: second };
}

function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** 'sha256-…' sources for every inline <script> of a page, so the policy allows exactly those. */
export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const match of html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/gi)) {
    const attributes = match[1] ?? "";
    const body = match[2] ?? "";
    if (/\ssrc\s*=/i.test(attributes) || body === "") continue;
    hashes.push(`'sha256-${createHash("sha256").update(body, "utf8").digest("base64")}'`);
  }
  return hashes;
}

/** A page's headers by its path; a booking page's also by its organisation's embed origins (none: the operator's list alone). */
export type PageHeaders = (pathname: string, orgEmbedOrigins?: readonly string[]) => Record<string, string>;

/**
 * Headers for the web app's pages. The built app loads its module scripts,
 * style sheets and chunks from /assets, talks to its own origin, and shows a
 * data: favicon; its one inline script (the theme, before first paint) is
 * allowed by hash. React sets styles through the DOM's style objects, which
 * style-src does not govern, so no 'unsafe-inline' is needed.
 */
export function pageHeadersFor(indexHtml: string, embedFrameAncestors: string): PageHeaders {
  const scriptSources = ["'self'", ...inlineScriptHashes(indexHtml)].join(" ");
  const policy = (frameAncestors: string) =>
    [
      "default-src 'self'",
      `script-src ${scriptSources}`,
      "style-src 'self'",
      "img-src 'self' data:",
      "font-src 'self'",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      `frame-ancestors ${frameAncestors}`,
    ].join("; ");
  const unframed = { "content-security-policy": policy(NO_FRAMING), "x-frame-options": "DENY" };
  return (pathname, orgEmbedOrigins = []) => {
    const ancestors = isBookingPagePath(pathname) ? bookingPageFrameAncestors(embedFrameAncestors, orgEmbedOrigins) : null;
    // X-Frame-Options cannot name allowed origins, so an embeddable page relies on frame-ancestors alone.
    return ancestors === null ? unframed : { "content-security-policy": policy(ancestors) };
  };
}

/** Every answer, whatever produced it (routes, problems, static files, docs), says nosniff. */
export function addNosniff(app: FastifyInstance): void {
  app.addHook("onSend", async (_request, reply) => {
    reply.header("x-content-type-options", NOSNIFF);
  });
}

/**
 * swagger-ui's own policy with our framing rule, without forcing https on plain-HTTP installs,
 * and with inline styles allowed: its bundle injects <style> elements at run time (seen in
 * Chromium as style-src-elem violations). The docs page holds no secrets; scripts stay 'self'.
 */
export function docsPolicy(policy: string): string {
  return policy
    .replace(/frame-ancestors [^;]*;/, `frame-ancestors ${NO_FRAMING};`)
    .replace(/\s*upgrade-insecure-requests;?/, "")
    // A hash in the list would make browsers ignore 'unsafe-inline'.
    .replace(/style-src ([^;]*);/, (_directive, sources: string) => `style-src ${sources.replace(/'sha256-[^']*'/g, "").trim()} 'unsafe-inline';`)
    .trim();
}
