// What the inbound use cases need beyond every use case's deps: one adapter
// per provider (signature, parsing, backfill, subscriptions), where Convene's
// webhook URLs live, and how far back and ahead a backfill looks.
import type { InboundProvider } from "../../core/inbound/external-booking.js";
import type { InboundProviderAdapter } from "../ports/inbound-providers.js";
import type { UseCaseDeps } from "../ports/store.js";

export type InboundProviders = Record<InboundProvider, InboundProviderAdapter>;

export type InboundDeps = UseCaseDeps & {
  inboundProviders: InboundProviders;
  publicUrl: string;
  inbound: { backfillDays: number; backfillIntervalMs: number };
};

/** The URL a provider posts to: the token is the source's only name in it. */
export function webhookUrlOf(publicUrl: string, webhookToken: string): string {
  return `${publicUrl.replace(/\/$/, "")}/api/v1/inbound/${webhookToken}`;
}
