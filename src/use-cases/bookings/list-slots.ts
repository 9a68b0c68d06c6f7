// The free slots of a public link over a window, grouped by local date in the viewer's zone.
import { groupSlotsByLocalDate } from "../../core/availability/present.js";
import { computeSlots } from "../../core/availability/slots.js";
import { checkWindowLength, firstSlotPage, MAX_SLOTS_PER_ANSWER } from "../../core/availability/query-bounds.js";
import { slotIntervalMinOf, slotQueryFor } from "../../core/booking/link-rules.js";
import { ConveneError } from "../../core/errors.js";
import { MS_PER_DAY, MS_PER_MINUTE } from "../../core/time/calendar-date.js";
import { assertTimeZone } from "../../core/time/zone.js";
import type { PublicLinkAccess } from "../auth/public-access.js";
import type { Repositories, UseCaseDeps } from "../ports/store.js";
import type { PublicRequestContext } from "../request-context.js";
import { loadHostLoads } from "./host-loads.js";

export const DEFAULT_WINDOW_DAYS = 30;

export type SlotsRequest = { fromMs?: number | undefined; toMs?: number | undefined; durationMin?: number | undefined; timeZone?: string | undefined };

/** The durations a booking through this access may have: a one-time link's fixed one, or the link's. */
export function offeredDurationsMin(access: PublicLinkAccess): { durationsMin: number[]; defaultDurationMin: number } {
  const fixed = access.oneTimeLink?.durationMin;
  return fixed ? { durationsMin: [fixed], defaultDurationMin: fixed } : { durationsMin: access.link.durationsMin, defaultDurationMin: access.link.defaultDurationMin };
}

/** The duration a booking through this access may have: the one asked for, if offered, else the default. */
export function durationFor(access: PublicLinkAccess, durationMin: number | undefined): number {
  const { durationsMin: allowed, defaultDurationMin } = offeredDurationsMin(access);
  const chosen = durationMin ?? defaultDurationMin;
  if (!allowed.includes(chosen)) {
    throw new ConveneError("VALIDATION_FAILED", `durationMin must be one of ${allowed.join(", ")}.`, {
      details: { errors: [{ path: "durationMin", message: `one of ${allowed.join(", ")}` }] },
    });
  }
  return chosen;
}

/** Slot starts (epoch ms) free for this access in [fromMs, toMs), honouring a one-time link's picked times. */
export async function freeSlotStartsMs(
  repos: Repositories,
  access: PublicLinkAccess,
  window: { fromMs: number; toMs: number; durationMin: number },
  nowMs: number,
  excludeBookingId: string | null = null,
): Promise<number[]> {
  const loads = await loadHostLoads(repos, access.tenantId, access.link, { ...window, nowMs }, excludeBookingId);
  const starts = computeSlots(slotQueryFor(access.link, loads, { ...window, nowMs }));
  const picked = access.oneTimeLink?.slotStartsMs;
  if (!picked) return starts;
  const pickedSet = new Set(picked);
  return starts.filter((startMs) => pickedSet.has(startMs));
}

/**
 * The free slots of a window, one page at a time: at most MAX_SLOTS_PER_ANSWER
 * slots, computed over no more of the window than that many could fill. When
 * the page stops short of the window, `nextFromMs` is where the next page
 * starts (ask again with from = nextFrom and the same to); it is null otherwise.
 */
export async function listSlots(repos: Repositories, access: PublicLinkAccess, request: SlotsRequest, nowMs: number, excludeBookingId: string | null = null) {
  const timeZone = request.timeZone ?? access.link.timeZone;
  assertTimeZone(timeZone);
  const durationMin = durationFor(access, request.durationMin);
  const fromMs = request.fromMs ?? nowMs;
  const toMs = request.toMs ?? fromMs + DEFAULT_WINDOW_DAYS * MS_PER_DAY;
  if (toMs <= fromMs) throw new ConveneError("VALIDATION_FAILED", "`to` must be after `from`.", { details: { errors: [{ path: "querystring.to", message: "must be after from" }] } });
  // Refused as the engine would refuse it, before the page makes the engine's window shorter.
  checkWindowLength(fromMs, toMs);
  const { starts, nextFromMs } = await slotPage({ fromMs, toMs, durationMin, intervalMin: slotIntervalMinOf(access.link) }, nowMs, (computeToMs) =>
    freeSlotStartsMs(repos, access, { fromMs, toMs: computeToMs, durationMin }, nowMs, excludeBookingId),
  );
  return { timeZone, durationMin, days: groupSlotsByLocalDate(starts, durationMin, timeZone), nextFromMs };
}

/**
 * The first page of free starts in [fromMs, toMs) (see firstSlotPage), from
 * `freeStartsUntil`, which answers the free starts from fromMs up to the
 * instant it is given.
 */
export async function slotPage(
  window: { fromMs: number; toMs: number; durationMin: number; intervalMin: number },
  nowMs: number,
  freeStartsUntil: (computeToMs: number) => Promise<number[]>,
): Promise<{ starts: number[]; nextFromMs: number | null }> {
  const { fromMs, toMs, durationMin } = window;
  // Nothing starts before now: a page spent on the past would be empty.
  const page = firstSlotPage(Math.max(fromMs, Math.min(nowMs, toMs)), toMs, window.intervalMin);
  // A slot starting just before the page's end may end after it: compute up to a duration further, keep starts before the end.
  const computeToMs = page.nextFromMs === null ? toMs : Math.min(toMs, page.pageEndMs + durationMin * MS_PER_MINUTE);
  let starts = await freeStartsUntil(computeToMs);
  let nextFromMs = page.nextFromMs;
  if (nextFromMs !== null) starts = starts.filter((startMs) => startMs < page.pageEndMs);
  if (starts.length > MAX_SLOTS_PER_ANSWER) {
    nextFromMs = starts[MAX_SLOTS_PER_ANSWER]!;
    starts = starts.slice(0, MAX_SLOTS_PER_ANSWER);
  }
  return { starts, nextFromMs };
}

/** The free slots of a public link (or one-time link) the caller opened with openPublicLink. */
export async function listPublicSlots(deps: UseCaseDeps, access: PublicLinkAccess, request: SlotsRequest, ctx: PublicRequestContext) {
  return listSlots(deps.store, access, request, ctx.nowMs);
}

/** Up to `count` free starts nearest to aroundMs (within three days either side), nearest first. */
export async function nearestFreeSlotsMs(repos: Repositories, access: PublicLinkAccess, aroundMs: number, durationMin: number, nowMs: number, count = 5): Promise<number[]> {
  const starts = await freeSlotStartsMs(repos, access, { fromMs: Math.max(nowMs, aroundMs - 3 * MS_PER_DAY), toMs: aroundMs + 3 * MS_PER_DAY, durationMin }, nowMs);
  return starts
    .sort((a, b) => Math.abs(a - aroundMs) - Math.abs(b - aroundMs) || a - b)
    .slice(0, count)
    .sort((a, b) => a - b);
}
