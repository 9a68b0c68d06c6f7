// Applies one provider-neutral change (from a webhook or a backfill) to
// Convene's bookings, inside the caller's transaction: hold the uids it names,
// find and hold their booking, let core decide (external-order.ts), apply,
// and record the booking event so the fan-out sees it. Idempotent: the same
// change twice records nothing the second time.
import { decideExternalChange, type ExternalAction } from "../../core/inbound/external-order.js";
import type { ExternalBookingChange } from "../../core/inbound/external-booking.js";
import type { TenantId } from "../../core/tenancy.js";
import { recordBookingEvent } from "../bookings/record-booking-event.js";
import type { BookingHistoryEntry, BookingRecord } from "../ports/bookings.js";
import type { InboundSourceRecord } from "../ports/inbound-sources.js";
import type { Repositories } from "../ports/store.js";
import { createExternalBooking, INBOUND_ACTOR } from "./create-external-booking.js";

export type IngestResult = { effect: "created" | "updated" | "unchanged"; bookingId: string | null; ignoredBecause: string | null };

type Step = { repos: Repositories; tenantId: TenantId; change: ExternalBookingChange; nowMs: number };

export async function ingestExternalChange(repos: Repositories, tenantId: TenantId, source: InboundSourceRecord, change: ExternalBookingChange, nowMs: number): Promise<IngestResult> {
  const uids = change.previousUid ? [change.uid, change.previousUid] : [change.uid];
  await repos.inboundSources.lockUids(tenantId, source.id, uids);
  const bookingId = await repos.inboundSources.findBookingId(tenantId, source.id, uids);
  const before = bookingId ? await repos.bookings.getForUpdate(tenantId, bookingId) : null;
  const known = before && { status: before.status, startMs: before.startAt.getTime(), endMs: before.endAt.getTime(), changedAtMs: before.externalChangedAt?.getTime() ?? null };
  const action = decideExternalChange(known, change);
  if (action.type === "ignore") {
    // A reschedule's new uid names the booking even when nothing else changes (a duplicate, a stale time).
    if (before && !change.isRescheduleCancel) await keyUids(repos, tenantId, source, uids, before.id);
    return { effect: "unchanged", bookingId: before?.id ?? null, ignoredBecause: action.reason };
  }
  const step = { repos, tenantId, change, nowMs };
  let booking = before ?? (await createExternalBooking(repos, tenantId, source, change, nowMs));
  // A create out of order is keyed by every uid it names, so the late old half is recognised.
  await keyUids(repos, tenantId, source, uids, booking.id);
  if (action.type !== "create") booking = await apply(step, booking, action.type === "create_cancelled" ? { type: "cancel" } : action);
  return { effect: before ? "updated" : "created", bookingId: booking.id, ignoredBecause: null };
}

async function keyUids(repos: Repositories, tenantId: TenantId, source: InboundSourceRecord, uids: string[], bookingId: string) {
  for (const uid of uids) await repos.inboundSources.addUid(tenantId, source.id, uid, bookingId);
}

type Change = Exclude<ExternalAction, { type: "ignore" } | { type: "create" } | { type: "create_cancelled" }>;

async function apply({ repos, tenantId, change, nowMs }: Step, before: BookingRecord, action: Change): Promise<BookingRecord> {
  const changedAt = new Date(Math.max(change.occurredAtMs, before.externalChangedAt?.getTime() ?? 0));
  const record = async (after: BookingRecord, history: Pick<BookingHistoryEntry, "action" | "oldValues" | "newValues">, details: Parameters<typeof recordBookingEvent>[4]) => {
    await repos.bookings.addHistory(tenantId, before.id, { ...history, actor: INBOUND_ACTOR, atMs: nowMs });
    await recordBookingEvent(repos, tenantId, history.action === "attendance" ? "attendance_recorded" : history.action === "cancelled" ? "cancelled" : "rescheduled", after, details);
    return after;
  };
  if (action.type === "move") {
    await repos.bookings.replaceHolds(
      tenantId,
      before.id,
      before.hostUserIds.map((hostUserId) => ({ hostUserId, startMs: change.startMs, busyStartMs: change.startMs, busyEndMs: change.endMs, isActive: false })),
    );
    const after = await repos.bookings.update(
      tenantId,
      before.id,
      {
        startAt: new Date(change.startMs),
        endAt: new Date(change.endMs),
        status: "rescheduled",
        sequence: before.sequence + 1,
        externalChangedAt: changedAt,
        externalTitle: change.title || before.externalTitle,
        externalMeetingUrl: change.meetingUrl ?? before.externalMeetingUrl,
      },
      nowMs,
    );
    const oldValues = { start: before.startAt.toISOString(), end: before.endAt.toISOString(), sequence: before.sequence };
    return record(after, { action: "rescheduled", oldValues, newValues: { start: after.startAt.toISOString(), end: after.endAt.toISOString(), sequence: after.sequence, uid: change.uid } }, { actor: INBOUND_ACTOR, nowMs, before });
  }
  if (action.type === "cancel") {
    await repos.bookings.releaseHolds(tenantId, before.id);
    const after = await repos.bookings.update(
      tenantId,
      before.id,
      { status: "cancelled", cancelReason: change.cancelReason, cancelledAt: new Date(nowMs), sequence: before.sequence + 1, externalChangedAt: changedAt },
      nowMs,
    );
    return record(after, { action: "cancelled", oldValues: { status: before.status, sequence: before.sequence }, newValues: { status: after.status, reason: change.cancelReason, sequence: after.sequence } }, { actor: INBOUND_ACTOR, nowMs });
  }
  const isMarked = action.status !== "scheduled";
  const after = await repos.bookings.update(tenantId, before.id, { status: action.status, attendanceMarkedAt: isMarked ? new Date(nowMs) : null, externalChangedAt: changedAt }, nowMs);
  return record(after, { action: "attendance", oldValues: { status: before.status }, newValues: { status: after.status, attendance: change.attendance } }, { actor: INBOUND_ACTOR, nowMs, attendance: change.attendance ?? undefined });
}
