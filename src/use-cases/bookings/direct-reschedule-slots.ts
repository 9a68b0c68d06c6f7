// The times a booking made without a link (POST /bookings) can move to: its
// hosts' own working hours, bookings and calendars, all of them free at once,
// the booking's own hold left out — the same judgement rescheduleBooking makes
// when it moves it. Answered in the shape of a link's slots, so the invitee's
// manage page reads them like any other.
import { checkOwnerWindow, defaultIntervalMin, ownerSlots } from "../../core/availability/owner-availability.js";
import { groupSlotsByLocalDate } from "../../core/availability/present.js";
import { ConveneError } from "../../core/errors.js";
import type { TenantId } from "../../core/tenancy.js";
import { MS_PER_DAY } from "../../core/time/calendar-date.js";
import { assertTimeZone } from "../../core/time/zone.js";
import type { BookingRecord } from "../ports/bookings.js";
import type { LinkRecord } from "../ports/links.js";
import type { Repositories } from "../ports/store.js";
import { DEFAULT_WINDOW_DAYS, slotPage, type SlotsRequest } from "./list-slots.js";
import { loadOwnerHosts } from "./owner-hosts.js";

/** A booking moves within its hosts' own hours when it was booked directly and has no link to follow (none, or deleted since). */
export function movesWithinHostHours(booking: Pick<BookingRecord, "organizerUserId" | "source">, link: LinkRecord | null): boolean {
  return !link && booking.organizerUserId !== null && booking.source === "convene";
}

export async function directRescheduleSlots(repos: Repositories, tenantId: TenantId, booking: BookingRecord, request: Omit<SlotsRequest, "durationMin">, nowMs: number) {
  const timeZone = request.timeZone ?? booking.inviteeTimeZone;
  assertTimeZone(timeZone);
  const hosts = (await Promise.all(booking.hostUserIds.map((id) => repos.users.get(tenantId, id)))).flatMap((host) => (host ? [host] : []));
  if (hosts.length === 0) throw new ConveneError("BOOKING_NOT_ACTIVE", "The booking's hosts no longer exist; it cannot be rescheduled.");
  const { durationMin } = booking;
  const fromMs = request.fromMs ?? nowMs;
  const toMs = request.toMs ?? fromMs + DEFAULT_WINDOW_DAYS * MS_PER_DAY;
  const intervalMin = defaultIntervalMin(durationMin);
  checkOwnerWindow({ fromMs, toMs, durationMin, intervalMin });
  const { starts, nextFromMs } = await slotPage({ fromMs, toMs, durationMin, intervalMin }, nowMs, async (computeToMs) => {
    const window = { fromMs, toMs: computeToMs, durationMin, intervalMin, mode: "all" as const, nowMs };
    const loads = await loadOwnerHosts(repos, tenantId, hosts, window, booking.id);
    return ownerSlots(loads, window).map((slot) => slot.startMs);
  });
  return { timeZone, durationMin, days: groupSlotsByLocalDate(starts, durationMin, timeZone), nextFromMs };
}
