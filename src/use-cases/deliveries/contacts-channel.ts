// The contacts channel: when a booking is created, adds the invitee to the
// contacts of each host's Google or Microsoft account that has "add new
// invitees to my contacts" on. A delivery per host connection; delivering it
// looks the address up first and creates the contact only when it is new, so
// a retry (or a worker killed after the create) never adds a second one. It
// runs on the queue: a slow or failing provider never slows the booking.
import { isCalendarFailure } from "../../core/calendars/calendar-errors.js";
import type { CalendarDeps } from "../calendars/calendar-deps.js";
import { recordRefusedCredentials } from "../calendars/sync-calendars.js";
import { openContactDirectory } from "../contacts/open-contacts.js";
import type { DeliveryChannel } from "./channel.js";

export const CONTACTS_CHANNEL = "contacts";
/** The one thing this channel delivers: "the invitee is in this account's contacts". */
export const CONTACT_KIND = "contact";

const dedupeKeyOf = (bookingId: string, connectionId: string) => `contacts:${bookingId}:${connectionId}`;
const connectionOfDedupeKey = (dedupeKey: string) => dedupeKey.split(":")[2] ?? "";

export function contactsChannel(deps: CalendarDeps): DeliveryChannel {
  return {
    name: CONTACTS_CHANNEL,

    async plan(repos, tenantId, event, booking) {
      // Only a new booking brings a new invitee; a reschedule or cancel has nothing to add.
      // An external booking's invitee is the provider's contact, not one Convene brought (and it may be a lead's address only).
      if (event.type !== "created" || booking.source !== "convene") return { deliveries: [], supersedes: [] };
      const deliveries = [];
      for (const hostUserId of event.facts.hostUserIds) {
        const connections = await repos.calendars.listConnections(tenantId, { userId: hostUserId });
        for (const connection of connections) {
          if (!connection.createContacts || connection.status === "needs_reconnect") continue;
          if (connection.provider !== "google" && connection.provider !== "microsoft") continue;
          deliveries.push({
            kind: CONTACT_KIND,
            recipient: { role: "invitee" as const, email: booking.inviteeEmail, name: booking.inviteeName, timeZone: booking.inviteeTimeZone },
            sequence: event.bookingSequence,
            runAtMs: event.occurredAtMs,
            dedupeKey: dedupeKeyOf(booking.id, connection.id),
          });
        }
      }
      return { deliveries, supersedes: [] };
    },

    async deliver(tenantId, delivery, _event, nowMs) {
      const connection = await deps.store.calendars.getConnection(tenantId, connectionOfDedupeKey(delivery.dedupeKey));
      // Disconnected, turned off meanwhile, or waiting for its owner: nothing to do (a reconnect does not replay old bookings).
      if (!connection || !connection.createContacts || connection.status === "needs_reconnect") return "skipped";
      const directory = openContactDirectory(deps, tenantId, connection, nowMs);
      if (!directory) return "skipped";
      const { email, name } = delivery.recipient;
      try {
        if (await directory.hasContact(email)) return "skipped";
        await directory.create({ name, email });
        return "sent";
      } catch (error) {
        // Refused credentials mark the connection (the owner is told once); the queue retries the rest.
        if (isCalendarFailure(error) && error.kind === "auth") await recordRefusedCredentials(deps, tenantId, connection.id, error, nowMs);
        throw error;
      }
    },
  };
}
