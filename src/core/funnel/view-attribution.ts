// Which bookings count toward conversion: those made from a booking page the
// invitee opened. The page's answer carries a token naming its view; the
// booking sends it back, and the booking keeps the view only when it is a view
// of the same link (or one-time link) and recent. A bad claim is ignored, never
// refused: the booking matters more than the statistic. Pure.
import { MS_PER_DAY } from "../time/calendar-date.js";

/** A page left open longer than this before booking no longer counts as the view that led to it. */
export const MAX_VIEW_AGE_MS = MS_PER_DAY;

/** The sentence the API and the dashboard use to say what conversion measures. */
export const CONVERSION_DEFINITION =
  "Conversion: bookings made from a viewed page ÷ page views. Bookings without a page view (through the API, a one-time link booked without opening its page, or made before views were tracked) count as bookings but not toward conversion.";

/** The plaintext sealed into a view token; the sealing (see SecretSealer) makes it opaque and unforgeable. */
const PAYLOAD_PREFIX = "view:";

export function viewTokenPayload(viewId: number): string {
  return `${PAYLOAD_PREFIX}${viewId}`;
}

/** The view id in an opened token's plaintext; null when it is not one of ours. */
export function viewIdOfPayload(payload: string): number | null {
  if (!payload.startsWith(PAYLOAD_PREFIX)) return null;
  const digits = payload.slice(PAYLOAD_PREFIX.length);
  if (!/^[1-9][0-9]{0,15}$/.test(digits)) return null;
  const viewId = Number(digits);
  return Number.isSafeInteger(viewId) ? viewId : null;
}

export type ViewFacts = { linkId: string; oneTimeLinkId: string | null; atMs: number };

/** Whether a booking through this link (and one-time link, if any) at nowMs may claim the view. */
export function isViewOfBooking(view: ViewFacts, booking: { linkId: string; oneTimeLinkId: string | null; nowMs: number }): boolean {
  return (
    view.linkId === booking.linkId &&
    view.oneTimeLinkId === booking.oneTimeLinkId &&
    view.atMs <= booking.nowMs &&
    booking.nowMs - view.atMs <= MAX_VIEW_AGE_MS
  );
}
