// One adapter per provider, as the pipeline takes them. Cal.com's webhook half
// is here; the API clients (listBookings, Calendly's subscribe/unsubscribe) and
// Calendly's webhook half are placeholders until they land: they refuse,
// clearly, rather than pretend.
import { ConveneError } from "../../core/errors.js";
import type { InboundProvider } from "../../core/inbound/external-booking.js";
import type { InboundProviderAdapter } from "../../use-cases/ports/inbound-providers.js";
import { calcomWebhook } from "./calcom/calcom-webhook.js";

const noApiClient = (): Promise<never> => Promise.reject(new ConveneError("INBOUND_PROVIDER_UNREACHABLE", "no API client yet"));

/** PLACEHOLDER (replaced at merge by calcomApi(...), calendlyWebhook and calendlyApi(...)). */
export function createInboundProviders(_options: { calcomApiUrl: string; calendlyApiUrl: string }): Record<InboundProvider, InboundProviderAdapter> {
  return {
    calcom: { ...calcomWebhook, listBookings: noApiClient },
    calendly: {
      provider: "calendly",
      verifySignature: () => ({ isValid: false, reason: "malformed" }),
      parseDelivery: () => {
        throw new ConveneError("INBOUND_PAYLOAD_INVALID", "Calendly deliveries are not read yet.");
      },
      listBookings: noApiClient,
    },
  };
}
