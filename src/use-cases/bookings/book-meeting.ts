// An invitee books a meeting through a public link: check the request, turn
// away a time already gone (unlocked, cached reads), take the hosts' locks,
// ask the engine again, write the booking and its holds (the
// exclusion constraint is the last word), consume a one-time link — all in
// one transaction. A time taken meanwhile answers SLOT_TAKEN with the nearest
// free slots. With a hold token, the hold's own time counts as free and the
// hold is consumed just before the booking's rows take its range.
import { normalizeEmail } from "../../core/account/limits.js";
import { validateAnswers } from "../../core/booking/questions.js";
import { busyRangeMs } from "../../core/booking/booking.js";
import { ConveneError, isConveneError } from "../../core/errors.js";
import { acceptTimeZone } from "../../core/time/zone.js";
import { openPublicLink, type PublicLinkRef } from "../auth/public-access.js";
import { hashToken, newSecretToken } from "../auth/secret-token.js";
import type { BookingRecord, StoredResponse } from "../ports/bookings.js";
import type { UseCaseDeps } from "../ports/store.js";
import type { PublicRequestContext } from "../request-context.js";
import { chooseHosts, precheckHosts } from "./choose-hosts.js";
import { durationFor, nearestFreeSlotsMs } from "./list-slots.js";
import { claimedViewId } from "./page-views.js";
import { recordBookingEvent } from "./record-booking-event.js";
import { consumeHold, heldSlotOf, noteHoldBooking } from "../holds/consume-hold.js";

export type BookingRequest = {
  startMs: number;
  durationMin?: number | undefined;
  timeZone: string;
  name: string;
  email: string;
  answers: Record<string, unknown>;
  guests?: string[] | undefined;
  notes?: string | undefined;
  /** The token of the page view this booking is made from (see page-views.ts); a bad one is ignored. */
  viewId?: string | undefined;
  /** A hold taken on this link for this very slot (hold-slot.ts): the booking cannot lose the race to anyone else. */
  holdToken?: string | undefined;
};

export type Booked = { booking: BookingRecord; manageToken: string };

/** Lets the HTTP layer store its answer in the booking's own transaction (Idempotency-Key). */
export type IdempotentSave = { scope: string; key: string; requestHash: string; toResponse(booked: Booked): Omit<StoredResponse, "requestHash"> };

export async function bookMeeting(
  deps: UseCaseDeps,
  ref: PublicLinkRef,
  request: BookingRequest,
  ctx: PublicRequestContext,
  idempotency?: IdempotentSave,
): Promise<Booked> {
  const { nowMs } = ctx;
  const inviteeTimeZone = acceptTimeZone(request.timeZone);
  // Read through the cache: the transaction below re-checks what matters
  // (free time under the constraint, a one-time link's single use).
  const access = await openPublicLink(deps, ref, nowMs);
  const durationMin = durationFor(access, request.durationMin);
  const template = access.link.templateId ? await deps.store.templates.get(access.tenantId, access.link.templateId) : null;
  const answers = validateAnswers(template?.questions ?? [], request.answers);
  const linkViewId = await claimedViewId(deps, access, request.viewId, nowMs);
  const meeting = { startMs: request.startMs, durationMin, nowMs };
  const held = request.holdToken === undefined ? null : await heldSlotOf(deps.store, access.tenantId, request.holdToken, nowMs);
  // The hold's own time is the holder's; a round-robin booking stays with the held host.
  const anyHost = { excludeBookingId: null, preferredHostUserIds: [], excludeHoldId: held?.id ?? null, heldHostUserIds: held?.hostUserIds };
  try {
    // Most losers of a race learn here, without queueing on the hosts' locks, that the time is gone.
    await precheckHosts(deps.store, access, meeting, anyHost);
    return await deps.store.transaction(async (repos) => {
      const hosts = await chooseHosts(repos, access, meeting, anyHost);
      const slot = { hostUserIds: hosts.hostUserIds, startMs: request.startMs, endMs: request.startMs + durationMin * 60_000, linkId: access.link.id };
      const consumed = request.holdToken === undefined ? null : await consumeHold(repos, access.tenantId, request.holdToken, slot, nowMs);

      const manageToken = newSecretToken();
      const busy = busyRangeMs(request.startMs, durationMin, access.link);
      const booking = await repos.bookings.create(
        access.tenantId,
        {
          linkId: access.link.id,
          oneTimeLinkId: access.oneTimeLink?.id ?? null,
          startAt: new Date(request.startMs),
          endAt: new Date(request.startMs + durationMin * 60_000),
          durationMin,
          inviteeName: request.name,
          inviteeEmail: normalizeEmail(request.email),
          inviteeTimeZone,
          answers,
          guests: request.guests ?? [],
          notes: request.notes ?? null,
          hostUserIds: hosts.hostUserIds,
          manageTokenHash: hashToken(manageToken),
          manageTokenSealed: deps.secrets.seal(manageToken),
          createdAtMs: nowMs,
          linkViewId,
        },
        hosts.hostUserIds.map((hostUserId) => ({ hostUserId, startMs: request.startMs, busyStartMs: busy.startMs, busyEndMs: busy.endMs })),
      );
      if (consumed) await noteHoldBooking(repos, access.tenantId, consumed.holdId, booking.id);
      if (access.oneTimeLink && !(await repos.oneTimeLinks.markBooked(access.tenantId, access.oneTimeLink.id, booking.id))) {
        throw new ConveneError("LINK_USED", "This one-time link has already been used to book a meeting.");
      }
      await repos.bookings.addHistory(access.tenantId, booking.id, {
        action: "created",
        actor: { type: "invitee", id: booking.inviteeEmail },
        oldValues: null,
        newValues: { start: booking.startAt.toISOString(), end: booking.endAt.toISOString(), hostUserIds: hosts.hostUserIds, hostChoice: hosts.why },
        atMs: nowMs,
      });
      await recordBookingEvent(repos, access.tenantId, "created", booking, { actor: { type: "invitee", id: booking.inviteeEmail }, nowMs });
      const booked = { booking, manageToken };
      if (idempotency && !(await repos.idempotency.save(idempotency.scope, idempotency.key, { requestHash: idempotency.requestHash, ...idempotency.toResponse(booked) }))) {
        throw new ConveneError("IDEMPOTENCY_KEY_REUSED", "A request with this Idempotency-Key is being processed; retry to get its answer.");
      }
      return booked;
    });
  } catch (error) {
    if (isConveneError(error) && error.code === "SLOT_TAKEN") throw await withNearestSlots(deps, ref, request, nowMs, error);
    throw error;
  }
}

/** SLOT_TAKEN with the nearest free slots of the link in its details, for the caller to offer instead. */
export async function withNearestSlots(deps: UseCaseDeps, ref: PublicLinkRef, request: Pick<BookingRequest, "startMs" | "durationMin">, nowMs: number, error: ConveneError): Promise<ConveneError> {
  const access = await openPublicLink(deps, ref, nowMs);
  const durationMin = durationFor(access, request.durationMin);
  const nearest = await nearestFreeSlotsMs(deps.store, access, request.startMs, durationMin, nowMs);
  return new ConveneError("SLOT_TAKEN", error.message, {
    cause: error,
    details: {
      ...error.details,
      nearestSlots: nearest.map((startMs) => ({ start: new Date(startMs).toISOString(), end: new Date(startMs + durationMin * 60_000).toISOString() })),
    },
  });
}
