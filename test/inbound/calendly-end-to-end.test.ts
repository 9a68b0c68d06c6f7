// Calendly end to end, through the strict local fake: a source made with a
// personal access token subscribes Convene's webhook URL at Calendly; the fake
// then calls Convene back with deliveries signed as Calendly signs them (a
// booking, a reschedule pair, a no-show); the backfill reads the fake's events;
// an outage shows as "unreachable since"; removing the source unsubscribes.
// On every engine, the app served on loopback so the fake can reach it.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createInboundProviders } from "../../src/adapters/inbound/inbound-providers.js";
import { startCalendlyFake, type CalendlyFake } from "../fakes/calendly/calendly-fake.js";
import { inviteeCanceledForReschedule, inviteeCreated, inviteeCreatedAfterReschedule, inviteeUri, noShowCreated, type InviteeFixture } from "../fakes/calendly/webhook-payloads.js";
import { freePort } from "../support/convene-process.js";
import { describeOnEngines } from "../support/engines.js";
import { bearer, signUpOwner, startTestApp, type Owner, type TestApp } from "../support/test-app.js";
import { bookingsOf, rows } from "./inbound-test-support.js";

const TOKEN = "calendly_pat_end_to_end";
const HOUR_MS = 3_600_000;

describeOnEngines("Calendly end to end", (engine) => {
  let fake: CalendlyFake;
  let t: TestApp;
  let owner: Owner;
  let app: FastifyInstance;

  beforeAll(async () => {
    fake = await startCalendlyFake({ allowLoopbackCallbacks: true });
    const port = await freePort();
    t = await startTestApp(engine, {
      publicUrl: `http://127.0.0.1:${port}`,
      inboundProviders: createInboundProviders({ calcomApiUrl: "https://cal.invalid", calendlyApiUrl: fake.baseUrl }),
    });
    app = t.app;
    await app.listen({ port, host: "127.0.0.1" });
    owner = await signUpOwner(app, "calendly-owner");
    fake.addUser({ token: TOKEN, uuid: "E2EOWNER00000001", email: owner.email });
  });
  afterAll(async () => {
    await t?.close();
    await fake?.stop();
  });

  const fixture = (n: number, startMs: number): InviteeFixture => ({
    eventUuid: `E2EEVENT${String(n).padStart(8, "0")}`,
    inviteeUuid: `E2EINVITEE${String(n).padStart(6, "0")}`,
    email: `prospect${n}@example.com`,
    name: `Prospect ${n}`,
    startMs,
    endMs: startMs + HOUR_MS / 2,
    eventName: "Discovery call",
    hostEmail: owner.email,
    createdAtMs: t.clock.nowMs - HOUR_MS,
  });

  it("subscribes at Calendly, takes its signed deliveries, stores one reschedule for the pair, and backfills until Calendly goes down", async () => {
    const made = await app.inject({ method: "POST", url: "/api/v1/inbound-sources", headers: bearer(owner), payload: { provider: "calendly", name: "Ada's Calendly", apiToken: TOKEN } });
    expect(made.statusCode, made.body).toBe(201);
    const { source, webhookUrl } = made.json();
    expect(source).toMatchObject({ provider: "calendly", isSubscribed: true });
    const [subscription] = fake.subscriptions();
    expect(subscription).toMatchObject({ callback_url: webhookUrl, scope: "user" });

    const first = fixture(1, t.clock.nowMs + 2 * 24 * HOUR_MS);
    const atMs = t.clock.nowMs;
    expect((await fake.deliver("invitee.created", inviteeCreated(first), { atMs })).map((result) => result.status)).toEqual([200]);
    // Calendly retries a delivery it thinks failed: the same one again changes nothing.
    expect(JSON.parse((await fake.deliver("invitee.created", inviteeCreated(first), { atMs }))[0]!.body)).toMatchObject({ status: "duplicate" });
    let bookings = await bookingsOf(app, owner);
    expect(bookings).toHaveLength(1);
    expect(bookings[0]).toMatchObject({ source: "calendly", linkId: null, externalTitle: "Discovery call", invitee: { email: "prospect1@example.com" }, status: "scheduled" });

    // The reschedule pair, the new half first: one booking moves, nothing is cancelled.
    const moved = { ...fixture(2, first.startMs + 24 * HOUR_MS), email: first.email, name: first.name, createdAtMs: t.clock.nowMs - HOUR_MS / 2 };
    const oldUri = inviteeUri(first.eventUuid, first.inviteeUuid);
    await fake.deliver("invitee.created", inviteeCreatedAfterReschedule(moved, oldUri), { atMs });
    await fake.deliver("invitee.canceled", inviteeCanceledForReschedule(first, inviteeUri(moved.eventUuid, moved.inviteeUuid), t.clock.nowMs - HOUR_MS / 4), { atMs });
    bookings = await bookingsOf(app, owner);
    expect(bookings).toHaveLength(1);
    expect(bookings[0]).toMatchObject({ status: "rescheduled", start: new Date(moved.startMs).toISOString() });

    // A signature made with another key is refused and shown on the source's page.
    const forged = await app.inject({ method: "POST", url: new URL(webhookUrl).pathname, headers: { "content-type": "application/json", "calendly-webhook-signature": `t=${Math.floor(atMs / 1000)},v1=${"0".repeat(64)}` }, payload: "{}" });
    expect(forged.statusCode).toBe(401);
    const page = (await app.inject({ method: "GET", url: `/api/v1/inbound-sources/${source.id}`, headers: bearer(owner) })).json();
    expect(page.deliveries.map((delivery: { outcome: string }) => delivery.outcome)).toContain("rejected");

    // A meeting whose webhook was missed: the backfill finds it at Calendly.
    const missed = fixture(3, t.clock.nowMs + 3 * 24 * HOUR_MS);
    fake.putInvitee(TOKEN, missed);
    const backfill = await app.inject({ method: "POST", url: `/api/v1/inbound-sources/${source.id}/backfill`, headers: bearer(owner) });
    expect(backfill.statusCode, backfill.body).toBe(200);
    expect(backfill.json().created).toBe(1);
    expect((await bookingsOf(app, owner)).map((booking) => booking.invitee)).toContainEqual(expect.objectContaining({ email: "prospect3@example.com" }));

    // Calendly down: the backfill says so, the source keeps since when, the funnel shows it.
    await fake.setOutage("503");
    const down = await app.inject({ method: "POST", url: `/api/v1/inbound-sources/${source.id}/backfill`, headers: bearer(owner) });
    expect(down.json().code).toBe("INBOUND_PROVIDER_UNREACHABLE");
    const funnel = (await app.inject({ method: "GET", url: "/api/v1/funnel", headers: bearer(owner) })).json();
    expect(funnel.sources).toContainEqual(expect.objectContaining({ id: source.id, unreachableSince: new Date(t.clock.nowMs).toISOString() }));
    await fake.setOutage(null);

    // Removing the source unsubscribes it at Calendly.
    expect((await app.inject({ method: "DELETE", url: `/api/v1/inbound-sources/${source.id}`, headers: bearer(owner) })).statusCode).toBe(204);
    expect(fake.subscriptions()).toHaveLength(0);
    expect(await rows(t, "select count(*)::int as n from inbound_sources")).toEqual([{ n: 0 }]);
  });

  it("records a no-show Calendly reports", async () => {
    const made = (await app.inject({ method: "POST", url: "/api/v1/inbound-sources", headers: bearer(owner), payload: { provider: "calendly", name: "No-shows", apiToken: TOKEN } })).json();
    const past = fixture(4, t.clock.nowMs - 2 * HOUR_MS);
    await fake.deliver("invitee.created", inviteeCreated(past), { atMs: t.clock.nowMs });
    await fake.deliver("invitee_no_show.created", noShowCreated(past, t.clock.nowMs - HOUR_MS), { atMs: t.clock.nowMs });
    const booking = (await bookingsOf(app, owner)).find((entry) => (entry.invitee as { email: string }).email === past.email);
    expect(booking).toMatchObject({ status: "no_show", inboundSourceId: made.source.id });
  });
});
