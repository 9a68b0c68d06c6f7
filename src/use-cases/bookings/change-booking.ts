// Reschedule, cancel and attendance: the changes an owner (session or API key)
// or the invitee (manage link) can make to a booking. Each holds the booking's
// row for its transaction and applies only to the version its caller saw, so
// of two concurrent changes one wins and the other gets 409; each keeps the
// booking id, bumps what must be bumped, and writes history with old and new values.
import { assertChangeable, assertUnchangedSince, busyRangeMs, statusAfterAttendance, type Attendance } from "../../core/booking/booking.js";
import { ConveneError } from "../../core/errors.js";
import type { Actor, TenantId } from "../../core/tenancy.js";
import type { BookingEventType } from "../../core/booking/events.js";
import type { BookingHistoryEntry, BookingRecord } from "../ports/bookings.js";
import type { Repositories, UseCaseDeps } from "../ports/store.js";
import type { AuditContext } from "../request-context.js";
import { EVERYTHING, reachOf, type Reach } from "../auth/reach.js";
import type { AuthContext } from "../auth/authenticate.js";
import { bookingInReach } from "./booking-reach.js";
import { chooseHosts } from "./choose-hosts.js";
import { checkDirectTime } from "./book-direct.js";
import { movesWithinHostHours } from "./direct-reschedule-slots.js";
import { recordBookingEvent } from "./record-booking-event.js";

/**
 * Who changes a booking: a user's RequestContext (with their role: a member changes only bookings they host),
 * or the invitee that a manage link opened (tenant from the booking; no role: the link reaches its one booking).
 */
export type ChangeContext = AuditContext & { auth: { tenantId: TenantId; actor: Actor } & Partial<Pick<AuthContext, "role" | "userId">> };

function reachOfChanger(auth: ChangeContext["auth"]): Reach {
  return auth.role && auth.userId ? reachOf({ role: auth.role, userId: auth.userId }, "bookings.write") : EVERYTHING;
}

/** The SEQUENCE the caller saw (sent by the client, or read when the request started); absent: read now, before the transaction. */
export type SeenSequence = number | undefined;

type Change = {
  deps: UseCaseDeps;
  tenantId: TenantId;
  bookingId: string;
  actor: Actor;
  nowMs: number;
  seenSequence: SeenSequence;
};

function changeOf(deps: UseCaseDeps, ctx: ChangeContext, bookingId: string, seenSequence: SeenSequence): Change {
  return { deps, tenantId: ctx.auth.tenantId, bookingId, actor: ctx.auth.actor, nowMs: ctx.nowMs, seenSequence };
}

export const stateOf = (booking: BookingRecord) => ({ status: booking.status, startMs: booking.startAt.getTime(), endMs: booking.endAt.getTime() });

async function seenSequenceOf(change: Change): Promise<number> {
  if (change.seenSequence !== undefined) return change.seenSequence;
  const booking = await change.deps.store.bookings.get(change.tenantId, change.bookingId);
  if (!booking) throw new ConveneError("NOT_FOUND", "No such booking.");
  return booking.sequence;
}

/** What one change did: the booking after it, its history row and the event it records. */
type Applied = {
  after: BookingRecord;
  history: Pick<BookingHistoryEntry, "action" | "oldValues" | "newValues">;
  event: BookingEventType;
  eventDetails?: { before?: BookingRecord; attendance?: Attendance };
};

/**
 * The frame every change shares: read the sequence the caller saw, hold the
 * booking's row until commit (concurrent changes wait here and then see the
 * winner's result), check that the change is allowed and that nobody changed
 * the booking since, apply it, and write its history row and event.
 */
export async function changeHeldBooking(
  deps: UseCaseDeps,
  ctx: ChangeContext,
  bookingId: string,
  seenSequenceSent: SeenSequence,
  /** Throws when the booking's state does not allow the change; runs before the sequence check, so its error wins. */
  assertAllowed: (before: BookingRecord) => void,
  apply: (repos: Repositories, before: BookingRecord, change: Change) => Promise<Applied>,
): Promise<BookingRecord> {
  const change = changeOf(deps, ctx, bookingId, seenSequenceSent);
  const seenSequence = await seenSequenceOf(change);
  return deps.store.transaction(async (repos) => {
    const before = bookingInReach(await repos.bookings.getForUpdate(change.tenantId, change.bookingId), reachOfChanger(ctx.auth));
    assertAllowed(before);
    assertUnchangedSince(before, seenSequence);
    const { after, history, event, eventDetails } = await apply(repos, before, change);
    await repos.bookings.addHistory(change.tenantId, before.id, { ...history, actor: change.actor, atMs: change.nowMs });
    await recordBookingEvent(repos, change.tenantId, event, after, { actor: change.actor, nowMs: change.nowMs, ...eventDetails });
    return after;
  });
}

export async function rescheduleBooking(deps: UseCaseDeps, ctx: ChangeContext, bookingId: string, newStartMs: number, seenSequenceSent?: SeenSequence): Promise<BookingRecord> {
  const assertAllowed = (before: BookingRecord) => assertChangeable(stateOf(before), ctx.nowMs);
  return changeHeldBooking(deps, ctx, bookingId, seenSequenceSent, assertAllowed, async (repos, before, change) => {
    const link = await repos.links.get(change.tenantId, before.linkId);
    if (movesWithinHostHours(before, link)) return moveDirectBooking(repos, before, change, newStartMs);
    if (!link) throw new ConveneError("BOOKING_NOT_ACTIVE", "The booking's link was deleted; cancel and book again instead.");
    const owner = await repos.users.get(change.tenantId, link.ownerUserId);
    if (!owner) throw new ConveneError("BOOKING_NOT_ACTIVE", "The link's owner no longer exists; cancel and book again instead.");
    const access = { tenantId: change.tenantId, link, owner, oneTimeLink: null };
    const hosts = await chooseHosts(
      repos,
      access,
      { startMs: newStartMs, durationMin: before.durationMin, nowMs: change.nowMs },
      { excludeBookingId: before.id, preferredHostUserIds: before.hostUserIds },
    );
    const busy = busyRangeMs(newStartMs, before.durationMin, link);
    await repos.bookings.replaceHolds(
      change.tenantId,
      before.id,
      hosts.hostUserIds.map((hostUserId) => ({ hostUserId, startMs: newStartMs, busyStartMs: busy.startMs, busyEndMs: busy.endMs })),
    );
    const after = await repos.bookings.update(
      change.tenantId,
      before.id,
      { startAt: new Date(newStartMs), endAt: new Date(newStartMs + before.durationMin * 60_000), status: "rescheduled", sequence: before.sequence + 1 },
      change.nowMs,
    );
    return {
      after,
      history: {
        action: "rescheduled",
        oldValues: { start: before.startAt.toISOString(), end: before.endAt.toISOString(), hostUserIds: before.hostUserIds, sequence: before.sequence },
        newValues: { start: after.startAt.toISOString(), end: after.endAt.toISOString(), hostUserIds: after.hostUserIds, sequence: after.sequence, hostChoice: hosts.why },
      },
      event: "rescheduled",
      eventDetails: { before },
    };
  });
}

export async function cancelBooking(deps: UseCaseDeps, ctx: ChangeContext, bookingId: string, reason: string | null, seenSequenceSent?: SeenSequence): Promise<BookingRecord> {
  const assertAllowed = (before: BookingRecord) => assertChangeable(stateOf(before), ctx.nowMs);
  return changeHeldBooking(deps, ctx, bookingId, seenSequenceSent, assertAllowed, async (repos, before, change) => {
    await repos.bookings.releaseHolds(change.tenantId, before.id);
    const after = await repos.bookings.update(
      change.tenantId,
      before.id,
      { status: "cancelled", cancelReason: reason, cancelledAt: new Date(change.nowMs), sequence: before.sequence + 1 },
      change.nowMs,
    );
    return {
      after,
      history: { action: "cancelled", oldValues: { status: before.status, sequence: before.sequence }, newValues: { status: after.status, reason, sequence: after.sequence } },
      event: "cancelled",
    };
  });
}

/** isFirstMarkOnly: refuse (ATTENDANCE_ALREADY_RECORDED) when a mark exists, checked with the row held (the attendance email's links). */
export async function recordAttendance(
  deps: UseCaseDeps,
  ctx: ChangeContext,
  bookingId: string,
  attendance: Attendance,
  seenSequenceSent?: SeenSequence,
  options: { isFirstMarkOnly?: boolean } = {},
): Promise<BookingRecord> {
  const statusOf = (before: BookingRecord) => {
    if (options.isFirstMarkOnly && before.attendanceMarkedAt) {
      throw new ConveneError("ATTENDANCE_ALREADY_RECORDED", `Attendance was already recorded for this meeting (${before.status === "no_show" ? "no-show" : "showed"}).`, {
        details: { attendance: before.status === "no_show" ? "no_show" : "showed" },
      });
    }
    return statusAfterAttendance(stateOf(before), attendance, ctx.nowMs);
  };
  return changeHeldBooking(deps, ctx, bookingId, seenSequenceSent, statusOf, async (repos, before, change) => {
    const status = statusOf(before);
    const after = await repos.bookings.update(change.tenantId, before.id, { status, attendanceMarkedAt: new Date(change.nowMs) }, change.nowMs);
    return { after, history: { action: "attendance", oldValues: { status: before.status }, newValues: { status, attendance } }, event: "attendance_recorded", eventDetails: { attendance } };
  });
}

/**
 * A booking made directly without a link (POST /bookings) moves within its
 * hosts' own working hours and free time, with the same hosts and no buffers.
 */
async function moveDirectBooking(repos: Repositories, before: BookingRecord, change: Change, newStartMs: number) {
  const hosts = (await Promise.all(before.hostUserIds.map((id) => repos.users.get(change.tenantId, id)))).flatMap((host) => (host ? [host] : []));
  if (hosts.length === 0) throw new ConveneError("BOOKING_NOT_ACTIVE", "The booking's hosts no longer exist; cancel and book again instead.");
  await repos.bookings.lockHosts(change.tenantId, before.hostUserIds);
  await checkDirectTime(repos, change.tenantId, hosts, { startMs: newStartMs, durationMin: before.durationMin, allowOutsideHours: false }, change.nowMs, before.id);
  const endMs = newStartMs + before.durationMin * 60_000;
  await repos.bookings.replaceHolds(change.tenantId, before.id, before.hostUserIds.map((hostUserId) => ({ hostUserId, startMs: newStartMs, busyStartMs: newStartMs, busyEndMs: endMs })));
  const after = await repos.bookings.update(change.tenantId, before.id, { startAt: new Date(newStartMs), endAt: new Date(endMs), status: "rescheduled", sequence: before.sequence + 1 }, change.nowMs);
  return {
    after,
    history: {
      action: "rescheduled" as const,
      oldValues: { start: before.startAt.toISOString(), end: before.endAt.toISOString(), hostUserIds: before.hostUserIds, sequence: before.sequence },
      newValues: { start: after.startAt.toISOString(), end: after.endAt.toISOString(), hostUserIds: after.hostUserIds, sequence: after.sequence, hostChoice: "booked directly: the same hosts" },
    },
    event: "rescheduled" as const,
    eventDetails: { before },
  };
}
