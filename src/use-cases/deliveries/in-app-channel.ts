// The in_app channel: a booking event becomes a notice in the bell of each
// host and of the link's owner (new, moved and cancelled meetings, no-shows),
// for Convene's bookings and external ones alike. A notice is written once per
// event and user however often its delivery runs (the dedupe key), and open
// dashboards hear of it when it commits.
import { bookingNotice, bookingNoticeDedupeKey, inAppKindOf, IN_APP_KINDS, type InAppKind } from "../../core/notifications/in-app.js";
import { formatInstantShort } from "../../core/notifications/meeting-time.js";
import type { Recipient } from "../../core/notifications/plan.js";
import type { UseCaseDeps } from "../ports/store.js";
import { notifyUsers } from "../notifications/in-app-notices.js";
import { SOURCE_NAMES, whoBooked } from "./booking-notice-facts.js";
import type { DeliveryChannel } from "./channel.js";

export const IN_APP_CHANNEL = "in_app";

/** The recipient user rides in the dedupe key (a delivery's recipient is an address): in_app:<event>:<user>. */
const dedupeKeyOf = (eventId: string, userId: string) => `${IN_APP_CHANNEL}:${eventId}:${userId}`;
const userOfDedupeKey = (dedupeKey: string): string | null => dedupeKey.split(":")[2] ?? null;
const isInAppKind = (kind: string): kind is InAppKind => (IN_APP_KINDS as readonly string[]).includes(kind);

export function inAppChannel(deps: UseCaseDeps): DeliveryChannel {
  return {
    name: IN_APP_CHANNEL,

    async plan(repos, tenantId, event, booking) {
      const kind = inAppKindOf(event.type, event.facts.attendance);
      if (!kind) return { deliveries: [], supersedes: [] };
      const link = await repos.links.get(tenantId, booking.linkId);
      const userIds = [...new Set([...event.facts.hostUserIds, ...(link ? [link.ownerUserId] : [])])];
      const users = await Promise.all(userIds.map((userId) => repos.users.get(tenantId, userId)));
      const deliveries = users.flatMap((user) => {
        if (!user) return [];
        const recipient: Recipient = { role: "host", email: user.email, name: user.name, timeZone: user.timeZone };
        return [{ kind, recipient, sequence: event.bookingSequence, runAtMs: event.occurredAtMs, dedupeKey: dedupeKeyOf(event.id, user.id) }];
      });
      return { deliveries, supersedes: [] };
    },

    async deliver(tenantId, delivery, event, nowMs) {
      const userId = userOfDedupeKey(delivery.dedupeKey);
      if (!event || !userId || !isInAppKind(delivery.kind)) return "skipped";
      const kind = delivery.kind;
      return deps.store.transaction(async (repos) => {
        const booking = await repos.bookings.get(tenantId, delivery.bookingId);
        if (!booking) return "skipped";
        const who = await whoBooked(repos, tenantId, booking);
        const { title, body } = bookingNotice(kind, {
          inviteeName: booking.inviteeName,
          company: who.company,
          meetingTitle: who.meetingTitle,
          // The time as the event left it, on the reader's clock.
          whenText: formatInstantShort(event.facts.startMs, delivery.recipient.timeZone),
          cancelReason: event.facts.cancelReason,
          sourceName: SOURCE_NAMES[booking.source],
        });
        await notifyUsers(repos, tenantId, [userId], { kind, title, body, bookingId: booking.id, dedupeKey: bookingNoticeDedupeKey(event.id), atMs: nowMs });
        return "sent" as const;
      });
    },
  };
}
