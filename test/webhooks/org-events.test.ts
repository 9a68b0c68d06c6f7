// Outbound webhooks for changes that belong to no booking: a lead's status
// (lead.status_changed) and a calendar connection whose credentials were
// refused (calendar.connection_needs_reconnect). Each is an organisation event
// written in the change's transaction, fanned out by the same relay and
// delivered by the same worker: verified with the official library, once
// each, in order per lead (even when the receiver fails one first), none for
// a change that rolled back; the delivery log shows them without a booking.
import { Webhook } from "standardwebhooks";
import { expect, it } from "vitest";
import type { DeliveryJobs } from "../../src/adapters/jobs/delivery-jobs.js";
import { connectionNeedsReconnectPayloadSchema, leadStatusChangedPayloadSchema } from "../../src/http/openapi-webhooks.js";
import { connectCalendar } from "../../src/use-cases/calendars/connections.js";
import { applyLeadInput } from "../../src/use-cases/leads/apply-lead-input.js";
import { createLinkAndBook } from "../support/booking-fixtures.js";
import { describeOnEngines } from "../support/engines.js";
import { settle } from "../support/polling.js";
import { mintTenantIdForTest } from "../support/tenant.js";
import { bearer, startTestJobs, useTestApp, type Owner } from "../support/test-app.js";
import { signedHeaders, useWebhookReceiver, type ReceivedWebhook } from "./webhook-receiver.js";

type LeadPayload = { type: string; data: { sequence: number; lead: { id: string; email: string; campaign: { name: string } | null }; from: string; to: string; cause: string } };

describeOnEngines("webhooks for lead and calendar events", (engine) => {
  const t = useTestApp(engine, { owners: { owner: "org-hooks", other: "org-hooks-other" } });
  const receiver = useWebhookReceiver();
  let jobs: DeliveryJobs;

  const api = (owner: Owner, method: "GET" | "POST", url: string, payload?: unknown) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: bearer(owner), ...(payload === undefined ? {} : { payload: payload as object }) });
  const count = async (sql: string, params: unknown[] = []) => Number(((await t.database.executeSql(sql, params)).rows[0] as { n: number }).n);

  async function createEndpoint(owner: Owner, path: string, eventTypes: string[]): Promise<{ id: string; secret: string }> {
    const response = await api(owner, "POST", "/webhooks", { url: `${receiver.url}${path}`, eventTypes, description: path });
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  }

  async function deliverUntil(path: string, count: number): Promise<ReceivedWebhook[]> {
    for (let round = 0; round < 12 && receiver.to(path).length < count; round++) {
      await jobs.relayOnce(t.clock.nowMs);
      await settle(async () => receiver.to(path).length, (n) => n >= count, 2_000);
      if (receiver.to(path).length < count) t.clock.nowMs += 6_000;
    }
    return receiver.to(path);
  }

  const verified = <T>(request: ReceivedWebhook, secret: string) => new Webhook(secret).verify(request.body, signedHeaders(request)) as T;

  it("starts the delivery workers", async () => {
    jobs = await startTestJobs(t);
  });

  it("sends every status change of a lead once, in order, even when the receiver refuses the first", async () => {
    const { secret } = await createEndpoint(t.owner, "/leads", ["lead.status_changed"]);
    // Another organisation's endpoint hears nothing of this one's leads.
    await createEndpoint(t.other, "/other-leads", ["lead.status_changed"]);
    receiver.script("/leads", [{ status: 503 }]);
    const events = [
      { id: "o-1", email: "ada@leads.example", type: "sent", at: "2026-11-18T10:00:00Z", campaign: "Launch" },
      { id: "o-2", email: "ada@leads.example", type: "replied", at: "2026-11-19T10:00:00Z" },
      { id: "o-3", email: "ada@leads.example", type: "interested", at: "2026-11-19T11:00:00Z" },
    ];
    const sent = await api(t.owner, "POST", "/lead-events", { events });
    expect(sent.statusCode, sent.body).toBe(200);
    const leadId = sent.json().items[0].leadId as string;
    // A booking by the lead moves it on through the leads channel (cause "booking").
    await createLinkAndBook(t.app, t.owner, { invitee: { email: "ada@leads.example" } });

    const received = await deliverUntil("/leads", 5);
    // The refused first attempt and its retry carry the same message id; the receiver keeps one of each.
    const byId = new Map(received.filter((_, index) => index > 0).map((request) => [String(request.headers["webhook-id"]), verified<LeadPayload>(request, secret)]));
    expect(received[0]!.headers["webhook-id"]).toBe(received[1]!.headers["webhook-id"]);
    const payloads = [...byId.values()];
    expect(payloads.map((payload) => [payload.data.sequence, payload.data.from, payload.data.to, payload.data.cause])).toEqual([
      [1, "new", "contacted", "lead_event"],
      [2, "contacted", "replied", "lead_event"],
      [3, "replied", "interested", "lead_event"],
      [4, "interested", "meeting_booked", "booking"],
    ]);
    expect(payloads[0]!.data.lead).toMatchObject({ id: leadId, email: "ada@leads.example", campaign: { name: "Launch" } });
    for (const payload of payloads) expect(leadStatusChangedPayloadSchema.safeParse(payload).success).toBe(true);
    t.clock.nowMs += 60_000;
    await jobs.relayOnce(t.clock.nowMs);
    expect(receiver.to("/leads")).toHaveLength(5);
    expect(receiver.to("/other-leads")).toHaveLength(0);
  });

  it("writes no event for a change that rolled back, and none when the status stays", async () => {
    const sent = await api(t.owner, "POST", "/lead-events", { events: [{ id: "r-1", email: "rolled@leads.example", type: "sent", at: "2026-11-18T10:00:00Z" }] });
    const leadId = sent.json().items[0].leadId as string;
    const before = await count("select count(*)::int as n from org_events where subject = $1", [`lead.${leadId}`]);
    expect(before).toBe(1);
    const tenantId = mintTenantIdForTest(((await t.database.executeSql("select tenant_id from leads where id = $1", [leadId])).rows[0] as { tenant_id: string }).tenant_id);
    const cause = { cause: "lead_event" as const, causeRef: null, atMs: t.clock.nowMs };
    await expect(
      t.deps.store.transaction(async (repos) => {
        expect(await applyLeadInput(repos, tenantId, leadId, { kind: "lead_event", type: "replied", atMs: t.clock.nowMs }, cause)).toMatchObject({ isChanged: true });
        throw new Error("the change fails after the transition");
      }),
    ).rejects.toThrow("the change fails");
    expect(await count("select count(*)::int as n from org_events where subject = $1", [`lead.${leadId}`])).toBe(before);
    // "opened" after "sent" keeps the lead contacted: no transition, no event.
    await api(t.owner, "POST", "/lead-events", { events: [{ id: "r-2", email: "rolled@leads.example", type: "opened", at: "2026-11-18T11:00:00Z" }] });
    expect(await count("select count(*)::int as n from org_events where subject = $1", [`lead.${leadId}`])).toBe(before);
  });

  it("sends calendar.connection_needs_reconnect once when a connection's credentials are refused", async () => {
    const { secret } = await createEndpoint(t.owner, "/calendars", ["calendar.connection_needs_reconnect"]);
    const tenantId = mintTenantIdForTest(((await t.database.executeSql("select tenant_id from users where id = $1", [t.owner.userId])).rows[0] as { tenant_id: string }).tenant_id);
    t.calendarServer.addCalendar("hook-account", { name: "work" });
    const ctx = { auth: { tenantId, userId: t.owner.userId, role: "owner" as const, actor: { type: "user" as const, id: t.owner.userId }, sessionId: null, csrfToken: null }, ip: null, nowMs: t.clock.nowMs };
    const connection = await connectCalendar(t.deps, ctx, { kind: "memory", accountId: "hook-account" }, { provider: "memory", label: "hook-account", serverUrl: "memory:", username: null });
    t.calendarServer.setFailure("auth", "hook-account");
    for (let sync = 0; sync < 2; sync++) expect((await api(t.owner, "POST", `/calendars/${connection.id}/sync`)).json().status).toBe("needs_reconnect");
    const received = await deliverUntil("/calendars", 1);
    t.clock.nowMs += 60_000;
    await jobs.relayOnce(t.clock.nowMs);
    expect(receiver.to("/calendars")).toHaveLength(1);
    const payload = verified<{ type: string; data: { sequence: number; connection: object; user: object } }>(received[0]!, secret);
    expect(connectionNeedsReconnectPayloadSchema.safeParse(payload).success).toBe(true);
    expect(payload).toMatchObject({ type: "calendar.connection_needs_reconnect", data: { sequence: 1, connection: { id: connection.id, provider: "memory", account: "hook-account" }, user: { id: t.owner.userId, email: t.owner.email } } });
    t.calendarServer.setFailure(null, "hook-account");
  });

  it("lists the deliveries of organisation events in the delivery log without a booking, and in the endpoint's attempt log", async () => {
    type Item = { bookingId: string | null; orgEventId: string | null; state: string };
    const orgDeliveries = async () => ((await api(t.owner, "GET", "/deliveries?channel=webhooks&limit=100")).json().items as Item[]).filter((item) => item.orgEventId !== null);
    const allSent = (items: Item[]) => items.every((item) => item.state === "sent");
    // Earlier tests waited for their own messages only (the rolled-back lead's may still be on its way).
    for (let round = 0; round < 12 && !allSent(await orgDeliveries()); round++) {
      await jobs.relayOnce(t.clock.nowMs);
      if (!allSent(await settle(orgDeliveries, allSent, 2_000))) t.clock.nowMs += 6_000;
    }
    const orgItems = await orgDeliveries();
    // Ada's four changes, the rolled-back lead's first one, the connection's.
    expect(orgItems.length).toBe(6);
    for (const item of orgItems) expect(item).toMatchObject({ bookingId: null, state: "sent" });
    const endpoints = (await api(t.owner, "GET", "/webhooks")).json().items as { id: string; description: string }[];
    const leads = endpoints.find((endpoint) => endpoint.description === "/leads")!;
    const attempts = await api(t.owner, "GET", `/webhooks/${leads.id}/deliveries?limit=50`);
    expect(attempts.statusCode, attempts.body).toBe(200);
    expect((attempts.json().items as { eventType: string }[]).every((attempt) => attempt.eventType === "lead.status_changed")).toBe(true);
  });

  it("stops the delivery workers", async () => {
    await jobs.stop();
  });
});
