// The booking page inside another site's frame (web/public/embed.js opens it
// with ?embed=1&parent=<the site's origin>): a compact layout, prefill from the
// address, and events posted to the embedding window. Events go only to the
// origin the address names, and only when that origin is on the organisation's
// allow-list (page.embedOrigins): otherwise nothing is posted at all. They
// carry no secrets (no manage link, no answers).
import { useEffect, useMemo } from "react";
import type { LinkPage } from "./public-api";

export const PREFILL_PARAMS = ["name", "email", "company", "topic"] as const;
export const UTM_PARAMS = ["utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content"] as const;

export type Prefill = Partial<Record<(typeof PREFILL_PARAMS)[number], string>>;
export type UtmQuery = Partial<Record<(typeof UTM_PARAMS)[number], string>>;

export type EmbedEvent =
  | { type: "convene:ready" }
  | { type: "convene:resize"; height: number }
  | { type: "convene:slot_chosen"; start: string; end: string; timeZone: string }
  | { type: "convene:booked"; id: string; start: string; end: string; timeZone: string }
  | { type: "convene:close" };

/** Whether the address asks for the embedded layout, and the embedding site's origin it names. */
export function embedRequestOf(search: string): { isEmbedded: boolean; parentOrigin: string | null } {
  const params = new URLSearchParams(search);
  const isEmbedded = params.get("embed") === "1";
  const parent = params.get("parent");
  let parentOrigin: string | null = null;
  try {
    // Only a bare origin: a path or anything else would never match event.origin anyway.
    if (parent && new URL(parent).origin === parent) parentOrigin = parent;
  } catch {
    parentOrigin = null;
  }
  return { isEmbedded, parentOrigin };
}

/** Name, email, company and topic the address brings (an embedding site's prefill). */
export function prefillOf(search: string): Prefill {
  const params = new URLSearchParams(search);
  const prefill: Prefill = {};
  for (const key of PREFILL_PARAMS) {
    const value = params.get(key)?.trim();
    if (value) prefill[key] = value.slice(0, 500);
  }
  return prefill;
}

/** The UTM parameters of the address, passed on to the page read so the view records them. */
export function utmQueryOf(search: string): UtmQuery {
  const params = new URLSearchParams(search);
  const utm: UtmQuery = {};
  for (const key of UTM_PARAMS) {
    const value = params.get(key);
    if (value) utm[key] = value.slice(0, 1000);
  }
  return utm;
}

/** Where events may be posted: the named parent origin if the page is framed and the organisation allows it, else null. */
export function eventTarget(request: { isEmbedded: boolean; parentOrigin: string | null }, allowed: readonly string[], isFramed: boolean, ownOrigin: string): string | null {
  if (!request.isEmbedded || !isFramed || !request.parentOrigin) return null;
  return allowed.includes(request.parentOrigin) || request.parentOrigin === ownOrigin ? request.parentOrigin : null;
}

export type EmbedBridge = { isEmbedded: boolean; post(event: EmbedEvent): void };

/** The page's side of embed.js: says ready, reports its height as it changes, and posts the events it is given. */
export function useEmbedBridge(page: LinkPage): EmbedBridge {
  const bridge = useMemo<EmbedBridge>(() => {
    const request = embedRequestOf(window.location.search);
    const target = eventTarget(request, page.embedOrigins, window.parent !== window, window.location.origin);
    return { isEmbedded: request.isEmbedded, post: (event) => (target ? window.parent.postMessage(event, target) : undefined) };
  }, [page.embedOrigins]);

  useEffect(() => {
    if (!bridge.isEmbedded) return;
    bridge.post({ type: "convene:ready" });
    // The frame is sized to the page's content: report the bottom of the <main> shown now (the confirmation replaces
    // the booking steps' one), not the document's, which is at least the frame's own height. #root wraps whichever
    // <main> is shown, so observing it sees both changes of size and the swap.
    const root = document.getElementById("root") ?? document.body;
    let lastHeight = 0;
    const report = () => {
      const content = document.querySelector("main") ?? root;
      const height = Math.ceil(content.getBoundingClientRect().bottom + window.scrollY);
      if (height > 0 && height !== lastHeight) {
        lastHeight = height;
        bridge.post({ type: "convene:resize", height });
      }
    };
    const observer = new ResizeObserver(report);
    observer.observe(root);
    report();
    // Esc inside the frame never reaches the embedding page: ask it to close its popup.
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape" && !event.defaultPrevented) bridge.post({ type: "convene:close" });
    };
    window.addEventListener("keydown", onKey);
    return () => {
      observer.disconnect();
      window.removeEventListener("keydown", onKey);
    };
  }, [bridge]);

  return bridge;
}
