// The public booking API as the invitee's pages call it, the same for an
// evergreen link (handle + slug) and a one-time link (token), plus the manage
// link's calls. Types come from the server's OpenAPI document.
import { api, unwrap, type paths } from "../api/client";
import type { UtmQuery } from "./embed-mode";

export type LinkRef = { kind: "evergreen"; handle: string; slug: string } | { kind: "one-time"; token: string };

type Json<T> = T extends { content: { "application/json": infer Body } } ? Body : never;
type LinkPaths = "/api/v1/public/links/{handle}/{slug}";

export type LinkPage = Json<paths[LinkPaths]["get"]["responses"][200]>;
export type Question = LinkPage["questions"][number];
export type SlotsView = Json<paths[`${LinkPaths}/slots`]["get"]["responses"][200]>;
export type Slot = SlotsView["days"][number]["slots"][number];
export type BookingRequest = paths[`${LinkPaths}/bookings`]["post"]["requestBody"]["content"]["application/json"];
export type Booked = Json<paths[`${LinkPaths}/bookings`]["post"]["responses"][201]>;
export type HoldRequest = paths[`${LinkPaths}/holds`]["post"]["requestBody"]["content"]["application/json"];
export type Held = Json<paths[`${LinkPaths}/holds`]["post"]["responses"][201]>;
export type ManagedBooking = Json<paths["/api/v1/public/manage/{token}"]["get"]["responses"][200]>;

export type SlotWindow = { from: string; to: string };

export function linkKey(link: LinkRef): string {
  return link.kind === "evergreen" ? `${link.handle}/${link.slug}` : `t/${link.token}`;
}

/** The page; `utm` (the address's utm_* parameters) is recorded with the view this read counts. */
export function fetchLinkPage(link: LinkRef, utm: UtmQuery = {}): Promise<LinkPage> {
  return link.kind === "evergreen"
    ? unwrap(api.GET("/api/v1/public/links/{handle}/{slug}", { params: { path: { handle: link.handle, slug: link.slug }, query: utm } }))
    : unwrap(api.GET("/api/v1/public/one-time/{token}", { params: { path: { token: link.token }, query: utm } }));
}

export function fetchLinkSlots(link: LinkRef, window: SlotWindow, durationMin: number): Promise<SlotsView> {
  const query = { ...window, durationMin };
  return link.kind === "evergreen"
    ? unwrap(api.GET("/api/v1/public/links/{handle}/{slug}/slots", { params: { path: { handle: link.handle, slug: link.slug }, query } }))
    : unwrap(api.GET("/api/v1/public/one-time/{token}/slots", { params: { path: { token: link.token }, query } }));
}

export function bookSlot(link: LinkRef, body: BookingRequest, idempotencyKey: string): Promise<Booked> {
  const header = { "idempotency-key": idempotencyKey };
  return link.kind === "evergreen"
    ? unwrap(api.POST("/api/v1/public/links/{handle}/{slug}/bookings", { params: { path: { handle: link.handle, slug: link.slug }, header }, body }))
    : unwrap(api.POST("/api/v1/public/one-time/{token}/bookings", { params: { path: { token: link.token }, header }, body }));
}

/** Holds the picked time for a few minutes while the invitee fills in the form. */
export function holdSlot(link: LinkRef, body: HoldRequest): Promise<Held> {
  return link.kind === "evergreen"
    ? unwrap(api.POST("/api/v1/public/links/{handle}/{slug}/holds", { params: { path: { handle: link.handle, slug: link.slug } }, body }))
    : unwrap(api.POST("/api/v1/public/one-time/{token}/holds", { params: { path: { token: link.token } }, body }));
}

/** Lets a hold go (the invitee picked another time or left); best effort, so keepalive lets it outlive the page. */
export function releaseSlotHold(link: LinkRef, holdToken: string): Promise<void> {
  const base = link.kind === "evergreen" ? `/api/v1/public/links/${encodeURIComponent(link.handle)}/${encodeURIComponent(link.slug)}` : `/api/v1/public/one-time/${encodeURIComponent(link.token)}`;
  return fetch(`${base}/holds/${encodeURIComponent(holdToken)}`, { method: "DELETE", keepalive: true }).then(
    () => undefined,
    () => undefined,
  );
}

const manage = (token: string) => ({ params: { path: { token } } });

export function fetchManagedBooking(token: string): Promise<ManagedBooking> {
  return unwrap(api.GET("/api/v1/public/manage/{token}", manage(token)));
}

export function fetchManageSlots(token: string, window: SlotWindow): Promise<SlotsView> {
  return unwrap(api.GET("/api/v1/public/manage/{token}/slots", { params: { path: { token }, query: window } }));
}

export function cancelManagedBooking(token: string, reason: string): Promise<ManagedBooking> {
  return unwrap(api.POST("/api/v1/public/manage/{token}/cancel", { ...manage(token), body: reason ? { reason } : {} }));
}

export function eraseManagedBooking(token: string): Promise<unknown> {
  return unwrap(api.POST("/api/v1/public/manage/{token}/erase", manage(token)));
}

export function rescheduleManagedBooking(token: string, start: string): Promise<ManagedBooking> {
  return unwrap(api.POST("/api/v1/public/manage/{token}/reschedule", { ...manage(token), body: { start } }));
}

/** Same-origin path of the booking's .ics file. */
export function icsPath(token: string): string {
  return `/api/v1/public/manage/${encodeURIComponent(token)}/ics`;
}

/** The manage token from the manage URL the booking answer carries. */
export function manageTokenOf(manageUrl: string): string {
  return decodeURIComponent(new URL(manageUrl, location.origin).pathname.split("/").pop() ?? "");
}

/** A fresh Idempotency-Key; getRandomValues also works where randomUUID does not (plain http off localhost). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, "0")).join("");
}
