// The invitee's private manage link: the booking as they see it, the times it
// can move to, its calendar file, and the changes they may make. The token is
// the capability; the invitee acts on the version this request read unless
// they name the one they saw.
import { bookableUntilMs } from "../../core/booking/link-rules.js";
import type { MeetingLocation } from "../../core/booking/meeting-location.js";
import { openManagedBooking, type ManagedBooking } from "../auth/public-access.js";
import type { DeliveryDeps } from "../deliveries/email-channel.js";
import { bookingLocation, meetingFacts, type MeetingLocationDeps } from "../deliveries/meeting-facts.js";
import type { UserRecord } from "../ports/accounts.js";
import type { BookingRecord } from "../ports/bookings.js";
import type { LinkRecord } from "../ports/links.js";
import type { UseCaseDeps } from "../ports/store.js";
import type { PublicRequestContext } from "../request-context.js";
import { cancelBooking, rescheduleBooking, type ChangeContext } from "./change-booking.js";
import { rescheduleSlots } from "./reschedule-slots.js";
import type { SlotsRequest } from "./list-slots.js";

export type ManagedBookingView = {
  booking: BookingRecord;
  /** Null when the link (or its owner) was deleted since: the booking stays. */
  link: LinkRecord | null;
  /** The link's owner, or the organizer of a booking made without a link. */
  owner: UserRecord | null;
  /** The meeting's title: its own (a direct booking's), else its link's. */
  title: string;
  /** Who the invitee meets: the booking's hosts, by name. */
  hostNames: string[];
  /** Slots to reschedule to start before this instant; null: no limit (or no link). */
  bookableUntilMs: number | null;
  /** Where the meeting happens, as the invitee's emails say; null when the link is gone. */
  location: MeetingLocation | null;
};

type ManageDeps = UseCaseDeps & MeetingLocationDeps;

async function describe(deps: ManageDeps, { tenantId, booking }: ManagedBooking, nowMs: number): Promise<ManagedBookingView> {
  const link = await deps.store.links.get(tenantId, booking.linkId);
  const ownerUserId = link?.ownerUserId ?? booking.organizerUserId;
  const owner = ownerUserId ? await deps.store.users.get(tenantId, ownerUserId) : null;
  // The organizer first: the stored hosts have no order of their own.
  const hostUserIds = [...booking.hostUserIds].sort((a, b) => Number(b === ownerUserId) - Number(a === ownerUserId));
  const hosts = await Promise.all(hostUserIds.map((id) => deps.store.users.get(tenantId, id)));
  return {
    booking,
    link,
    owner,
    title: booking.title ?? link?.title ?? "Meeting",
    hostNames: hosts.flatMap((host) => (host ? [host.name] : [])),
    bookableUntilMs: link ? bookableUntilMs(link, nowMs) : null,
    location: await bookingLocation(deps, deps.store, tenantId, link, booking),
  };
}

export async function getManagedBooking(deps: ManageDeps, manageToken: string, ctx: PublicRequestContext): Promise<ManagedBookingView> {
  return describe(deps, await openManagedBooking(deps, manageToken), ctx.nowMs);
}

/** The times the booking can move to, grouped by date in the invitee's zone unless another is asked for. */
export async function managedBookingSlots(deps: UseCaseDeps, managed: ManagedBooking, request: Omit<SlotsRequest, "durationMin">, ctx: PublicRequestContext) {
  return rescheduleSlots(deps, managed.tenantId, managed.booking.id, { ...request, timeZone: request.timeZone ?? managed.booking.inviteeTimeZone }, ctx.nowMs);
}

/** The booking as an .ics (PUBLISH), with the invitee's manage link in it. */
export async function managedCalendarFile(deps: DeliveryDeps, manageToken: string): Promise<string> {
  const { tenantId, booking } = await openManagedBooking(deps, manageToken);
  return deps.invites.build(await meetingFacts(deps, deps.store, tenantId, booking), "PUBLISH");
}

function inviteeContext({ tenantId, booking }: ManagedBooking, ctx: PublicRequestContext): ChangeContext {
  return { ...ctx, auth: { tenantId, actor: { type: "invitee", id: booking.inviteeEmail } } };
}

export async function cancelManagedBooking(
  deps: ManageDeps,
  manageToken: string,
  request: { reason: string | null; seenSequence?: number | undefined },
  ctx: PublicRequestContext,
): Promise<ManagedBookingView> {
  const managed = await openManagedBooking(deps, manageToken);
  const booking = await cancelBooking(deps, inviteeContext(managed, ctx), managed.booking.id, request.reason, request.seenSequence ?? managed.booking.sequence);
  return describe(deps, { tenantId: managed.tenantId, booking }, ctx.nowMs);
}

export async function rescheduleManagedBooking(
  deps: ManageDeps,
  manageToken: string,
  request: { startMs: number; seenSequence?: number | undefined },
  ctx: PublicRequestContext,
): Promise<ManagedBookingView> {
  const managed = await openManagedBooking(deps, manageToken);
  const booking = await rescheduleBooking(deps, inviteeContext(managed, ctx), managed.booking.id, request.startMs, request.seenSequence ?? managed.booking.sequence);
  return describe(deps, { tenantId: managed.tenantId, booking }, ctx.nowMs);
}
