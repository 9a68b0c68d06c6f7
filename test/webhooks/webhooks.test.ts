// Outbound webhooks end to end: endpoints over the API, booking events
// delivered through the fan-out to a loopback receiver that verifies each with
// the official standardwebhooks library — once each, in order per booking —
// the retry schedule with Retry-After, 410 and five failing days disabling an
// endpoint (its managers emailed), secret rotation, test sends, the log and
// replay, and a worker restart mid-stream.
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { createWebhookSender } from "../../src/adapters/webhooks/webhook-sender.js";
import { bookingWebhookPayloadSchema } from "../../src/http/openapi-webhooks.js";
import type { DeliveryJobs } from "../../src/adapters/jobs/delivery-jobs.js";
import { createLinkAndBook } from "../support/booking-fixtures.js";
import { describeOnEngines } from "../support/engines.js";
import { settle } from "../support/polling.js";
import { bearer, startTestJobs, useTestApp, type Owner } from "../support/test-app.js";
import { signedHeaders, useWebhookReceiver, type ReceivedWebhook } from "./webhook-receiver.js";

const ALL_EVENTS = ["booking.created", "booking.rescheduled", "booking.cancelled", "booking.attendance_updated"];

type Payload = { type: string; data: { sequence: number; booking: { id: string; status: string; start: string } } };

describeOnEngines("outbound webhooks", (engine) => {
  const t = useTestApp(engine, { owners: { owner: "hooks" } });
  const receiver = useWebhookReceiver();
  let jobs: DeliveryJobs;

  const api = (owner: Owner, method: "GET" | "POST" | "PATCH" | "DELETE", url: string, payload?: unknown) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: bearer(owner), ...(payload === undefined ? {} : { payload: payload as object }) });

  async function createEndpoint(path: string, eventTypes = ALL_EVENTS): Promise<{ id: string; secret: string }> {
    const response = await api(t.owner, "POST", "/webhooks", { url: `${receiver.url}${path}`, eventTypes, description: path });
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  }

  /** Relays until the path has `count` requests: a message waiting for an earlier one looks again a second later (the test's clock). */
  async function deliverUntil(path: string, count: number): Promise<ReceivedWebhook[]> {
    for (let round = 0; round < 10 && receiver.to(path).length < count; round++) {
      await jobs.relayOnce(t.clock.nowMs);
      await settle(async () => receiver.to(path).length, (n) => n >= count, 2_000);
      if (receiver.to(path).length < count) t.clock.nowMs += 2_000;
    }
    return receiver.to(path);
  }

  const verified = (request: ReceivedWebhook, secret: string) => new Webhook(secret).verify(request.body, signedHeaders(request)) as Payload;

  it("starts the delivery workers", async () => {
    jobs = await startTestJobs(t);
  });

  it("creates an endpoint with a whsec_ secret shown once, and lists it without", async () => {
    const created = await createEndpoint("/created");
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const listed = (await api(t.owner, "GET", "/webhooks")).json().items as Record<string, unknown>[];
    expect(listed.find((endpoint) => endpoint["id"] === created.id)).toMatchObject({ isEnabled: true, eventTypes: ALL_EVENTS });
    expect(JSON.stringify(listed)).not.toContain("whsec_");
    expect((await api(t.owner, "DELETE", `/webhooks/${created.id}`)).statusCode).toBe(204);
    expect((await api(t.owner, "GET", `/webhooks/${created.id}`)).json().code).toBe("NOT_FOUND");
  });

  it("delivers created, rescheduled and cancelled once each, in order, verified with the official library", async () => {
    const { secret } = await createEndpoint("/booking");
    const { booking } = await createLinkAndBook(t.app, t.owner);
    expect((await api(t.owner, "POST", `/bookings/${booking.id}/reschedule`, { start: "2026-12-01T16:00:00Z" })).statusCode).toBe(200);
    expect((await api(t.owner, "POST", `/bookings/${booking.id}/cancel`, {})).statusCode).toBe(200);
    const received = await deliverUntil("/booking", 3);
    const payloads = received.map((request) => verified(request, secret));
    expect(payloads.map((payload) => [payload.type, payload.data.sequence])).toEqual([
      ["booking.created", 1],
      ["booking.rescheduled", 2],
      ["booking.cancelled", 3],
    ]);
    expect(new Set(received.map((request) => request.headers["webhook-id"])).size).toBe(3);
    expect(payloads[1]!.data.booking).toMatchObject({ id: booking.id, start: "2026-12-01T16:00:00.000Z" });
    for (const payload of payloads) expect(bookingWebhookPayloadSchema.safeParse(payload).success).toBe(true);
    // Nothing more comes later: each delivery is finished.
    t.clock.nowMs += 60_000;
    await jobs.relayOnce(t.clock.nowMs);
    expect(receiver.to("/booking")).toHaveLength(3);
  });

  it("delivers booking.attendance_updated only to endpoints subscribed to it", async () => {
    const { secret } = await createEndpoint("/attendance", ["booking.attendance_updated"]);
    const { booking } = await createLinkAndBook(t.app, t.owner, { start: "2026-12-02T14:00:00.000Z" });
    const savedNowMs = t.clock.nowMs;
    t.clock.nowMs = Date.parse("2026-12-02T15:00:00Z");
    expect((await api(t.owner, "POST", `/bookings/${booking.id}/attendance`, { status: "showed" })).statusCode).toBe(200);
    const received = await deliverUntil("/attendance", 1);
    expect(received.map((request) => verified(request, secret).type)).toEqual(["booking.attendance_updated"]);
    expect(verified(received[0]!, secret).data.sequence).toBe(2);
    t.clock.nowMs = Math.max(savedNowMs, t.clock.nowMs);
  });

  it("retries a 500 no sooner than its Retry-After, with the same webhook-id", async () => {
    const { id, secret } = await createEndpoint("/retry", ["booking.created"]);
    receiver.script("/retry", [{ status: 500, headers: { "retry-after": "120" }, body: "try later" }]);
    await createLinkAndBook(t.app, t.owner, { start: "2026-12-03T14:00:00.000Z" });
    await deliverUntil("/retry", 1);
    const log = await settle(async () => (await api(t.owner, "GET", `/webhooks/${id}/deliveries`)).json().items as Record<string, any>[], (items) => items.length === 1);
    expect(log[0]).toMatchObject({ attempt: 1, response: { status: 500, body: "try later" } });
    const firstAtMs = Date.parse(log[0]!["at"]);
    expect(Date.parse(log[0]!["nextAttemptAt"]) - firstAtMs).toBeGreaterThanOrEqual(120_000);
    t.clock.nowMs += 60_000;
    await jobs.relayOnce(t.clock.nowMs);
    expect(receiver.to("/retry")).toHaveLength(1);
    t.clock.nowMs = Date.parse(log[0]!["nextAttemptAt"]);
    const received = await deliverUntil("/retry", 2);
    expect(received[1]!.headers["webhook-id"]).toBe(received[0]!.headers["webhook-id"]);
    expect(verified(received[1]!, secret).type).toBe("booking.created");
    // The receiver has the retry before its attempt is logged: wait for the log.
    const after = await settle(async () => (await api(t.owner, "GET", `/webhooks/${id}/deliveries`)).json().items as Record<string, any>[], (items) => items[0]?.["attempt"] === 2);
    expect(after[0]).toMatchObject({ attempt: 2, response: { status: 200 }, nextAttemptAt: null });
  });

  it("replays a logged message with the same webhook-id", async () => {
    const { id, secret } = await createEndpoint("/replay", ["booking.created"]);
    await createLinkAndBook(t.app, t.owner, { start: "2026-12-04T14:00:00.000Z" });
    await deliverUntil("/replay", 1);
    // The receiver has it before the attempt is logged: wait for the log.
    const [logged] = await settle(async () => (await api(t.owner, "GET", `/webhooks/${id}/deliveries`)).json().items as { id: string; messageId: string }[], (items) => items.length === 1);
    const replay = await api(t.owner, "POST", `/webhooks/${id}/deliveries/${logged!.id}/replay`);
    expect(replay.statusCode, replay.body).toBe(200);
    expect(replay.json()).toMatchObject({ messageId: logged!.messageId, isReplay: true, attempt: 2, response: { status: 200 } });
    const received = receiver.to("/replay");
    expect(received).toHaveLength(2);
    expect(received[1]!.headers["webhook-id"]).toBe(logged!.messageId);
    expect(received[1]!.body).toBe(received[0]!.body);
    verified(received[1]!, secret);
  });

  it("signs with the old and the new secret for 24 hours after a rotation", async () => {
    const { id, secret: oldSecret } = await createEndpoint("/rotate", ["booking.created"]);
    const rotated = await api(t.owner, "POST", `/webhooks/${id}/rotate-secret`);
    expect(rotated.statusCode, rotated.body).toBe(200);
    const newSecret = rotated.json().secret as string;
    expect(newSecret).not.toBe(oldSecret);
    const test = await api(t.owner, "POST", `/webhooks/${id}/test`);
    expect(test.json()).toMatchObject({ eventType: "webhook.test", response: { status: 200 } });
    const during = receiver.to("/rotate").at(-1)!;
    expect(String(during.headers["webhook-signature"]).split(" ")).toHaveLength(2);
    expect(verified(during, oldSecret).type).toBe("webhook.test");
    expect(verified(during, newSecret).type).toBe("webhook.test");
    t.clock.nowMs += 24 * 3_600_000 + 1;
    await api(t.owner, "POST", `/webhooks/${id}/test`);
    const after = receiver.to("/rotate").at(-1)!;
    expect(String(after.headers["webhook-signature"]).split(" ")).toHaveLength(1);
    expect(() => verified(after, oldSecret)).toThrow();
    expect(verified(after, newSecret).type).toBe("webhook.test");
  });

  it("disables an endpoint that answers 410 and emails the owner", async () => {
    const { id } = await createEndpoint("/gone", ["booking.created"]);
    receiver.always("/gone", { status: 410 });
    await createLinkAndBook(t.app, t.owner, { start: "2026-12-07T14:00:00.000Z" });
    await deliverUntil("/gone", 1);
    const endpoint = await settle(async () => (await api(t.owner, "GET", `/webhooks/${id}`)).json(), (read) => read.isEnabled === false);
    expect(endpoint).toMatchObject({ isEnabled: false, disabledReason: expect.stringContaining("410") });
    const mail = (await api(t.owner, "GET", "/dev/outbox")).json().items as { subject: string; to: { email: string } }[];
    expect(mail.filter((m) => m.subject.includes("Webhook endpoint disabled") && m.subject.includes("/gone"))).toHaveLength(1);
    // Nothing more is sent to it.
    await createLinkAndBook(t.app, t.owner, { start: "2026-12-08T14:00:00.000Z" });
    t.clock.nowMs += 10_000;
    await jobs.relayOnce(t.clock.nowMs);
    expect(receiver.to("/gone")).toHaveLength(1);
  });

  it("disables an endpoint after five days of failures and emails the owner", async () => {
    const { id } = await createEndpoint("/failing", ["booking.created"]);
    receiver.always("/failing", { status: 503 });
    await createLinkAndBook(t.app, t.owner, { start: "2026-12-09T14:00:00.000Z" });
    await deliverUntil("/failing", 1);
    const failing = await settle(async () => (await api(t.owner, "GET", `/webhooks/${id}`)).json(), (read) => read.failingSince !== null);
    expect(failing).toMatchObject({ isEnabled: true });
    t.clock.nowMs = Date.parse(failing.failingSince) + 5 * 24 * 3_600_000;
    await createLinkAndBook(t.app, t.owner, { start: "2026-12-10T14:00:00.000Z" });
    await deliverUntil("/failing", 2);
    const endpoint = await settle(async () => (await api(t.owner, "GET", `/webhooks/${id}`)).json(), (read) => read.isEnabled === false);
    expect(endpoint.disabledReason).toContain("five days");
    const mail = (await api(t.owner, "GET", "/dev/outbox")).json().items as { subject: string }[];
    expect(mail.filter((m) => m.subject.includes("/failing"))).toHaveLength(1);
    // Enabling it again clears the streak.
    expect((await api(t.owner, "PATCH", `/webhooks/${id}`, { isEnabled: true })).json()).toMatchObject({ isEnabled: true, failingSince: null, disabledReason: null });
  });

  it("delivers each event once, in order, across a worker restart mid-stream", async () => {
    const { secret } = await createEndpoint("/restart");
    const bookings = [];
    for (const day of [14, 15, 16]) bookings.push((await createLinkAndBook(t.app, t.owner, { start: `2026-12-${day}T14:00:00.000Z` })).booking);
    for (const booking of bookings) await api(t.owner, "POST", `/bookings/${booking.id}/cancel`, {});
    await jobs.relayOnce(t.clock.nowMs);
    await jobs.stop();
    jobs = await startTestJobs(t);
    const received = await deliverUntil("/restart", 6);
    const payloads = received.map((request) => verified(request, secret));
    expect(new Set(received.map((request) => request.headers["webhook-id"])).size).toBe(6);
    for (const booking of bookings) {
      expect(payloads.filter((payload) => payload.data.booking.id === booking.id).map((payload) => payload.type)).toEqual(["booking.created", "booking.cancelled"]);
    }
    t.clock.nowMs += 60_000;
    await jobs.relayOnce(t.clock.nowMs);
    expect(receiver.to("/restart")).toHaveLength(6);
  });

  it("refuses private URLs at create unless allowed, as problem+json", async () => {
    const refused = await api(t.owner, "POST", "/webhooks", { url: "ftp://127.0.0.1/x", eventTypes: ["booking.created"] });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe("WEBHOOK_URL_INVALID");
  });

  it("stops the delivery workers", async () => {
    await jobs.stop();
  });
});

describe("the webhook sender without WEBHOOKS_ALLOW_PRIVATE_URLS", () => {
  const receiver = useWebhookReceiver();
  const sender = createWebhookSender({ allowPrivateUrls: false, timeoutMs: 2_000 });

  it("refuses names that resolve to loopback, private addresses and plain http", async () => {
    await expect(sender.checkUrl("https://localhost/hook")).rejects.toMatchObject({ code: "WEBHOOK_URL_PRIVATE" });
    for (const url of ["https://127.0.0.1/", "https://10.0.0.8/", "https://169.254.169.254/", "https://100.64.0.1/", "https://[::1]/", "https://[::ffff:127.0.0.1]/", "https://[fe80::1]/", "https://0.0.0.0/", "https://224.0.0.1/"]) {
      await expect(sender.checkUrl(url), url).rejects.toMatchObject({ code: "WEBHOOK_URL_PRIVATE" });
    }
    await expect(sender.checkUrl("http://93.184.215.14/")).rejects.toMatchObject({ code: "WEBHOOK_URL_INVALID" });
    await expect(sender.checkUrl("https://93.184.215.14/")).resolves.toBeUndefined();
  });

  it("refuses at send time too, without connecting", async () => {
    const url = receiver.url.replace("127.0.0.1", "localhost").replace("http:", "https:");
    const response = await sender.send({ url, messageId: "msg_1", body: "{}", secrets: ["whsec_" + Buffer.alloc(32, 1).toString("base64")] });
    expect(response.status).toBeNull();
    expect(response.error).toMatch(/not a public address|private/);
    expect(receiver.received).toHaveLength(0);
  });
});
