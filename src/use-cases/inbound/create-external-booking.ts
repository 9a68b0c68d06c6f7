// A booking made at Cal.com or Calendly, as Convene stores it: no link, the
// source and the provider's title and meeting URL, the first attendee as the
// invitee and the others as guests, the host the organiser when they are a
// Convene user here (else the source's owner). Its host row is inactive: an
// external meeting already happened at the provider, so Convene must never
// refuse it under the exclusion constraint; the host's connected calendar is
// what blocks the time for Convene's own slots.
import { normalizeEmail } from "../../core/account/limits.js";
import type { ExternalBookingChange } from "../../core/inbound/external-booking.js";
import type { Actor, TenantId } from "../../core/tenancy.js";
import { hashToken, newSecretToken } from "../auth/secret-token.js";
import { recordBookingEvent } from "../bookings/record-booking-event.js";
import type { BookingRecord } from "../ports/bookings.js";
import type { InboundSourceRecord } from "../ports/inbound-sources.js";
import type { Repositories } from "../ports/store.js";

/** Who changes an external booking: the provider, through Convene's pipeline. */
export const INBOUND_ACTOR: Actor = { type: "system", id: null };

async function hostOf(repos: Repositories, tenantId: TenantId, source: InboundSourceRecord, hostEmail: string | null) {
  const organiser = hostEmail ? await repos.users.findByEmailForSignIn(normalizeEmail(hostEmail)) : null;
  const hostUserId = organiser && organiser.tenantId === source.tenantId ? organiser.id : source.ownerUserId;
  return repos.users.get(tenantId, hostUserId);
}

export async function createExternalBooking(repos: Repositories, tenantId: TenantId, source: InboundSourceRecord, change: ExternalBookingChange, nowMs: number): Promise<BookingRecord> {
  const host = await hostOf(repos, tenantId, source, change.hostEmail);
  const hostUserIds = host ? [host.id] : [];
  const [invitee, ...others] = change.attendees;
  const booking = await repos.bookings.create(
    tenantId,
    {
      linkId: null,
      oneTimeLinkId: null,
      source: source.provider,
      inboundSourceId: source.id,
      externalTitle: change.title,
      externalMeetingUrl: change.meetingUrl,
      externalChangedAt: new Date(change.occurredAtMs),
      startAt: new Date(change.startMs),
      endAt: new Date(change.endMs),
      durationMin: Math.round((change.endMs - change.startMs) / 60_000),
      inviteeName: invitee?.name ?? "",
      inviteeEmail: invitee ? normalizeEmail(invitee.email) : "",
      inviteeTimeZone: invitee?.timeZone ?? host?.timeZone ?? "UTC",
      answers: change.answers,
      guests: others.map((attendee) => normalizeEmail(attendee.email)),
      notes: null,
      hostUserIds,
      // External bookings are managed at the provider: a random hash no token leads to.
      manageTokenHash: hashToken(newSecretToken()),
      manageTokenSealed: null,
      createdAtMs: nowMs,
    },
    hostUserIds.map((hostUserId) => ({ hostUserId, startMs: change.startMs, busyStartMs: change.startMs, busyEndMs: change.endMs, isActive: false })),
  );
  await repos.bookings.addHistory(tenantId, booking.id, {
    action: "created",
    actor: INBOUND_ACTOR,
    oldValues: null,
    newValues: { start: booking.startAt.toISOString(), end: booking.endAt.toISOString(), hostUserIds, source: source.provider, uid: change.uid },
    atMs: nowMs,
  });
  await recordBookingEvent(repos, tenantId, "created", booking, { actor: INBOUND_ACTOR, nowMs });
  return booking;
}
