// One adapter per provider, as the pipeline takes them: each provider's webhook
// half (signature, payload) with its API client (backfill; Calendly's webhook
// subscription), the clients pointed at the configured base URLs.
import type { InboundProvider } from "../../core/inbound/external-booking.js";
import type { InboundProviderAdapter } from "../../use-cases/ports/inbound-providers.js";
import { calcomApi } from "./calcom/calcom-api.js";
import { calcomWebhook } from "./calcom/calcom-webhook.js";
import { calendlyApi } from "./calendly/calendly-api.js";
import { calendlyWebhook } from "./calendly/calendly-webhook.js";

export function createInboundProviders(options: { calcomApiUrl: string; calendlyApiUrl: string }): Record<InboundProvider, InboundProviderAdapter> {
  return {
    calcom: { ...calcomWebhook, ...calcomApi({ baseUrl: options.calcomApiUrl }) },
    calendly: { ...calendlyWebhook, ...calendlyApi({ baseUrl: options.calendlyApiUrl }) },
  };
}
