// A test-only delivery channel: one delivery per booking event, delivered by
// POSTing it to a sink (an HTTP listener in the test). It is what a new
// integration looks like: this adapter plus one registration line
// (serve-with-sink.ts). The sink keys receipts by the delivery's idempotency
// key, as SMTP Message-IDs and Standard Webhooks' webhook-id do.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { DeliveryChannel } from "../../src/use-cases/deliveries/channel.js";

export type SinkReceipt = { idempotencyKey: string; eventId: string; bookingId: string; seq: number; type: string };

export function sinkChannel(sinkUrl: string): DeliveryChannel {
  return {
    name: "test_sink",
    async plan(_repos, _tenantId, event, booking) {
      return {
        deliveries: [
          {
            kind: event.type,
            recipient: { role: "invitee", email: booking.inviteeEmail, name: booking.inviteeName, timeZone: booking.inviteeTimeZone },
            sequence: event.bookingSequence,
            runAtMs: event.occurredAtMs,
            dedupeKey: event.id,
          },
        ],
        supersedes: [],
      };
    },
    async deliver(_tenantId, delivery, event) {
      if (!event) throw new Error("a sink delivery always comes from an event");
      const receipt: SinkReceipt = { idempotencyKey: delivery.id, eventId: event.id, bookingId: event.bookingId, seq: event.seq, type: event.type };
      const response = await fetch(sinkUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(receipt) });
      if (!response.ok) throw new Error(`sink answered ${response.status}`);
      return "sent";
    },
  };
}

export type Sink = { url: string; raw: SinkReceipt[]; byKey: Map<string, SinkReceipt>; close(): Promise<void> };

/** The listener: every POST is kept raw, and once per idempotency key. Each answer waits delayMs, so a kill can land mid-delivery. */
export async function startSink(delayMs = 0): Promise<Sink> {
  const raw: SinkReceipt[] = [];
  const byKey = new Map<string, SinkReceipt>();
  const server: Server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    request.on("end", () => {
      const receipt = JSON.parse(body) as SinkReceipt;
      raw.push(receipt);
      if (!byKey.has(receipt.idempotencyKey)) byKey.set(receipt.idempotencyKey, receipt);
      setTimeout(() => response.writeHead(204).end(), delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/receipts`, raw, byKey, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
