// What the messages, the invite, the .ics download and the calendar event say
// about a booking, as it is now; and where the booking's meeting happens, for
// the pages and the API that show it too. A Google Meet or Teams location
// reads its link from the host's calendar write, so every one of them shows
// the link as soon as the calendar made it.
import { orderedAnswers } from "../../core/booking/answer-order.js";
import { conferenceHostOf, conferenceOf, type ConferenceState } from "../../core/booking/conference-location.js";
import { resolveMeetingLocation, type MeetingLocation, type MeetingRoomSettings } from "../../core/booking/meeting-location.js";
import { isConveneError } from "../../core/errors.js";
import type { ConferenceKind } from "../../core/calendars/event-details.js";
import type { MeetingFacts } from "../../core/notifications/messages.js";
import { linkUrls, manageUrls } from "../../core/public-urls.js";
import type { TenantId } from "../../core/tenancy.js";
import type { BookingRecord } from "../ports/bookings.js";
import type { LinkRecord } from "../ports/links.js";
import type { Repositories, SecretSealer } from "../ports/store.js";
import { CALENDAR_CHANNEL, hostOfDedupeKey } from "./calendar-channel.js";

export type MeetingLocationDeps = { meetingRooms: MeetingRoomSettings };
export type MeetingFactsDeps = MeetingLocationDeps & { secrets: SecretSealer; publicUrl: string };

type LocatedBooking = Pick<BookingRecord, "id" | "hostUserIds" | "location" | "organizerUserId">;
type LocationSource = Pick<LinkRecord, "location"> & { ownerUserId: string | null };

/**
 * Whose location a booking has: its own (a direct booking's), else its
 * link's; with whose meeting it is (the organizer of a direct booking, else
 * the link's owner). Null when it has neither (no location, or the link was deleted).
 */
export function locationSourceOf(link: Pick<LinkRecord, "location" | "ownerUserId"> | null, booking: Pick<BookingRecord, "location" | "organizerUserId">): LocationSource | null {
  const ownerUserId = booking.organizerUserId ?? link?.ownerUserId ?? null;
  if (booking.location) return { location: booking.location, ownerUserId };
  return link ? { location: link.location, ownerUserId } : null;
}

/**
 * Where the booking's meeting happens, with its address: the one answer every
 * message, invite, page and calendar event shows. Null when it has no location
 * (a direct booking without one, or a booking whose link was deleted).
 */
export async function bookingLocation(
  deps: MeetingLocationDeps,
  repos: Repositories,
  tenantId: TenantId,
  link: Pick<LinkRecord, "location" | "ownerUserId"> | null,
  booking: LocatedBooking,
): Promise<MeetingLocation | null> {
  const source = locationSourceOf(link, booking);
  if (!source) return null;
  return resolveMeetingLocation(source.location, booking.id, deps.meetingRooms, await conferenceState(repos, tenantId, source, booking));
}

/** conferenceState for a booking as stored (its link read here), with the service's name; null for locations without a conference. */
export async function bookingConference(repos: Repositories, tenantId: TenantId, booking: LocatedBooking & Pick<BookingRecord, "linkId">): Promise<{ state: ConferenceState; serviceName: string } | null> {
  const source = locationSourceOf(await repos.links.get(tenantId, booking.linkId), booking);
  const spec = source ? conferenceOf(source.location.type) : null;
  const state = source && spec ? await conferenceState(repos, tenantId, source, booking) : null;
  return state && spec ? { state, serviceName: spec.serviceName } : null;
}

/**
 * Where a Google Meet or Teams booking's link stands (null for other
 * locations): the conference host's calendar write holds it once made; until
 * then it is pending while that host's calendar delivery is (or is about to
 * be) under way, and unavailable when the host has no calendar of the
 * provider any more or the write ended without one.
 */
export async function conferenceState(
  repos: Repositories,
  tenantId: TenantId,
  link: LocationSource,
  booking: Pick<BookingRecord, "id" | "hostUserIds">,
): Promise<ConferenceState | null> {
  const spec = conferenceOf(link.location.type);
  if (!spec) return null;
  const hostUserId = conferenceHostOf(booking, link.ownerUserId);
  const write = hostUserId ? await repos.calendars.getWrite(tenantId, booking.id, hostUserId) : null;
  if (write?.conferenceUrl) return { state: "ready", url: write.conferenceUrl };
  const host = hostUserId ? await repos.users.get(tenantId, hostUserId) : null;
  const hostName = host?.name ?? "The host";
  const destination = hostUserId ? await repos.calendars.destinationOf(tenantId, hostUserId) : null;
  if (!hostUserId || destination?.connection.provider !== spec.provider) return { state: "unavailable", reason: "not_connected", hostName };
  const writes = (await repos.deliveries.listForBooking(tenantId, booking.id)).filter((delivery) => delivery.channel === CALENDAR_CHANNEL && hostOfDedupeKey(delivery.dedupeKey) === hostUserId);
  // No calendar delivery yet: the booking's event has not been fanned out (it will be within a relay pass).
  if (writes.length === 0 || writes.some((delivery) => delivery.state === "pending")) return { state: "pending" };
  return { state: "unavailable", reason: "not_created", hostName };
}

export async function meetingFacts(deps: MeetingFactsDeps, repos: Repositories, tenantId: TenantId, booking: BookingRecord): Promise<MeetingFacts> {
  const link = await repos.links.get(tenantId, booking.linkId);
  // A direct booking's organizer is its own; a link's booking is its owner's meeting.
  const organizerUserId = booking.organizerUserId ?? link?.ownerUserId ?? null;
  const owner = organizerUserId ? await repos.users.get(tenantId, organizerUserId) : null;
  const source = locationSourceOf(link, booking);
  const hosts = (await Promise.all(booking.hostUserIds.map((id) => repos.users.get(tenantId, id)))).flatMap((host) => (host ? [host] : []));
  const template = link?.templateId ? await repos.templates.get(tenantId, link.templateId) : null;
  const organizer = owner ?? hosts[0];
  return {
    bookingId: booking.id,
    sequence: booking.sequence,
    status: booking.status,
    title: booking.title ?? link?.title ?? booking.externalTitle ?? "Meeting",
    description: link?.description ?? "",
    startMs: booking.startAt.getTime(),
    endMs: booking.endAt.getTime(),
    location: source ? await bookingLocation(deps, repos, tenantId, link, booking) : externalLocation(booking),
    organizer: { name: organizer?.name ?? "Convene", email: organizer?.email ?? "no-reply@convene.invalid" },
    hosts: hosts.map((host) => ({ name: host.name, email: host.email, timeZone: host.timeZone })),
    invitee: { name: booking.inviteeName, email: booking.inviteeEmail, timeZone: booking.inviteeTimeZone },
    answers: orderedAnswers(template?.questions ?? [], booking.answers).map(({ label, value }) => ({ label, value })),
    guests: booking.guests,
    notes: booking.notes,
    cancelReason: booking.cancelReason,
    manageUrl: manageUrlOf(deps, booking),
    bookAgainUrl: link && owner && owner.id === link.ownerUserId ? linkUrls(deps.publicUrl, owner.handle, link.slug).bookingUrl : null,
    publicUrl: deps.publicUrl,
  };
}

/** Where a booking made at Cal.com or Calendly happens: the URL its provider gave, if any. */
function externalLocation(booking: BookingRecord): MeetingLocation | null {
  const url = booking.externalMeetingUrl;
  return url ? { type: "meeting_url", label: "Join", text: url, url: /^https?:\/\//i.test(url) ? url : null } : null;
}

/** The invitee's manage link; null when the token was sealed under a key no longer configured. */
function manageUrlOf(deps: MeetingFactsDeps, booking: BookingRecord): string | null {
  if (!booking.manageTokenSealed) return null;
  try {
    return manageUrls(deps.publicUrl, deps.secrets.open(booking.manageTokenSealed)).manageUrl;
  } catch (error) {
    if (isConveneError(error) && error.code === "SECRET_UNREADABLE") return null;
    throw error;
  }
}

/** One host's calendar write of a Google Meet or Teams booking (see conferenceForHost). */
export type HostConference = {
  /** Ask the calendar for the meeting: set for the conference host's write, when their calendar is of the provider that makes it. */
  request: ConferenceKind | null;
  /** What the event says while it has no link: the service's name. */
  serviceName: string;
  /** For the other hosts' writes: where the link they carry stands (they wait for it while pending); null for the conference host's. */
  awaited: ConferenceState | null;
};

/**
 * What one host's calendar write does about a Google Meet or Teams booking:
 * the conference host's write asks its calendar for the one meeting; the
 * other hosts' writes carry its link, and wait for it meanwhile. Null for
 * other locations.
 */
export async function conferenceForHost(
  repos: Repositories,
  tenantId: TenantId,
  booking: LocatedBooking & Pick<BookingRecord, "linkId">,
  hostUserId: string,
  calendarProvider: string,
): Promise<HostConference | null> {
  const source = locationSourceOf(await repos.links.get(tenantId, booking.linkId), booking);
  const spec = source ? conferenceOf(source.location.type) : null;
  if (!source || !spec) return null;
  if (conferenceHostOf(booking, source.ownerUserId) === hostUserId) return { request: calendarProvider === spec.provider ? spec.kind : null, serviceName: spec.serviceName, awaited: null };
  return { request: null, serviceName: spec.serviceName, awaited: await conferenceState(repos, tenantId, source, booking) };
}
