// An inbound provider for the backfill suites: its listBookings answers what
// the test scripted (bookings, or the failure a provider can give) and records
// each call's token and window. The webhook half is Cal.com's, so a suite can
// mix deliveries and backfills on one source.
import { ConveneError } from "../../src/core/errors.js";
import type { ExternalBookingChange } from "../../src/core/inbound/external-booking.js";
import { calcomWebhook } from "../../src/adapters/inbound/calcom/calcom-webhook.js";
import type { InboundProviderAdapter } from "../../src/use-cases/ports/inbound-providers.js";

export type ScriptedAnswer = { changes: ExternalBookingChange[] } | { fails: "INBOUND_PROVIDER_UNREACHABLE" | "INBOUND_PROVIDER_AUTH_FAILED" };

export type ScriptedProvider = InboundProviderAdapter & { answer: ScriptedAnswer; calls: { apiToken: string; fromMs: number; toMs: number }[] };

export function scriptedProvider(): ScriptedProvider {
  const provider: ScriptedProvider = {
    ...calcomWebhook,
    answer: { changes: [] },
    calls: [],
    async listBookings(apiToken, window) {
      provider.calls.push({ apiToken, ...window });
      const answer = provider.answer;
      if ("fails" in answer) throw new ConveneError(answer.fails, answer.fails === "INBOUND_PROVIDER_UNREACHABLE" ? "api.cal.test answered 503" : "api.cal.test refused the key (401)");
      return answer.changes.filter((change) => change.startMs >= window.fromMs && change.startMs < window.toMs);
    },
  };
  return provider;
}
