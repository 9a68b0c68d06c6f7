// A new channel is one adapter and one registration line: the test sink
// channel (test/support/sink-channel.ts), registered beside email in a real
// `convene serve` process (test/support/serve-with-sink.ts), receives every
// booking event exactly once — bookings, reschedules and cancels made before
// and after the process is SIGKILLed in the middle of delivering them.
import { expect, it } from "vitest";
import { freePort, useConveneProcesses, waitFor, type Run } from "../support/convene-process.js";
import { describeOnEngines } from "../support/engines.js";
import { bookOverHttp, call, createLinkOverHttp, daysAhead, signUpOverHttp } from "../support/http-client.js";
import { until } from "../support/polling.js";
import { startSink, type Sink } from "../support/sink-channel.js";
import { TEST_MAIL_FROM } from "../support/smtp-listener.js";

describeOnEngines("a test-only channel across a SIGKILL", (engine) => {
  const processes = useConveneProcesses(engine);

  it("receives every booking event exactly once", async () => {
    // Each receipt is answered after 300 ms, so the kill below lands while deliveries are in flight.
    const sink: Sink = await startSink(300);
    processes.defer(() => sink.close());
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const env = await processes.env({
      PORT: String(port),
      HOST: "127.0.0.1",
      SINK_URL: sink.url,
      MAIL_FROM: TEST_MAIL_FROM,
      // A killed worker's jobs are retried within seconds, not pg-boss's default 15 minutes.
      NOTIFY_JOB_TIMEOUT_SECONDS: "3",
      NOTIFY_RETRY_DELAY_SECONDS: "1",
      RATE_LIMIT_PUBLIC_BOOKINGS_PER_MINUTE: "100000",
    });
    const start = () => processes.run([], env, "test/support/serve-with-sink.ts");

    const first: Run = start();
    await waitFor(first, "Convene is running", 180_000);
    const owner = await signUpOverHttp(base);
    const link = await createLinkOverHttp(base, owner, { title: "Channels" });
    const bookingIds: string[] = [];
    const book = async (hour: number) => {
      const response = await bookOverHttp(base, link, daysAhead(3, hour), { email: `invitee${hour}@example.com` });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      bookingIds.push(response.body["id"] as string);
    };
    const change = async (bookingId: string, action: "reschedule" | "cancel", body: object) => {
      const response = await call(base, "POST", `/api/v1/bookings/${bookingId}/${action}`, body, owner);
      expect(response.status, JSON.stringify(response.body)).toBe(200);
    };

    // 1. Changes while the first process delivers; it is killed once some receipts are in.
    for (const hour of [8, 9, 10, 11]) await book(hour);
    await change(bookingIds[0]!, "reschedule", { start: daysAhead(3, 13) });
    await change(bookingIds[1]!, "cancel", { reason: "No longer needed" });
    await until(() => sink.raw.length >= 2, 60_000, () => `${sink.raw.length} receipts before the kill`);
    first.child.kill("SIGKILL");
    await first.exited;

    // 2. A new process picks up what was in flight or not yet fanned out; more changes follow.
    const second = start();
    await waitFor(second, "Convene is running", 180_000);
    await book(14);
    await change(bookingIds[2]!, "reschedule", { start: daysAhead(3, 15) });
    await change(bookingIds[2]!, "cancel", {});

    const eventIds = async () => {
      const ids: string[] = [];
      for (const id of bookingIds) {
        const detail = await call<{ events: { id: string }[] }>(base, "GET", `/api/v1/bookings/${id}`, undefined, owner);
        ids.push(...detail.body.events.map((event) => event.id));
      }
      return ids;
    };
    const expected = await eventIds();
    expect(expected).toHaveLength(9); // 5 bookings, 2 reschedules, 2 cancels
    const received = () => new Set([...sink.byKey.values()].map((receipt) => receipt.eventId));
    await until(() => expected.every((id) => received().has(id)), 90_000, () => `${received().size} of ${expected.length} events received`);

    // Keyed by idempotency key, every event arrived exactly once: one key per event and one event per key.
    const keysPerEvent = new Map<string, string[]>();
    for (const receipt of sink.byKey.values()) keysPerEvent.set(receipt.eventId, [...(keysPerEvent.get(receipt.eventId) ?? []), receipt.idempotencyKey]);
    expect([...keysPerEvent.keys()].sort()).toEqual([...expected].sort());
    expect([...keysPerEvent.values()].filter((keys) => keys.length !== 1)).toEqual([]);
    // Raw receipts may repeat a key: a worker killed after the sink took a delivery but before it
    // recorded "sent" is retried, and the retry POSTs the same delivery again. That is the
    // at-least-once hop every receiver deduplicates by key (as SMTP Message-IDs and webhook ids
    // let it); what must never happen is a second key for one event (a second fan-out).
    expect(sink.raw.length).toBeGreaterThanOrEqual(expected.length);
    expect(sink.raw.every((receipt) => sink.byKey.get(receipt.idempotencyKey)?.eventId === receipt.eventId)).toBe(true);
    console.log(`${engine}: ${expected.length} events, ${sink.raw.length} raw receipts`);

    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
  }, 480_000);
});
