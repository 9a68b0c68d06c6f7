// The body of a booking webhook, {type, timestamp, data} as Standard Webhooks
// suggests: the booking as of the event (times and status from the event's
// facts, the rest from the booking) and data.sequence, the booking's event
// number, so a receiver can order what it gets and drop what it saw; and the
// body of an organisation event (a lead's status, a calendar connection).
import { webhookTypeOf } from "../../core/webhooks/webhook-events.js";
import type { TenantId } from "../../core/tenancy.js";
import { bookingLocation } from "../deliveries/meeting-facts.js";
import type { BookingRecord } from "../ports/bookings.js";
import type { OrgEventFacts } from "../../core/org-events/org-events.js";
import type { BookingEventRecord } from "../ports/events.js";
import type { OrgEventRecord } from "../ports/org-events.js";
import type { Repositories } from "../ports/store.js";
import type { WebhookDeps } from "./webhook-deps.js";

const iso = (ms: number) => new Date(ms).toISOString();

export async function bookingWebhookPayload(deps: Pick<WebhookDeps, "meetingRooms">, repos: Repositories, tenantId: TenantId, event: BookingEventRecord, booking: BookingRecord): Promise<string> {
  const link = booking.linkId ? await repos.links.get(tenantId, booking.linkId) : null;
  const hosts = [];
  for (const hostUserId of event.facts.hostUserIds) {
    const host = await repos.users.get(tenantId, hostUserId);
    hosts.push({ id: hostUserId, name: host?.name ?? null, email: host?.email ?? null });
  }
  const location = await bookingLocation(deps, repos, tenantId, link, booking);
  const facts = event.facts;
  return JSON.stringify({
    type: webhookTypeOf(event.type),
    timestamp: iso(event.occurredAtMs),
    data: {
      sequence: event.seq,
      booking: {
        id: booking.id,
        status: facts.status,
        start: iso(facts.startMs),
        end: iso(facts.endMs),
        previous: facts.previous ? { start: iso(facts.previous.startMs), end: iso(facts.previous.endMs) } : null,
        timeZone: booking.inviteeTimeZone,
        invitee: { name: booking.inviteeName, email: booking.inviteeEmail, timeZone: booking.inviteeTimeZone },
        guests: booking.guests,
        hosts,
        link: link ? { id: link.id, title: link.title, slug: link.slug } : null,
        location: location ? { type: location.type, text: location.text, url: location.url } : booking.externalMeetingUrl ? { type: "url", text: booking.externalMeetingUrl, url: booking.externalMeetingUrl } : null,
        source: booking.source,
        answers: booking.answers,
        cancelReason: facts.cancelReason,
        attendance: facts.attendance,
      },
    },
  });
}

/** The body of an organisation event's webhook: data.sequence orders one lead's (one connection's) messages, like a booking's. */
export function orgEventWebhookPayload(event: OrgEventRecord): string {
  const at = iso(event.occurredAtMs);
  if (event.type === "lead.status_changed") {
    const facts = event.facts as OrgEventFacts["lead.status_changed"];
    return JSON.stringify({ type: event.type, timestamp: at, data: { sequence: event.seq, lead: facts.lead, from: facts.from, to: facts.to, cause: facts.cause, causeRef: facts.causeRef, at } });
  }
  const facts = event.facts as OrgEventFacts["calendar.connection_needs_reconnect"];
  return JSON.stringify({ type: event.type, timestamp: at, data: { sequence: event.seq, connection: facts.connection, user: facts.user, error: facts.error } });
}
