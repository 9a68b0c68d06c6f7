// Serves the built web app (web/dist): hashed assets with a year-long cache,
// and index.html for any page address (/{handle}/{slug}, /t/…, /manage/…,
// /dashboard/…) so the browser's router takes over. API and docs addresses
// keep their problem+json 404s.
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

const NOT_PAGES = /^\/(api|docs)(\/|$)/;

export async function registerWebApp(app: FastifyInstance, webRoot: string): Promise<void> {
  await app.register(fastifyStatic, {
    root: path.join(webRoot, "assets"),
    prefix: "/assets/",
    immutable: true,
    maxAge: "365d",
    index: false,
  });
}

export function webRootExists(webRoot: string | undefined): webRoot is string {
  return Boolean(webRoot && existsSync(path.join(webRoot, "index.html")));
}

/** True when a not-found GET is a person's browser asking for a page of the web app. */
export function isPageRequest(request: FastifyRequest): boolean {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  const pathname = request.url.split("?")[0] ?? "/";
  if (NOT_PAGES.test(pathname) || pathname.startsWith("/assets/")) return false;
  return (request.headers.accept ?? "").includes("text/html");
}

/** The built index.html, read once at start-up to derive the pages' security policy. */
export function readIndexHtml(webRoot: string): string {
  return readFileSync(path.join(webRoot, "index.html"), "utf8");
}

/**
 * index.html, never cached stale; no Referer, since manage and one-time addresses carry secrets;
 * the page's CSP and framing headers (security-headers.ts).
 */
export function sendPage(reply: FastifyReply, webRoot: string, securityHeaders: Record<string, string>) {
  return reply
    .headers(securityHeaders)
    .header("cache-control", "no-cache")
    .header("referrer-policy", "no-referrer")
    .header("x-content-type-options", "nosniff")
    .sendFile("index.html", webRoot, { cacheControl: false });
}
