// The view token a booking page carries from its opening to its booking, so
// conversion counts only bookings made from a viewed page. The token is the
// view's id sealed with CONVENE_SECRET_KEY: opaque, and nobody can forge one
// to pin a view that was not theirs.
import { isViewOfBooking, viewIdOfPayload, viewTokenPayload } from "../../core/funnel/view-attribution.js";
import type { PublicLinkAccess } from "../auth/public-access.js";
import type { SecretSealer, UseCaseDeps } from "../ports/store.js";

export function viewTokenOf(secrets: SecretSealer, viewId: number): string {
  return secrets.seal(viewTokenPayload(viewId));
}

/** The view a booking through `access` may keep, or null: a token that is absent, forged, of another link or too old is ignored, never refused. */
export async function claimedViewId(deps: UseCaseDeps, access: PublicLinkAccess, viewToken: string | undefined, nowMs: number): Promise<number | null> {
  if (!viewToken) return null;
  let payload: string;
  try {
    payload = deps.secrets.open(viewToken);
  } catch {
    return null;
  }
  const viewId = viewIdOfPayload(payload);
  if (viewId === null) return null;
  const view = await deps.store.linkViews.get(access.tenantId, viewId);
  const booking = { linkId: access.link.id, oneTimeLinkId: access.oneTimeLink?.id ?? null, nowMs };
  return view && isViewOfBooking(view, booking) ? view.id : null;
}
