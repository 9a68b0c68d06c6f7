// The email channel: plans the notices, reminders and follow-up a booking
// event causes (core/notifications/plan.ts), and sends one when it is due:
// skip it when the booking moved on, wait (bounded) for a Google Meet or
// Teams link the host's calendar is still making, render it in the
// recipient's zone, attach the invite, send with the delivery's id as the
// Message-ID's key.
import { awaitsConferenceLink } from "../../core/booking/conference-location.js";
import { singleLine } from "../../core/notifications/message-layout.js";
import { renderMessage, type MeetingFacts } from "../../core/notifications/messages.js";
import { dedupeKeyOf, isMoot, isNotificationKind, planNotifications, supersededKinds, type NotificationKind, type Recipient } from "../../core/notifications/plan.js";
import type { TenantId } from "../../core/tenancy.js";
import type { Mailer } from "../ports/deliveries.js";
import type { BookingEventRecord } from "../ports/events.js";
import type { Repositories, UseCaseDeps } from "../ports/store.js";
import { DeliveryDeferred, type DeliveryChannel } from "./channel.js";
import { bookingConference, meetingFacts, type MeetingLocationDeps } from "./meeting-facts.js";
import type { Attendance } from "../../core/booking/booking.js";
import { ATTENDANCE_LINK_LIFETIME_MS, attendancePageUrl, signAttendanceToken } from "../../core/notifications/attendance-link.js";
import type { BookingRecord } from "../ports/bookings.js";
import { SOURCE_NAMES, whoBooked } from "./booking-notice-facts.js";

export type DeliveryDeps = UseCaseDeps & MeetingLocationDeps & {
  mailer: Mailer;
  invites: {
    build(facts: MeetingFacts, method: "REQUEST" | "CANCEL" | "PUBLISH"): string;
    /** The event as a calendar stores it (no METHOD), for the calendar channel. */
    calendarObject(facts: MeetingFacts): string;
  };
  publicUrl: string;
  /** Signs the attendance email's links (derived from CONVENE_SECRET_KEY: attendanceLinkKey in adapters/crypto/derived-keys.ts). */
  attendanceLinkKey: Uint8Array;
};

const INVITE_METHOD: Partial<Record<NotificationKind, "REQUEST" | "CANCEL">> = { confirmation: "REQUEST", reschedule: "REQUEST", cancellation: "CANCEL" };

/** The notices that carry the meeting's address and its invite: they wait for a meeting link being made; reminders and the rest do not. */
const WAITS_FOR_LINK: ReadonlySet<NotificationKind> = new Set(["confirmation", "reschedule"]);

export function emailChannel(deps: DeliveryDeps): DeliveryChannel {
  return {
    name: "email",

    async plan(repos, tenantId, event, booking) {
      const { facts } = event;
      // The hosts the event names: a later reschedule may have handed the booking to others.
      const hosts = await Promise.all(facts.hostUserIds.map((hostUserId) => repos.users.get(tenantId, hostUserId)));
      const recipients: Recipient[] = [
        { role: "invitee", email: booking.inviteeEmail, name: booking.inviteeName, timeZone: booking.inviteeTimeZone },
        ...hosts.flatMap((host) => (host ? [{ role: "host" as const, email: host.email, name: host.name, timeZone: host.timeZone }] : [])),
      ];
      const link = await repos.links.get(tenantId, booking.linkId);
      const template = link?.templateId ? await repos.templates.get(tenantId, link.templateId) : null;
      const plan = planNotifications(
        event.type,
        { sequence: event.bookingSequence, startMs: facts.startMs, endMs: facts.endMs },
        recipients,
        // Cal.com and Calendly write to their invitees themselves: Convene tells only the hosts.
        { nowMs: event.occurredAtMs, sendsFollowUp: template?.sendsFollowUp ?? false, mailsInvitee: booking.source === "convene" },
      );
      return { deliveries: plan.map((notification) => ({ ...notification, dedupeKey: dedupeKeyOf(booking.id, notification) })), supersedes: supersededKinds(event.type) };
    },

    async deliver(tenantId, delivery, event, nowMs, attempt) {
      const { kind, recipient } = delivery;
      if (!isNotificationKind(kind)) throw new Error(`"${kind}" is not an email the email channel knows`);
      const booking = await deps.store.bookings.get(tenantId, delivery.bookingId);
      if (!booking || isMoot({ kind, sequence: delivery.sequence, runAtMs: delivery.runAtMs }, booking, nowMs)) return "skipped";
      // An invitee who had their data erased has no address left to write to.
      if (booking.erasedAt && recipient.role === "invitee") return "skipped";
      if (WAITS_FOR_LINK.has(kind) && !attempt?.isFinal) {
        const conference = await bookingConference(deps.store, tenantId, booking);
        // The calendar write answers the link within seconds: a notice sent now would say "being created" for nothing.
        if (conference && awaitsConferenceLink(conference.state, delivery.runAtMs, nowMs)) throw new DeliveryDeferred(`waiting for the ${conference.serviceName} link from the host's calendar`);
      }
      const facts = await meetingFacts(deps, deps.store, tenantId, booking);
      if (kind === "reschedule") Object.assign(facts, event ? previousTimeIn(event) : await previousTimeOf(deps.store, tenantId, booking.id, delivery.sequence));
      if (recipient.role === "host") Object.assign(facts, await hostFacts(deps, tenantId, booking, kind, recipient.email, nowMs));
      if (kind === "attendance_check" && !facts.attendanceUrls) return "skipped";
      const message = renderMessage(kind, recipient.role, facts, recipient);
      // An external booking's calendar invite comes from its provider: a second one would double the event.
      const method = booking.source === "convene" ? INVITE_METHOD[kind] : undefined;
      // The manage link is the invitee's alone: hosts' invites leave it out.
      const inviteFacts = recipient.role === "host" ? { ...facts, manageUrl: null } : facts;
      await deps.mailer.send({
        // A display name goes into the To header: one line (the mailer adapters collapse it again).
        to: { name: singleLine(recipient.name), email: recipient.email },
        ...message,
        invite: method ? { method, content: deps.invites.build(inviteFacts, method) } : undefined,
        idempotencyKey: delivery.id,
        tenantId,
      });
      return "sent";
    },
  };
}

/**
 * What only a host's message says: who booked (lead, company) and where it was
 * booked, and for the attendance check its two signed links (for this host:
 * the link acts as them). No links when the recipient is no host of the
 * booking any more.
 */
async function hostFacts(deps: DeliveryDeps, tenantId: TenantId, booking: BookingRecord, kind: NotificationKind, email: string, nowMs: number): Promise<Partial<MeetingFacts>> {
  const who = await whoBooked(deps.store, tenantId, booking);
  const facts: Partial<MeetingFacts> = {
    sourceName: SOURCE_NAMES[booking.source],
    company: who.company,
    lead: who.lead ? { name: who.lead.name, company: who.lead.company, title: who.lead.title, campaignName: who.lead.campaignName } : null,
  };
  if (kind !== "attendance_check") return facts;
  const hosts = await Promise.all(booking.hostUserIds.map((id) => deps.store.users.get(tenantId, id)));
  const host = hosts.find((user) => user && user.email.toLowerCase() === email.toLowerCase());
  if (!host) return { ...facts, attendanceUrls: null };
  const expiresAtMs = Math.max(nowMs, booking.endAt.getTime()) + ATTENDANCE_LINK_LIFETIME_MS;
  const urlFor = (mark: Attendance) => attendancePageUrl(deps.publicUrl, signAttendanceToken(deps.attendanceLinkKey, { tenantId, bookingId: booking.id, hostUserId: host.id, mark, expiresAtMs }));
  return { ...facts, attendanceUrls: { showed: urlFor("showed"), noShow: urlFor("no_show") } };
}

function previousTimeIn(event: BookingEventRecord): { previousStartMs?: number; previousEndMs?: number } {
  const previous = event.facts.previous;
  return previous ? { previousStartMs: previous.startMs, previousEndMs: previous.endMs } : {};
}

/** For a reschedule notice planned before events existed: the time before it, from the booking's history. */
async function previousTimeOf(repos: Repositories, tenantId: TenantId, bookingId: string, sequence: number): Promise<{ previousStartMs?: number; previousEndMs?: number }> {
  const history = await repos.bookings.listHistory(tenantId, bookingId);
  const entry = history.find((item) => item.action === "rescheduled" && item.newValues?.["sequence"] === sequence);
  const start = entry?.oldValues?.["start"];
  const end = entry?.oldValues?.["end"];
  return typeof start === "string" && typeof end === "string" ? { previousStartMs: Date.parse(start), previousEndMs: Date.parse(end) } : {};
}
