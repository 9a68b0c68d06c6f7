// An owner's (or their agent's) view of one of their links' free times: the
// slots of a window in the prospect's zone and, for a time asked about, whether
// it is free, why not (the engine's explain, in the public words) and the
// nearest free starts. The same engine and loads as the public booking page.
import { explainInstant } from "../../core/availability/explain.js";
import { publicReasonDetail } from "../../core/availability/public-reasons.js";
import { slotQueryFor } from "../../core/booking/link-rules.js";
import { ConveneError } from "../../core/errors.js";
import { MS_PER_MINUTE } from "../../core/time/calendar-date.js";
import type { PublicLinkAccess } from "../auth/public-access.js";
import { getLink } from "../links/get-link.js";
import type { UseCaseDeps } from "../ports/store.js";
import type { RequestContext } from "../request-context.js";
import { loadHostLoads } from "./host-loads.js";
import { durationFor, listSlots, nearestFreeSlotsMs, type SlotsRequest } from "./list-slots.js";

export type LinkAvailabilityRequest = SlotsRequest & { atMs?: number | undefined };

export type RequestedTime = { startMs: number; isFree: boolean; reasons: { code: string; message: string }[]; nearestMs: number[] };

/** The link as a booking through it sees it, for a caller who may read the link (links.read). */
export async function linkAccessFor(deps: UseCaseDeps, ctx: RequestContext, linkId: string): Promise<PublicLinkAccess> {
  const { link, owner } = await getLink(deps, ctx, linkId);
  if (!link.isActive) throw new ConveneError("LINK_INACTIVE", "This booking link is switched off; switch it on or use another link.");
  return { tenantId: ctx.auth.tenantId, link, owner, oneTimeLink: null };
}

export async function linkAvailability(deps: UseCaseDeps, ctx: RequestContext, linkId: string, request: LinkAvailabilityRequest) {
  const access = await linkAccessFor(deps, ctx, linkId);
  const slots = await listSlots(deps.store, access, request, ctx.nowMs);
  const requested = request.atMs === undefined ? null : await explainTime(deps, access, request.atMs, durationFor(access, request.durationMin), ctx.nowMs);
  return { ...slots, requested };
}

async function explainTime(deps: UseCaseDeps, access: PublicLinkAccess, startMs: number, durationMin: number, nowMs: number): Promise<RequestedTime> {
  const range = { fromMs: startMs, toMs: startMs + durationMin * MS_PER_MINUTE };
  const loads = await loadHostLoads(deps.store, access.tenantId, access.link, range);
  const explanation = explainInstant(slotQueryFor(access.link, loads, { ...range, durationMin, nowMs }), startMs);
  if (explanation.bookable) return { startMs, isFree: true, reasons: [], nearestMs: [] };
  // The public sentence: an agent may pass it on to the prospect, so no host ids or busy times.
  const reasons = [{ code: explanation.reason, message: publicReasonDetail(explanation.reason) }];
  return { startMs, isFree: false, reasons, nearestMs: await nearestFreeSlotsMs(deps.store, access, startMs, durationMin, nowMs) };
}
