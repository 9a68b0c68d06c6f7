// What the messages, the invite, the .ics download and the calendar event say
// about a booking, as it is now; and where the booking's meeting happens, for
// the pages and the API that show it too.
import { resolveMeetingLocation, type MeetingLocation, type MeetingRoomSettings } from "../../core/booking/meeting-location.js";
import { isConveneError } from "../../core/errors.js";
import type { MeetingFacts } from "../../core/notifications/messages.js";
import { linkUrls, manageUrls } from "../../core/public-urls.js";
import type { TenantId } from "../../core/tenancy.js";
import type { BookingRecord } from "../ports/bookings.js";
import type { LinkRecord } from "../ports/links.js";
import type { Repositories, SecretSealer } from "../ports/store.js";

export type MeetingLocationDeps = { meetingRooms: MeetingRoomSettings };
export type MeetingFactsDeps = MeetingLocationDeps & { secrets: SecretSealer; publicUrl: string };

/**
 * Where the booking's meeting happens, with its address: the one answer every
 * message, invite, page and calendar event shows. Null when the booking's link
 * was deleted (its location went with it).
 */
export function bookingLocation(deps: MeetingLocationDeps, link: Pick<LinkRecord, "location"> | null, bookingId: string): MeetingLocation | null {
  return link ? resolveMeetingLocation(link.location, bookingId, deps.meetingRooms) : null;
}

export async function meetingFacts(deps: MeetingFactsDeps, repos: Repositories, tenantId: TenantId, booking: BookingRecord): Promise<MeetingFacts> {
  const link = await repos.links.get(tenantId, booking.linkId);
  const owner = link ? await repos.users.get(tenantId, link.ownerUserId) : null;
  const hosts = (await Promise.all(booking.hostUserIds.map((id) => repos.users.get(tenantId, id)))).flatMap((host) => (host ? [host] : []));
  const template = link?.templateId ? await repos.templates.get(tenantId, link.templateId) : null;
  const labels = new Map((template?.questions ?? []).map((question) => [question.id, question.label]));
  const organizer = owner ?? hosts[0];
  return {
    bookingId: booking.id,
    sequence: booking.sequence,
    status: booking.status,
    title: link?.title ?? "Meeting",
    description: link?.description ?? "",
    startMs: booking.startAt.getTime(),
    endMs: booking.endAt.getTime(),
    location: bookingLocation(deps, link, booking.id),
    organizer: { name: organizer?.name ?? "Convene", email: organizer?.email ?? "no-reply@convene.invalid" },
    hosts: hosts.map((host) => ({ name: host.name, email: host.email, timeZone: host.timeZone })),
    invitee: { name: booking.inviteeName, email: booking.inviteeEmail, timeZone: booking.inviteeTimeZone },
    answers: Object.entries(booking.answers).map(([id, value]) => ({ label: labels.get(id) ?? id, value: Array.isArray(value) ? value.join(", ") : String(value) })),
    guests: booking.guests,
    notes: booking.notes,
    cancelReason: booking.cancelReason,
    manageUrl: manageUrlOf(deps, booking),
    bookAgainUrl: link && owner ? linkUrls(deps.publicUrl, owner.handle, link.slug).bookingUrl : null,
    publicUrl: deps.publicUrl,
  };
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
