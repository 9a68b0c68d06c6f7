// The free slots a draft link would offer over the next days, computed by the
// same engine and host loads as a saved link's public slots, without saving
// anything: what the link wizard shows before the owner commits.
import { groupSlotsByLocalDate } from "../../core/availability/present.js";
import { computeSlots } from "../../core/availability/slots.js";
import { slotQueryFor } from "../../core/booking/link-rules.js";
import { ConveneError } from "../../core/errors.js";
import { MS_PER_DAY } from "../../core/time/calendar-date.js";
import { assertTimeZone } from "../../core/time/zone.js";
import { loadHostLoads } from "../bookings/host-loads.js";
import type { UseCaseDeps } from "../ports/store.js";
import type { RequestContext } from "../request-context.js";
import { checkLink, withDefaults, type LinkInput } from "./link-input.js";

export const DEFAULT_PREVIEW_DAYS = 14;
/** A preview is a glance, not an export: two months keeps it quick for busy hosts. */
export const MAX_PREVIEW_DAYS = 62;

export type PreviewRequest = { days?: number | undefined; timeZone?: string | undefined; durationMin?: number | undefined };

export async function previewLinkSlots(deps: UseCaseDeps, ctx: RequestContext, input: LinkInput, request: PreviewRequest) {
  const { auth, nowMs } = ctx;
  const repos = deps.store;
  const owner = await repos.users.get(auth.tenantId, auth.userId);
  if (!owner) throw new ConveneError("UNAUTHENTICATED");
  const draft = withDefaults(input, owner);
  await checkLink(repos, auth.tenantId, draft);
  const timeZone = request.timeZone ?? draft.timeZone;
  assertTimeZone(timeZone);
  const durationMin = request.durationMin ?? draft.defaultDurationMin;
  if (!draft.durationsMin.includes(durationMin)) {
    throw new ConveneError("VALIDATION_FAILED", `durationMin must be one of ${draft.durationsMin.join(", ")}.`, {
      details: { errors: [{ path: "querystring.durationMin", message: `one of ${draft.durationsMin.join(", ")}` }] },
    });
  }
  const days = Math.min(request.days ?? DEFAULT_PREVIEW_DAYS, MAX_PREVIEW_DAYS);
  const window = { fromMs: nowMs, toMs: nowMs + days * MS_PER_DAY, durationMin };
  const loads = await loadHostLoads(repos, auth.tenantId, draft, { ...window, nowMs });
  const starts = computeSlots(slotQueryFor(draft, loads, { ...window, nowMs }));
  return { timeZone, durationMin, days: groupSlotsByLocalDate(starts, durationMin, timeZone) };
}
