// Calendly's API client against the strict local fake: the backfill across
// pages, the webhook subscription (and what Calendly refuses), and a provider
// that refuses the token, fails, throttles or is down.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { calendlyApi } from "../../src/adapters/inbound/calendly/calendly-api.js";
import { calendlyWebhook } from "../../src/adapters/inbound/calendly/calendly-webhook.js";
import { ConveneError } from "../../src/core/errors.js";
import { startCalendlyFake, type CalendlyFake } from "../fakes/calendly/calendly-fake.js";
import { inviteeCreated, inviteeUri, type InviteeFixture } from "../fakes/calendly/webhook-payloads.js";

const TOKEN = "pat_owner";
const DAY_MS = 86_400_000;
const FROM_MS = Date.parse("2026-03-01T00:00:00Z");
const TO_MS = FROM_MS + 7 * DAY_MS;

let fake: CalendlyFake;
const sleeps: number[] = [];
const api = () => calendlyApi({ baseUrl: fake.baseUrl, timeoutMs: 5_000, sleep: async (ms) => void sleeps.push(ms) });

const invitee = (n: number, overrides: Partial<InviteeFixture> = {}): InviteeFixture => ({
  eventUuid: `EV${n}`,
  inviteeUuid: `IN${n}`,
  email: `lead${n}@example.com`,
  name: `Lead ${n}`,
  startMs: FROM_MS + n * 3_600_000,
  endMs: FROM_MS + n * 3_600_000 + 1_800_000,
  ...overrides,
});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ConveneError) return error.code;
    throw error;
  }
  throw new Error("expected a ConveneError");
}

beforeAll(async () => {
  fake = await startCalendlyFake({ allowLoopbackCallbacks: true });
  fake.addUser({ token: TOKEN, uuid: "OWNER0000000001", email: "owner@convene.test" });
  fake.addUser({ token: "pat_other", uuid: "OTHER0000000001", email: "other@convene.test" });
  // 150 events in the window: two pages of events at Calendly's maximum count of 100.
  for (let n = 1; n <= 150; n += 1) fake.putInvitee(TOKEN, invitee(n));
  fake.putInvitee(TOKEN, invitee(500, { startMs: TO_MS + DAY_MS, endMs: TO_MS + DAY_MS + 1_800_000 }));
  fake.putInvitee("pat_other", invitee(600));
  // A group event: two invitees, one of whom cancelled; a rescheduled pair; a no-show.
  fake.putInvitee(TOKEN, invitee(151, { eventUuid: "GROUP", inviteeUuid: "GA" }));
  fake.putInvitee(TOKEN, invitee(151, { eventUuid: "GROUP", inviteeUuid: "GB", email: "second@example.com" }), { status: "canceled", cancelReason: "Double booked", canceledAtMs: FROM_MS });
  fake.putInvitee(TOKEN, invitee(152, { eventUuid: "OLD", inviteeUuid: "OLDI" }), { status: "canceled", rescheduled: true, newInvitee: inviteeUri("NEW", "NEWI"), canceledAtMs: FROM_MS });
  fake.putInvitee(TOKEN, invitee(153, { eventUuid: "NEW", inviteeUuid: "NEWI" }), { oldInvitee: inviteeUri("OLD", "OLDI") });
  fake.putInvitee(TOKEN, invitee(154, { eventUuid: "NOSHOW", inviteeUuid: "NSI" }), { noShowAtMs: FROM_MS + 2 * DAY_MS });
});
afterAll(() => fake.stop());
afterEach(async () => {
  await fake.setOutage(null);
  sleeps.length = 0;
});

describe("Calendly backfill", () => {
  it("lists the token user's invitees in the window across pages of events and of invitees", async () => {
    const changes = await api().listBookings(TOKEN, { fromMs: FROM_MS, toMs: TO_MS });
    const booked = changes.filter((change) => change.kind === "booked");
    expect(booked.map((change) => change.uid)).toContain(inviteeUri("EV1", "IN1"));
    expect(booked.map((change) => change.uid)).toContain(inviteeUri("EV150", "IN150"));
    expect(changes.some((change) => change.uid.includes("EV500") || change.uid.includes("EV600"))).toBe(false);
    // 150 single events + GA + NEWI + NSI booked; GB and OLDI cancelled; one no-show mark.
    expect(booked).toHaveLength(153);
    const eventPages = fake.requests().filter((request) => request.path === "/scheduled_events");
    expect(eventPages.length).toBeGreaterThanOrEqual(2);
    expect(eventPages[0]!.query).toMatchObject({ count: "100", min_start_time: new Date(FROM_MS).toISOString(), max_start_time: new Date(TO_MS).toISOString() });
    expect(eventPages[1]!.query.page_token).toBeTruthy();
  });

  it("maps cancellations, the reschedule pair and no-shows", async () => {
    const changes = await api().listBookings(TOKEN, { fromMs: FROM_MS, toMs: TO_MS });
    const byUid = (uid: string) => changes.filter((change) => change.uid === uid);
    expect(byUid(inviteeUri("GROUP", "GB"))).toMatchObject([{ kind: "cancelled", cancelReason: "Double booked", isRescheduleCancel: false, attendees: [{ email: "second@example.com" }] }]);
    expect(byUid(inviteeUri("GROUP", "GA"))).toMatchObject([{ kind: "booked" }]);
    expect(byUid(inviteeUri("OLD", "OLDI"))).toMatchObject([{ kind: "cancelled", isRescheduleCancel: true }]);
    expect(byUid(inviteeUri("NEW", "NEWI"))).toMatchObject([{ kind: "booked", previousUid: inviteeUri("OLD", "OLDI") }]);
    expect(byUid(inviteeUri("NOSHOW", "NSI"))).toMatchObject([{ kind: "booked" }, { kind: "attendance", attendance: "no_show" }]);
    expect(byUid(inviteeUri("EV1", "IN1"))[0]).toMatchObject({ hostEmail: "owner@convene.test", title: "30 Minute Meeting", attendees: [{ name: "Lead 1", email: "lead1@example.com" }] });
  });
});

describe("Calendly failures", () => {
  it("a refused token is INBOUND_PROVIDER_AUTH_FAILED", async () => {
    expect(await codeOf(api().listBookings("pat_revoked", { fromMs: FROM_MS, toMs: TO_MS }))).toBe("INBOUND_PROVIDER_AUTH_FAILED");
  });

  it("5xx, a closed connection and a refused connection are INBOUND_PROVIDER_UNREACHABLE, with the cause kept", async () => {
    fake.failNext(1, { status: 500 });
    expect(await codeOf(api().listBookings(TOKEN, { fromMs: FROM_MS, toMs: TO_MS }))).toBe("INBOUND_PROVIDER_UNREACHABLE");
    await fake.setOutage("503");
    expect(await codeOf(api().listBookings(TOKEN, { fromMs: FROM_MS, toMs: TO_MS }))).toBe("INBOUND_PROVIDER_UNREACHABLE");
    await fake.setOutage("close");
    expect(await codeOf(api().listBookings(TOKEN, { fromMs: FROM_MS, toMs: TO_MS }))).toBe("INBOUND_PROVIDER_UNREACHABLE");
    await fake.setOutage("refuse");
    const refused = await api().listBookings(TOKEN, { fromMs: FROM_MS, toMs: TO_MS }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ConveneError);
    expect((refused as ConveneError).code).toBe("INBOUND_PROVIDER_UNREACHABLE");
    expect((refused as ConveneError).cause).toBeDefined();
    await fake.setOutage(null);
    await expect(api().listBookings(TOKEN, { fromMs: FROM_MS, toMs: FROM_MS + DAY_MS })).resolves.not.toHaveLength(0);
  });

  it("429 with a short Retry-After is waited once; a second 429 or a long wait is unreachable", async () => {
    fake.failNext(1, { status: 429, retryAfterSeconds: 2 });
    await expect(api().listBookings(TOKEN, { fromMs: FROM_MS, toMs: FROM_MS + DAY_MS })).resolves.not.toHaveLength(0);
    expect(sleeps).toEqual([2000]);
    fake.failNext(2, { status: 429, retryAfterSeconds: 1 });
    expect(await codeOf(api().listBookings(TOKEN, { fromMs: FROM_MS, toMs: TO_MS }))).toBe("INBOUND_PROVIDER_UNREACHABLE");
    fake.failNext(1, { status: 429, retryAfterSeconds: 600 });
    expect(await codeOf(api().listBookings(TOKEN, { fromMs: FROM_MS, toMs: TO_MS }))).toBe("INBOUND_PROVIDER_UNREACHABLE");
  });
});

describe("Calendly webhook subscription", () => {
  let receiver: Server;
  let receiverUrl: string;
  const received: Array<{ headers: Record<string, string | string[] | undefined>; body: Buffer }> = [];
  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks) });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/v1/inbound/calendly/tok`;
  });
  afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

  it("subscribes the four invitee triggers at user scope, deliveries verify with the key, and unsubscribing removes it", async () => {
    const { ref } = await api().subscribe!(TOKEN, { callbackUrl: receiverUrl, signingKey: "key-1" });
    expect(fake.subscriptions()).toMatchObject([{ uri: ref, scope: "user", callback_url: receiverUrl, events: ["invitee.created", "invitee.canceled", "invitee_no_show.created", "invitee_no_show.deleted"] }]);

    const atMs = Date.now();
    const [result] = await fake.deliver("invitee.created", inviteeCreated(invitee(1)), { atMs });
    expect(result?.status).toBe(200);
    const delivery = received.at(-1)!;
    expect(calendlyWebhook.verifySignature(delivery.body, delivery.headers, "key-1", atMs)).toEqual({ isValid: true });
    expect(calendlyWebhook.verifySignature(delivery.body, delivery.headers, "key-2", atMs)).toEqual({ isValid: false, reason: "mismatch" });
    expect(calendlyWebhook.parseDelivery(delivery.body).changes).toMatchObject([{ kind: "booked", uid: inviteeUri("EV1", "IN1") }]);

    expect(await codeOf(api().subscribe!(TOKEN, { callbackUrl: receiverUrl, signingKey: "key-1" }))).toBe("INBOUND_PROVIDER_REJECTED");
    await api().unsubscribe!(TOKEN, ref);
    expect(fake.subscriptions()).toEqual([]);
    // Already gone is done.
    await expect(api().unsubscribe!(TOKEN, ref)).resolves.toBeUndefined();
  });

  it("the fake refuses what Calendly refuses: a plain-http public URL, an unknown trigger, a foreign user", async () => {
    const me = fake.addUser({ token: TOKEN, uuid: "OWNER0000000001", email: "owner@convene.test" });
    const post = (body: unknown) =>
      fetch(`${fake.baseUrl}/webhook_subscriptions`, { method: "POST", headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" }, body: JSON.stringify(body) });
    const valid = { url: "https://convene.example/hook", events: ["invitee.created"], organization: me.organization, user: me.uri, scope: "user" };
    for (const body of [
      { ...valid, url: "http://convene.example/hook" },
      { ...valid, events: ["invitee.exploded"] },
      { ...valid, events: [] },
      { ...valid, user: "https://api.calendly.com/users/SOMEONEELSE" },
      { ...valid, scope: "everyone" },
      { ...valid, organization: undefined },
    ]) {
      const response = await post(body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(await response.json()).toMatchObject({ title: "Invalid Argument" });
    }
    expect((await post({ ...valid, scope: "organization" })).status).toBe(403);
    expect((await post(valid)).status).toBe(201);
    expect(await codeOf(api().subscribe!("pat_other", { callbackUrl: "ftp://nope", signingKey: "k" }))).toBe("INBOUND_PROVIDER_REJECTED");
    const unauthenticated = await fetch(`${fake.baseUrl}/users/me`);
    expect(unauthenticated.status).toBe(401);
    expect(await unauthenticated.json()).toEqual({ title: "Unauthenticated", message: "The access token is invalid" });
    const badQuery = await fetch(`${fake.baseUrl}/scheduled_events?user=${encodeURIComponent(me.uri)}&min_start_time=yesterday&colour=red`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(badQuery.status).toBe(400);
  });
});
