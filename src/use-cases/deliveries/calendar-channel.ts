// The calendar channel: puts each booking into its hosts' chosen calendars.
// Every booking event plans one delivery per host it concerns (the booking's
// hosts, and any host an earlier write went to, so a round-robin reschedule
// to another host removes the first one's event). Delivering one makes that
// host's calendar match the booking as it is now — create, move or remove —
// so deliveries may run late, twice or out of order and still end right.
// A create lands at a name derived from the booking's UID and only if
// nothing is there (If-None-Match: *): a retry after a crash finds its own
// event and overwrites it, never adds a second. The UID is the emailed
// invite's, so a calendar app merges the invite and the event.
import { awaitsConferenceLink } from "../../core/booking/conference-location.js";
import { isCalendarFailure } from "../../core/calendars/calendar-errors.js";
import { bookingUid } from "../../core/calendars/connections.js";
import { eventDetails } from "../../core/calendars/event-details.js";
import type { TenantId } from "../../core/tenancy.js";
import type { CalendarWriteRecord, DestinationCalendar } from "../ports/calendars.js";
import type { CalendarDeps } from "../calendars/calendar-deps.js";
import { openProvider } from "../calendars/oauth-access.js";
import { recordRefusedCredentials } from "../calendars/sync-calendars.js";
import { DeliveryDeferred, type DeliveryChannel } from "./channel.js";
import { conferenceForHost, meetingFacts } from "./meeting-facts.js";

export const CALENDAR_CHANNEL = "calendar";
/** The one thing this channel delivers: "make the host's calendar match the booking". */
export const CALENDAR_EVENT_KIND = "calendar_event";

const dedupeKeyOf = (bookingId: string, hostUserId: string, eventSeq: number) => `calendar:${bookingId}:${hostUserId}:${eventSeq}`;
/** The host a calendar delivery is for (its dedupe key names it). */
export const hostOfDedupeKey = (dedupeKey: string) => dedupeKey.split(":")[2] ?? "";


export function calendarChannel(deps: CalendarDeps): DeliveryChannel {
  /** Opens the provider of the connection a calendar belongs to. */
  const providerOf = (tenantId: TenantId, target: DestinationCalendar, nowMs: number) => openProvider(deps, tenantId, target.connection, nowMs);

  /** Runs a write; refused credentials also mark the connection (the owner is told once), then the queue retries. */
  async function writing<T>(tenantId: TenantId, target: DestinationCalendar, nowMs: number, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (isCalendarFailure(error) && error.kind === "auth") await recordRefusedCredentials(deps, tenantId, target.connection.id, error, nowMs);
      throw error;
    }
  }

  async function removeEvent(tenantId: TenantId, write: CalendarWriteRecord, nowMs: number): Promise<"sent" | "skipped"> {
    const target = write.calendarId ? await deps.store.calendars.calendarOf(tenantId, write.calendarId) : null;
    // A disconnected calendar is not Convene's to change any more.
    if (target) await writing(tenantId, target, nowMs, () => providerOf(tenantId, target, nowMs).deleteEvent(target.calendar.remoteId, write.uid, { href: write.href, etag: write.etag }));
    await deps.store.calendars.saveWrite(tenantId, { ...write, state: "deleted", updatedAtMs: nowMs });
    return target ? "sent" : "skipped";
  }

  return {
    name: CALENDAR_CHANNEL,

    async plan(repos, tenantId, event, booking) {
      // A booking made at Cal.com or Calendly is already in the host's calendar through that provider.
      if (event.type === "attendance_recorded" || booking.source !== "convene") return { deliveries: [], supersedes: [] };
      const written = (await repos.calendars.listWrites(tenantId, booking.id)).filter((write) => write.state === "written").map((write) => write.userId);
      const concerned = [...new Set([...event.facts.hostUserIds, ...written])];
      const deliveries = [];
      for (const hostUserId of concerned) {
        if (!written.includes(hostUserId) && !(await repos.calendars.destinationOf(tenantId, hostUserId))) continue;
        const host = await repos.users.get(tenantId, hostUserId);
        if (!host) continue;
        deliveries.push({
          kind: CALENDAR_EVENT_KIND,
          recipient: { role: "host" as const, email: host.email, name: host.name, timeZone: host.timeZone },
          sequence: event.bookingSequence,
          runAtMs: event.occurredAtMs,
          dedupeKey: dedupeKeyOf(booking.id, hostUserId, event.seq),
        });
      }
      return { deliveries, supersedes: [] };
    },

    async deliver(tenantId, delivery, _event, nowMs, attempt) {
      const booking = await deps.store.bookings.get(tenantId, delivery.bookingId);
      if (!booking) return "skipped";
      const hostUserId = hostOfDedupeKey(delivery.dedupeKey);
      const write = await deps.store.calendars.getWrite(tenantId, booking.id, hostUserId);
      const wantsEvent = booking.status !== "cancelled" && booking.hostUserIds.includes(hostUserId);
      if (!wantsEvent) return write?.state === "written" ? removeEvent(tenantId, write, nowMs) : "skipped";

      const previous = write?.state === "written" && write.calendarId ? await deps.store.calendars.calendarOf(tenantId, write.calendarId) : null;
      const target = previous ?? (await deps.store.calendars.destinationOf(tenantId, hostUserId));
      if (!target) return "skipped";
      // Google Meet / Teams: one host's calendar makes the meeting; the others' events carry its link, so they wait for it (bounded).
      const conference = await conferenceForHost(deps.store, tenantId, booking, hostUserId, target.connection.provider);
      if (conference && !attempt?.isFinal && awaitsConferenceLink(conference.awaited, delivery.runAtMs, nowMs)) throw new DeliveryDeferred(`waiting for the ${conference.serviceName} link`);
      const facts = await meetingFacts(deps, deps.store, tenantId, booking);
      const location = conference?.request && facts.location && !facts.location.url ? { ...facts.location, text: conference.serviceName } : facts.location;
      const hostFacts = { ...facts, location, manageUrl: null };
      const event = { uid: bookingUid(booking.id), ics: deps.invites.calendarObject(hostFacts), details: eventDetails(hostFacts, delivery.recipient.timeZone, conference?.request ?? null) };
      const provider = providerOf(tenantId, target, nowMs);
      const at = await writing(tenantId, target, nowMs, () =>
        previous && write ? provider.updateEvent(target.calendar.remoteId, event, { href: write.href, etag: write.etag }) : provider.createEvent(target.calendar.remoteId, event),
      );
      await deps.store.calendars.saveWrite(tenantId, {
        bookingId: booking.id,
        userId: hostUserId,
        calendarId: target.calendar.id,
        uid: event.uid,
        href: at.href,
        etag: at.etag,
        // A reschedule keeps the meeting: the provider answers the same link, or none when it made none this time.
        conferenceUrl: at.conferenceUrl ?? write?.conferenceUrl ?? null,
        state: "written",
        updatedAtMs: nowMs,
      });
      return "sent";
    },
  };
}
