// How bookings look on the wire, for owners and for invitees.
import { z } from "zod";
import type { FastifyReply } from "fastify";
import { BOOKING_STATUSES } from "../../core/booking/booking.js";
import { BOOKING_SOURCES } from "../../core/inbound/external-booking.js";
import { LOCATION_TYPES } from "../../core/booking/link-options.js";
import { formatIsoInstant, isSupportedInstantMs, SUPPORTED_INSTANT_RANGE_TEXT } from "../../core/time/iso-instant.js";
import type { BookingHistoryEntry, BookingRecord } from "../../use-cases/ports/bookings.js";

export const bookingStatus = z.enum(BOOKING_STATUSES);

export const bookingView = z.object({
  id: z.uuid(),
  linkId: z.uuid().nullable().describe("The Convene link it was booked through; null for a booking made in Cal.com or Calendly"),
  oneTimeLinkId: z.uuid().nullable(),
  source: z.enum(BOOKING_SOURCES).describe("Where it was booked: convene, or an inbound source's provider (calcom, calendly)"),
  inboundSourceId: z.uuid().nullable(),
  externalTitle: z.string().nullable().describe("For an external booking: the meeting's title at the provider"),
  title: z.string().nullable().describe("For a booking made directly (POST /bookings): its own title; null: the link's"),
  externalMeetingUrl: z.string().nullable(),
  start: z.string(),
  end: z.string(),
  durationMin: z.number(),
  status: bookingStatus,
  sequence: z.number().describe("iCalendar SEQUENCE: bumped on every change"),
  invitee: z.object({ name: z.string(), email: z.string(), timeZone: z.string() }),
  hostUserIds: z.array(z.uuid()),
  answers: z.record(z.string(), z.unknown()),
  guests: z.array(z.string()),
  notes: z.string().nullable(),
  cancelReason: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  erasedAt: z.string().nullable().describe("When the invitee had their personal data erased (name, email, answers, notes are blanked); null: not erased"),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export function toBookingView(booking: BookingRecord): z.infer<typeof bookingView> {
  return {
    id: booking.id,
    linkId: booking.linkId,
    oneTimeLinkId: booking.oneTimeLinkId,
    source: booking.source,
    inboundSourceId: booking.inboundSourceId,
    externalTitle: booking.externalTitle,
    title: booking.title,
    externalMeetingUrl: booking.externalMeetingUrl,
    start: booking.startAt.toISOString(),
    end: booking.endAt.toISOString(),
    durationMin: booking.durationMin,
    status: booking.status,
    sequence: booking.sequence,
    invitee: { name: booking.inviteeName, email: booking.inviteeEmail, timeZone: booking.inviteeTimeZone },
    hostUserIds: booking.hostUserIds,
    answers: booking.answers,
    guests: booking.guests,
    notes: booking.notes,
    cancelReason: booking.cancelReason,
    cancelledAt: booking.cancelledAt?.toISOString() ?? null,
    erasedAt: booking.erasedAt?.toISOString() ?? null,
    createdAt: booking.createdAt.toISOString(),
    updatedAt: booking.updatedAt.toISOString(),
  };
}

export const assignmentView = z
  .object({
    hosts: z.array(z.object({ id: z.uuid(), name: z.string() })).describe("Who the booking went to"),
    why: z.string().describe('Why, in words, with host names: "Ana Lima has the fewest bookings this week (0; next fewest 1)"'),
  })
  .nullable()
  .describe("Who the booking was assigned to and why (the engine's reason when it was booked or last rescheduled); null for bookings made elsewhere");

/** A booking's location, resolved: the same address its emails, invite and calendar event give. */
export const meetingLocationView = z
  .object({
    type: z.enum(LOCATION_TYPES),
    label: z.string().describe('How the emails introduce it: "Join", "Phone", "Where"'),
    text: z.string().describe("What to show: the meeting URL itself for a video call, the number, the address, the owner's words"),
    url: z.string().nullable().describe("The address to open (a video call's room), when there is one"),
  })
  .nullable()
  .describe("Where the meeting happens; null when its link was deleted");

export const historyView = z.object({
  id: z.number(),
  action: z.string(),
  actor: z.object({ type: z.string(), id: z.string().nullable() }),
  oldValues: z.record(z.string(), z.unknown()).nullable(),
  newValues: z.record(z.string(), z.unknown()).nullable(),
  at: z.string(),
});

export function toHistoryView(entry: BookingHistoryEntry & { id: number }): z.infer<typeof historyView> {
  return { id: entry.id, action: entry.action, actor: entry.actor, oldValues: entry.oldValues, newValues: entry.newValues, at: new Date(entry.atMs).toISOString() };
}

export const slotsView = z.object({
  timeZone: z.string(),
  durationMin: z.number(),
  days: z.array(z.object({ date: z.string(), slots: z.array(z.object({ start: z.string(), end: z.string() })) })),
  truncated: z.boolean().describe("True when this answer stops before the end of the window asked for (a long window is answered in pages)"),
  nextFrom: z.string().nullable().describe("When truncated: ask again with this `from` (and the same `to`) for the rest; null otherwise"),
});

/**
 * Route option for slot answers: serialised without validating them against
 * slotsView again (it still documents them). toSlotsView builds them from
 * typed values; checking up to 10,000 slots per answer was an eighth of a slot
 * read's CPU under load.
 */
export const SLOTS_SERIALIZER = { serializerCompiler: () => (data: unknown) => JSON.stringify(data) } as const;

export function toSlotsView(slots: {
  timeZone: string;
  durationMin: number;
  days: { date: string; slots: { startMs: number; endMs: number }[] }[];
  nextFromMs?: number | null;
}): z.infer<typeof slotsView> {
  const nextFromMs = slots.nextFromMs ?? null;
  // Up to 10,000 slots: toISOString (~1 µs) would cost more than computing them.
  const iso = formatIsoInstant;
  return {
    timeZone: slots.timeZone,
    durationMin: slots.durationMin,
    days: slots.days.map((day) => ({
      date: day.date,
      slots: day.slots.map((slot) => ({ start: iso(slot.startMs), end: iso(slot.endMs) })),
    })),
    truncated: nextFromMs !== null,
    nextFrom: nextFromMs === null ? null : new Date(nextFromMs).toISOString(),
  };
}

export function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * ISO instant in, epoch ms out; "2026-12-01T14:00:00Z" and with an offset are both fine.
 * Every route that takes an instant uses this, so the supported range (core) holds everywhere.
 */
export const isoInstant = z
  .string()
  .max(40)
  .transform((text, context) => {
    const epochMs = ISO_INSTANT.test(text) ? Date.parse(text) : NaN;
    if (Number.isNaN(epochMs)) {
      context.addIssue({ code: "custom", message: "an ISO 8601 instant with a zone, e.g. 2026-12-01T14:00:00Z" });
      return z.NEVER;
    }
    if (!isSupportedInstantMs(epochMs)) {
      context.addIssue({ code: "custom", message: `an instant ${SUPPORTED_INSTANT_RANGE_TEXT}` });
      return z.NEVER;
    }
    return epochMs;
  });

/** An .ics download. */
export function sendIcs(reply: FastifyReply, content: string) {
  return reply.type("text/calendar; charset=utf-8").header("content-disposition", 'attachment; filename="meeting.ics"').send(content);
}
