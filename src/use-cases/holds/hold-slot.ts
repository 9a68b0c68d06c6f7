// Holds a slot for a few minutes: the same checks as booking it (the engine
// says the time is free, under the hosts' locks), then the hold's busy rows
// go under the same exclusion constraint as bookings. The token that comes
// back is the only way to book (or release) the held time.
import { busyRangeMs } from "../../core/booking/booking.js";
import { DEFAULT_HOLD_MINUTES, holdExpiryMs, holdMinutes, type HoldCreator } from "../../core/booking/slot-hold.js";
import { isConveneError } from "../../core/errors.js";
import type { TenantId } from "../../core/tenancy.js";
import { acceptTimeZone } from "../../core/time/zone.js";
import { openPublicLink, type PublicLinkAccess, type PublicLinkRef } from "../auth/public-access.js";
import { hashToken, newSecretToken } from "../auth/secret-token.js";
import { withNearestSlots } from "../bookings/book-meeting.js";
import { chooseHosts, precheckHosts } from "../bookings/choose-hosts.js";
import { durationFor } from "../bookings/list-slots.js";
import type { Repositories, UseCaseDeps } from "../ports/store.js";
import { recordAudit, type PublicRequestContext, type RequestContext } from "../request-context.js";
import { linkForHolding, lockAndCheckOwnHours } from "./hold-hosts.js";

export type HoldAnswer = { holdToken: string; hold: { id: string; startMs: number; endMs: number; expiresAtMs: number; hostUserIds: string[] } };

export type LinkHoldRequest = { startMs: number; durationMin?: number | undefined; timeZone: string; ttlMinutes?: number | undefined };

export type HostsHoldRequest = { startMs: number; durationMin: number; hostUserIds?: string[] | undefined; linkId?: string | undefined; ttlMinutes?: number | undefined };

type Taking = { tenantId: TenantId; linkId: string | null; oneTimeLinkId: string | null; buffers: { bufferBeforeMin: number; bufferAfterMin: number }; usableUntilMs: number | null };

async function takeHold(
  repos: Repositories,
  taking: Taking,
  slot: { startMs: number; durationMin: number; hostUserIds: string[]; ttlMinutes: number },
  createdBy: { type: HoldCreator; id: string | null },
  nowMs: number,
): Promise<HoldAnswer> {
  const holdToken = newSecretToken();
  const busy = busyRangeMs(slot.startMs, slot.durationMin, taking.buffers);
  const hold = await repos.holds.create(
    taking.tenantId,
    {
      linkId: taking.linkId,
      oneTimeLinkId: taking.oneTimeLinkId,
      tokenHash: hashToken(holdToken),
      startMs: slot.startMs,
      endMs: slot.startMs + slot.durationMin * 60_000,
      durationMin: slot.durationMin,
      expiresAtMs: holdExpiryMs(nowMs, slot.ttlMinutes, taking.usableUntilMs),
      createdBy,
      createdAtMs: nowMs,
    },
    slot.hostUserIds.map((hostUserId) => ({ hostUserId, busyStartMs: busy.startMs, busyEndMs: busy.endMs })),
  );
  return { holdToken, hold: { id: hold.id, startMs: hold.startMs, endMs: hold.endMs, expiresAtMs: hold.expiresAtMs, hostUserIds: hold.hostUserIds } };
}

/** A hold through a link the caller may use (public, or the owner's link): the link's rules, hosts and buffers. */
async function holdThroughLink(repos: Repositories, access: PublicLinkAccess, request: LinkHoldRequest & { ttlMinutes: number }, createdBy: { type: HoldCreator; id: string | null }, nowMs: number) {
  const durationMin = durationFor(access, request.durationMin);
  const meeting = { startMs: request.startMs, durationMin, nowMs };
  const hosts = await chooseHosts(repos, access, meeting, { excludeBookingId: null, preferredHostUserIds: [] });
  const taking = {
    tenantId: access.tenantId,
    linkId: access.link.id,
    oneTimeLinkId: access.oneTimeLink?.id ?? null,
    buffers: access.link,
    usableUntilMs: access.oneTimeLink?.expiresAt.getTime() ?? null,
  };
  return takeHold(repos, taking, { startMs: request.startMs, durationMin, hostUserIds: hosts.hostUserIds, ttlMinutes: request.ttlMinutes }, createdBy, nowMs);
}

/** An invitee holds a time on a public booking page (or one-time link, while it is usable). */
export async function holdLinkSlot(deps: UseCaseDeps, ref: PublicLinkRef, request: LinkHoldRequest, ctx: PublicRequestContext): Promise<HoldAnswer> {
  acceptTimeZone(request.timeZone);
  const ttlMinutes = holdMinutes(request.ttlMinutes, DEFAULT_HOLD_MINUTES);
  const access = await openPublicLink(deps, ref, ctx.nowMs);
  const durationMin = durationFor(access, request.durationMin);
  try {
    // Most losers of a race learn here, without queueing on the hosts' locks, that the time is gone.
    await precheckHosts(deps.store, access, { startMs: request.startMs, durationMin, nowMs: ctx.nowMs }, { excludeBookingId: null, preferredHostUserIds: [] });
    return await deps.store.transaction((repos) => holdThroughLink(repos, access, { ...request, ttlMinutes }, { type: "anonymous", id: null }, ctx.nowMs));
  } catch (error) {
    if (isConveneError(error) && error.code === "SLOT_TAKEN") throw await withNearestSlots(deps, ref, { startMs: request.startMs, durationMin }, ctx.nowMs, error);
    throw error;
  }
}

/**
 * The owner side (REST, MCP): a hold through one of the organisation's links,
 * or on hosts' own working hours and calendars without a link.
 */
export async function holdHostsSlot(deps: UseCaseDeps, ctx: RequestContext, input: HostsHoldRequest): Promise<HoldAnswer> {
  const ttlMinutes = holdMinutes(input.ttlMinutes, DEFAULT_HOLD_MINUTES);
  const createdBy = ctx.auth.actor.type === "api_key" ? { type: "api_key" as const, id: ctx.auth.actor.id } : { type: "user" as const, id: ctx.auth.userId };
  return deps.store.transaction(async (repos) => {
    const target = await linkForHolding(repos, ctx.auth, input);
    const answer =
      target.kind === "link"
        ? await holdThroughLink(repos, target.access, { startMs: input.startMs, durationMin: input.durationMin, timeZone: target.access.link.timeZone, ttlMinutes }, createdBy, ctx.nowMs)
        : await (async () => {
            await lockAndCheckOwnHours(repos, ctx.auth.tenantId, target.hostUserIds, { startMs: input.startMs, durationMin: input.durationMin, nowMs: ctx.nowMs });
            const taking = { tenantId: ctx.auth.tenantId, linkId: null, oneTimeLinkId: null, buffers: { bufferBeforeMin: 0, bufferAfterMin: 0 }, usableUntilMs: null };
            return takeHold(repos, taking, { startMs: input.startMs, durationMin: input.durationMin, hostUserIds: target.hostUserIds, ttlMinutes }, createdBy, ctx.nowMs);
          })();
    await recordAudit(repos, ctx, "hold.created", { type: "hold", id: answer.hold.id }, { start: new Date(answer.hold.startMs).toISOString(), hostUserIds: answer.hold.hostUserIds });
    return answer;
  });
}
