// Calendly's webhook deliveries: the signature check and the parse into
// provider-neutral changes. Source: developer.calendly.com "Webhook Signatures"
// and "Webhooks" (overview): `Calendly-Webhook-Signature: t=<unix seconds>,v1=<hex>`,
// v1 = HMAC-SHA256(signing key, `${t}.${raw body}`), hex; a 3-minute tolerance
// on t guards against replays. The body is {event, created_at, created_by,
// payload}, the payload an Invitee with its scheduled_event.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { ConveneError } from "../../../core/errors.js";
import type { ExternalBookingChange } from "../../../core/inbound/external-booking.js";
import type { InboundHeaders, InboundProviderAdapter, ParsedDelivery, SignatureCheck } from "../../../use-cases/ports/inbound-providers.js";
import { describeIssues } from "../provider-api.js";
import { calendlyInviteePayloadSchema, changeOfInvitee } from "./calendly-resources.js";

export const CALENDLY_SIGNATURE_HEADER = "calendly-webhook-signature";
/** Calendly's documented replay window, either side of Convene's clock. */
export const CALENDLY_SIGNATURE_TOLERANCE_MS = 3 * 60 * 1000;

/** The triggers Convene subscribes to (and the only ones it turns into changes). */
export const CALENDLY_SUBSCRIBED_EVENTS = ["invitee.created", "invitee.canceled", "invitee_no_show.created", "invitee_no_show.deleted"] as const;

const HEX_SHA256 = /^[0-9a-f]{64}$/i;

const envelopeSchema = z.object({
  event: z.string().min(1),
  created_at: z.iso.datetime({ offset: true }),
  payload: z.record(z.string(), z.unknown()),
});

function signatureOf(headers: InboundHeaders): string | undefined {
  const value = headers[CALENDLY_SIGNATURE_HEADER];
  return Array.isArray(value) ? value[0] : value;
}

export function verifyCalendlySignature(rawBody: Buffer, headers: InboundHeaders, signingKey: string, nowMs: number): SignatureCheck {
  const header = signatureOf(headers)?.trim();
  if (!header) return { isValid: false, reason: "missing" };
  let timestamp: string | undefined;
  const signatures: string[] = [];
  for (const part of header.split(",")) {
    const separator = part.indexOf("=");
    if (separator <= 0) return { isValid: false, reason: "malformed" };
    const name = part.slice(0, separator).trim();
    const value = part.slice(separator + 1).trim();
    if (name === "t") timestamp = value;
    else if (name === "v1") signatures.push(value);
    // Other schemes (a future v2) are not ours to check; v1 must still be there.
  }
  if (timestamp === undefined || !/^\d{1,12}$/.test(timestamp) || signatures.length === 0 || !signatures.every((signature) => HEX_SHA256.test(signature))) {
    return { isValid: false, reason: "malformed" };
  }
  const expected = createHmac("sha256", signingKey).update(`${timestamp}.`).update(rawBody).digest();
  // Every v1 is compared (a key rotation may send two); each comparison is constant-time on equal lengths.
  const matches = signatures.some((signature) => timingSafeEqual(Buffer.from(signature, "hex"), expected));
  if (!matches) return { isValid: false, reason: "mismatch" };
  // Checked after the HMAC, so "stale" only ever describes a genuine delivery that is too old (or from the future).
  if (Math.abs(nowMs - Number(timestamp) * 1000) > CALENDLY_SIGNATURE_TOLERANCE_MS) return { isValid: false, reason: "stale" };
  return { isValid: true };
}

export function parseCalendlyDelivery(rawBody: Buffer): ParsedDelivery {
  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString("utf8"));
  } catch {
    throw new ConveneError("INBOUND_PAYLOAD_INVALID", "The Calendly delivery is not JSON.");
  }
  const envelope = envelopeSchema.safeParse(body);
  if (!envelope.success) throw new ConveneError("INBOUND_PAYLOAD_INVALID", `Not a Calendly webhook delivery: ${describeIssues(envelope.error)}`);
  const { event: trigger, created_at: createdAt, payload } = envelope.data;
  const inviteeUri = typeof payload.uri === "string" ? payload.uri : "";
  // Calendly sends no delivery id; a retry repeats the same webhook event, which
  // its trigger, the invitee it is about and its created_at identify. Hashing
  // those rather than the raw body keeps retries one delivery even if Calendly
  // re-serialises the JSON between attempts (the signature covers the bytes, not
  // the identity); two real events about one invitee differ in created_at.
  const dedupeKey = createHash("sha256").update(`calendly\n${trigger}\n${inviteeUri}\n${createdAt}`).digest("hex");
  const ignored = (reason: string): ParsedDelivery => ({ trigger, dedupeKey, changes: [], ignoredBecause: reason });

  if (!(CALENDLY_SUBSCRIBED_EVENTS as readonly string[]).includes(trigger)) return ignored(`Convene does not use Calendly's ${trigger} events`);
  const invitee = calendlyInviteePayloadSchema.safeParse(payload);
  if (!invitee.success) throw new ConveneError("INBOUND_PAYLOAD_INVALID", `The ${trigger} payload is not a Calendly invitee: ${describeIssues(invitee.error)}`);
  const occurredAtMs = Date.parse(createdAt);
  const { scheduled_event: event, ...fields } = invitee.data;
  const change = (kind: ExternalBookingChange["kind"], attendance?: ExternalBookingChange["attendance"]) =>
    changeOfInvitee(fields, event, { kind, occurredAtMs, ...(attendance !== undefined ? { attendance } : {}) });

  switch (trigger) {
    case "invitee.created":
      return { trigger, dedupeKey, changes: [change(fields.old_invitee ? "rescheduled" : "booked")], ignoredBecause: null };
    case "invitee.canceled":
      return { trigger, dedupeKey, changes: [change("cancelled")], ignoredBecause: null };
    case "invitee_no_show.created":
      return { trigger, dedupeKey, changes: [change("attendance", "no_show")], ignoredBecause: null };
    default:
      // invitee_no_show.deleted: the host took the no-show mark back.
      return { trigger, dedupeKey, changes: [change("attendance", null)], ignoredBecause: null };
  }
}

export const calendlyWebhook: Pick<InboundProviderAdapter, "provider" | "verifySignature" | "parseDelivery"> = {
  provider: "calendly",
  verifySignature: verifyCalendlySignature,
  parseDelivery: parseCalendlyDelivery,
};
