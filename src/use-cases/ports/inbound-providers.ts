// What Convene needs from Cal.com and Calendly, one adapter per provider
// (src/adapters/inbound/calcom, src/adapters/inbound/calendly): check a
// webhook's signature, turn its body into provider-neutral changes, list recent
// bookings for the backfill, and (Calendly) subscribe Convene's webhook URL.
import type { ExternalBookingChange, InboundProvider } from "../../core/inbound/external-booking.js";

/** Header names lower-cased, as Node gives them. */
export type InboundHeaders = Record<string, string | string[] | undefined>;

export type SignatureCheck = { isValid: true } | { isValid: false; reason: "missing" | "malformed" | "mismatch" | "stale" };

export type ParsedDelivery = {
  /** The provider's name for what happened (BOOKING_CREATED, invitee.canceled, …), for the delivery log. */
  trigger: string;
  /** Identifies the delivery across retries: the provider's own delivery id, or the SHA-256 of the raw body when it has none. */
  dedupeKey: string;
  /** What it changes; empty for a trigger Convene acknowledges and ignores (it says why in ignoredBecause). */
  changes: ExternalBookingChange[];
  ignoredBecause: string | null;
};

export interface InboundProviderAdapter {
  readonly provider: InboundProvider;
  /** In constant time, on the raw bytes as received. nowMs bounds a signed timestamp's age where the provider signs one. */
  verifySignature(rawBody: Buffer, headers: InboundHeaders, signingSecret: string, nowMs: number): SignatureCheck;
  /** Throws ConveneError INBOUND_PAYLOAD_INVALID for a body that is not a delivery of this provider. */
  parseDelivery(rawBody: Buffer): ParsedDelivery;
  /** Backfill: every booking the provider has that starts in [fromMs, toMs), as "booked" / "cancelled" / "attendance" changes. Throws ConveneError INBOUND_PROVIDER_AUTH_FAILED on a refused token, INBOUND_PROVIDER_UNREACHABLE when the provider does not answer (or answers 5xx). */
  listBookings(apiToken: string, window: { fromMs: number; toMs: number }): Promise<ExternalBookingChange[]>;
  /**
   * Calendly: creates the webhook subscription for callbackUrl, signed with signingKey;
   * returns the subscription's URI. Undefined for providers where the owner pastes the URL (Cal.com).
   */
  subscribe?(apiToken: string, subscription: { callbackUrl: string; signingKey: string }): Promise<{ ref: string }>;
  unsubscribe?(apiToken: string, ref: string): Promise<void>;
}
