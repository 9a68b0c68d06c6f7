// "Once, in order, across a Convene restart": a stream of booking and lead
// events is half delivered when the whole app closes (HTTP, workers, the
// database); a new app on the same database delivers the rest. The receiver
// verifies every message with the official standardwebhooks library and sees
// each exactly once, each booking's and each lead's in sequence order.
import { Webhook } from "standardwebhooks";
import { afterAll, expect, it } from "vitest";
import type { DeliveryJobs } from "../../src/adapters/jobs/delivery-jobs.js";
import { createLinkAndBook } from "../support/booking-fixtures.js";
import { describeOnEngines, reopenableTestDatabase } from "../support/engines.js";
import { settle } from "../support/polling.js";
import { bearer, signUpOwner, startTestApp, startTestJobs, type Owner, type TestApp } from "../support/test-app.js";
import { signedHeaders, useWebhookReceiver } from "./webhook-receiver.js";

type Payload = { type: string; data: { sequence: number; booking?: { id: string }; lead?: { id: string } } };

describeOnEngines("webhooks across a Convene restart", (engine) => {
  const receiver = useWebhookReceiver();
  let removeDatabase: (() => Promise<void>) | undefined;
  let running: { t: TestApp; jobs: DeliveryJobs } | undefined;
  afterAll(async () => {
    await running?.jobs.stop();
    await running?.t.close();
    await removeDatabase?.();
  });

  it("delivers each event exactly once, in order, when the app is closed mid-stream and a new one starts on the same database", async () => {
    const database = await reopenableTestDatabase(engine);
    removeDatabase = database.remove;
    const first = await startTestApp(engine, { database: await database.open() });
    running = { t: first, jobs: await startTestJobs(first) };
    const owner: Owner = await signUpOwner(first.app, "restart");
    const api = (t: TestApp, method: "POST", url: string, payload: object) => t.app.inject({ method, url: `/api/v1${url}`, headers: bearer(owner), payload });

    const endpoint = await api(first, "POST", "/webhooks", { url: `${receiver.url}/restart`, eventTypes: ["booking.created", "booking.rescheduled", "booking.cancelled", "lead.status_changed"] });
    expect(endpoint.statusCode, endpoint.body).toBe(201);
    const secret = endpoint.json().secret as string;

    // The stream: three bookings, each moved and cancelled, and a lead's three status changes.
    const bookingIds: string[] = [];
    for (const day of [8, 9, 10]) {
      const { booking } = await createLinkAndBook(first.app, owner, { start: `2026-12-${String(day).padStart(2, "0")}T14:00:00.000Z` });
      bookingIds.push(booking.id);
      expect((await api(first, "POST", `/bookings/${booking.id}/reschedule`, { start: `2026-12-${String(day).padStart(2, "0")}T15:00:00Z` })).statusCode).toBe(200);
      expect((await api(first, "POST", `/bookings/${booking.id}/cancel`, {})).statusCode).toBe(200);
    }
    const leadEvents = ["sent", "replied", "interested"].map((type, index) => ({ id: `restart-${index}`, email: "lin@restart.example", type, at: `2026-11-19T1${index}:00:00Z` }));
    const sent = await api(first, "POST", "/lead-events", { events: leadEvents });
    expect(sent.statusCode, sent.body).toBe(200);
    const leadId = sent.json().items[0].leadId as string;
    const total = bookingIds.length * 3 + 3;

    // One pass: each subject's first message goes out; the later ones wait for it (an ordering wait, on the test's clock).
    await running.jobs.relayOnce(first.clock.nowMs);
    await settle(async () => receiver.to("/restart").length, (n) => n >= 4, 10_000);
    // Closed mid-stream: the workers, the HTTP app, the database.
    await running.jobs.stop();
    await first.close();
    running = undefined;
    const beforeRestart = receiver.to("/restart").length;
    expect(beforeRestart).toBeGreaterThanOrEqual(4);
    expect(beforeRestart).toBeLessThan(total);

    // A new Convene on the same database, its clock a little later.
    const second = await startTestApp(engine, { database: await database.open() });
    second.clock.nowMs = first.clock.nowMs + 2_000;
    running = { t: second, jobs: await startTestJobs(second) };
    for (let round = 0; round < 12 && receiver.to("/restart").length < total; round++) {
      await running.jobs.relayOnce(second.clock.nowMs);
      await settle(async () => receiver.to("/restart").length, (n) => n >= total, 2_000);
      second.clock.nowMs += 2_000;
    }
    // Nothing more comes later.
    second.clock.nowMs += 120_000;
    await running.jobs.relayOnce(second.clock.nowMs);
    await settle(async () => receiver.to("/restart").length, (n) => n > total, 1_000);

    const received = receiver.to("/restart");
    expect(received).toHaveLength(total);
    const payloads = received.map((request) => new Webhook(secret).verify(request.body, signedHeaders(request)) as Payload);
    expect(new Set(received.map((request) => request.headers["webhook-id"])).size).toBe(total);
    for (const bookingId of bookingIds) {
      const ofBooking = payloads.filter((payload) => payload.data.booking?.id === bookingId);
      expect(ofBooking.map((payload) => [payload.data.sequence, payload.type])).toEqual([
        [1, "booking.created"],
        [2, "booking.rescheduled"],
        [3, "booking.cancelled"],
      ]);
    }
    expect(payloads.filter((payload) => payload.data.lead?.id === leadId).map((payload) => payload.data.sequence)).toEqual([1, 2, 3]);
  }, 120_000);
});
