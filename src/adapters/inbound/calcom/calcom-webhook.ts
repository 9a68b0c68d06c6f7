// Cal.com's webhook half of the inbound adapter: the signature check and the
// payload parser. Cal.com signs the raw body with the webhook's secret
// (X-Cal-Signature-256: hex HMAC-SHA256) and sends no timestamp and no
// delivery id, so a retried delivery is recognised by the body's SHA-256.
// Body: {triggerEvent, createdAt, payload: {uid, title, startTime, endTime,
// organizer, attendees, responses, videoCallData, rescheduleUid,
// cancellationReason, …}}; BOOKING_NO_SHOW_UPDATED's payload is
// {bookingUid, attendees: [{email, noShow}], message}.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { ConveneError } from "../../../core/errors.js";
import type { ExternalBookingChange } from "../../../core/inbound/external-booking.js";
import type { InboundProviderAdapter, ParsedDelivery } from "../../../use-cases/ports/inbound-providers.js";

export const CALCOM_SIGNATURE_HEADER = "x-cal-signature-256";

const person = z.looseObject({ name: z.string().optional().default(""), email: z.string(), timeZone: z.string().optional() });
const booking = z.looseObject({
  uid: z.string().min(1),
  title: z.string().optional().default(""),
  eventTitle: z.string().nullish(),
  startTime: z.iso.datetime({ offset: true }),
  endTime: z.iso.datetime({ offset: true }),
  organizer: person.optional(),
  attendees: z.array(person).default([]),
  responses: z.record(z.string(), z.unknown()).optional(),
  videoCallData: z.looseObject({ url: z.string().optional() }).nullish(),
  metadata: z.looseObject({ videoCallUrl: z.string().optional() }).nullish(),
  location: z.string().nullish(),
  rescheduleUid: z.string().nullish(),
  cancellationReason: z.string().nullish(),
});
const noShow = z.looseObject({ bookingUid: z.string().min(1), attendees: z.array(z.looseObject({ email: z.string(), noShow: z.boolean() })).default([]) });
const envelope = z.looseObject({ triggerEvent: z.string().min(1), createdAt: z.iso.datetime({ offset: true }), payload: z.unknown() });

type CalcomBooking = z.infer<typeof booking>;

/** Hex HMAC-SHA256 of the raw body: what Cal.com puts in X-Cal-Signature-256. */
export function calcomSignature(rawBody: Buffer, secret: string): string {
  return createHmac("sha256", secret).update(rawBody).digest("hex");
}

const HEX_SHA256 = /^[0-9a-f]{64}$/i;

function verifySignature(rawBody: Buffer, headers: Record<string, string | string[] | undefined>, secret: string) {
  const header = headers[CALCOM_SIGNATURE_HEADER];
  if (header === undefined || header === "") return { isValid: false as const, reason: "missing" as const };
  if (typeof header !== "string" || !HEX_SHA256.test(header)) return { isValid: false as const, reason: "malformed" as const };
  const given = Buffer.from(header.toLowerCase(), "hex");
  const expected = Buffer.from(calcomSignature(rawBody, secret), "hex");
  return given.length === expected.length && timingSafeEqual(given, expected) ? { isValid: true as const } : { isValid: false as const, reason: "mismatch" as const };
}

function invalid(message: string, cause?: unknown): ConveneError {
  return new ConveneError("INBOUND_PAYLOAD_INVALID", message, cause === undefined ? {} : { cause });
}

function parsed<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw invalid(`${what}: ${result.error.issues.map((issue) => `${issue.path.join(".") || "(root)"} ${issue.message}`).join("; ")}`);
  return result.data;
}

/** Answers by their label (Cal.com's responses are {field: {label, value}} or bare values); name and email are the attendee's own. */
function answersOf(responses: CalcomBooking["responses"]): Record<string, string> {
  const answers: Record<string, string> = {};
  for (const [field, entry] of Object.entries(responses ?? {})) {
    if (field === "name" || field === "email") continue;
    const labelled = entry && typeof entry === "object" && "value" in entry ? (entry as { label?: unknown; value: unknown }) : { label: undefined, value: entry };
    const value = labelled.value;
    if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") continue;
    if (value === "") continue;
    answers[typeof labelled.label === "string" && labelled.label ? labelled.label : field] = String(value);
  }
  return answers;
}

const isUrl = (text: string | null | undefined): text is string => typeof text === "string" && /^https?:\/\//.test(text);

function changeOf(kind: ExternalBookingChange["kind"], body: CalcomBooking, occurredAtMs: number): ExternalBookingChange {
  const meetingUrl = [body.videoCallData?.url, body.metadata?.videoCallUrl, body.location].find(isUrl) ?? null;
  return {
    kind,
    uid: body.uid,
    previousUid: kind === "rescheduled" ? (body.rescheduleUid ?? null) : null,
    isRescheduleCancel: false,
    title: body.eventTitle ?? body.title,
    startMs: Date.parse(body.startTime),
    endMs: Date.parse(body.endTime),
    attendees: body.attendees.map((attendee) => ({ name: attendee.name, email: attendee.email, timeZone: attendee.timeZone ?? null })),
    hostEmail: body.organizer?.email ?? null,
    cancelReason: kind === "cancelled" ? (body.cancellationReason ?? null) : null,
    meetingUrl,
    attendance: null,
    answers: answersOf(body.responses),
    occurredAtMs,
  };
}

const BOOKING_TRIGGERS = { BOOKING_CREATED: "booked", BOOKING_RESCHEDULED: "rescheduled", BOOKING_CANCELLED: "cancelled" } as const;

function parseDelivery(rawBody: Buffer): ParsedDelivery {
  let json: unknown;
  try {
    json = JSON.parse(rawBody.toString("utf8"));
  } catch (error) {
    throw invalid("The body is not JSON.", error);
  }
  const { triggerEvent: trigger, createdAt, payload } = parsed(envelope, json, "Not a Cal.com delivery");
  const dedupeKey = createHash("sha256").update(rawBody).digest("hex");
  const occurredAtMs = Date.parse(createdAt);
  const acknowledged = (ignoredBecause: string): ParsedDelivery => ({ trigger, dedupeKey, changes: [], ignoredBecause });
  if (trigger in BOOKING_TRIGGERS) {
    const kind = BOOKING_TRIGGERS[trigger as keyof typeof BOOKING_TRIGGERS];
    return { trigger, dedupeKey, changes: [changeOf(kind, parsed(booking, payload, `${trigger} payload`), occurredAtMs)], ignoredBecause: null };
  }
  if (trigger === "BOOKING_NO_SHOW_UPDATED") {
    const marks = parsed(noShow, payload, `${trigger} payload`);
    if (marks.attendees.length === 0) return acknowledged("no attendee's mark in the update");
    // Convene keeps one mark per booking: a no-show when any attendee missed it; unmarked when none is marked any more.
    const attendance = marks.attendees.some((attendee) => attendee.noShow) ? "no_show" : null;
    const change: ExternalBookingChange = {
      ...changeOf("attendance", { uid: marks.bookingUid, title: "", startTime: createdAt, endTime: createdAt, attendees: [] }, occurredAtMs),
      attendance,
    };
    return { trigger, dedupeKey, changes: [change], ignoredBecause: null };
  }
  if (trigger === "MEETING_ENDED") return acknowledged("the meeting ended; attendance comes with BOOKING_NO_SHOW_UPDATED or from the host");
  return acknowledged(`Convene does not use ${trigger}`);
}

export const calcomWebhook: Pick<InboundProviderAdapter, "provider" | "verifySignature" | "parseDelivery"> = {
  provider: "calcom",
  verifySignature: (rawBody, headers, secret) => verifySignature(rawBody, headers, secret),
  parseDelivery,
};
