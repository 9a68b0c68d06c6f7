// Graph subscriptions against the Microsoft fake: creation passes Graph's
// validation handshake against the listening app, lives under the documented
// maximum and carries clientState "<channel id>.<secret>"; notifications with
// another clientState are dropped; lifecycle notifications renew or replace
// the subscription; renewal before expiry PATCHes it; disconnect deletes it.
import { expect, it } from "vitest";
import { ensurePushChannels, RENEW_BEFORE_MS } from "../../src/use-cases/calendars/push-channels.js";
import { receiveGraphNotifications } from "../../src/use-cases/calendars/receive-push.js";
import type { ConnectionRecord } from "../../src/use-cases/ports/calendars.js";
import { describeOnEngines } from "../support/engines.js";
import { settle } from "../support/polling.js";
import { connectMicrosoft, ownerContext, usePushApp, type PushApp } from "../support/push-app.js";
import { bearer, signUpOwner, type Owner } from "../support/test-app.js";

const GRAPH_MAX_MS = 10_080 * 60_000;

type FakeSubscription = { id: string; resource: string; clientState: string; notificationUrl: string; lifecycleNotificationUrl: string; expirationDateTime: string; changeType: string };

async function channelRows(t: PushApp, connectionId: string) {
  const { rows } = await t.database.executeSql("select id, resource_id, expires_at from calendar_push_channels where connection_id = $1 order by created_at", [connectionId]);
  return rows as { id: string; resource_id: string; expires_at: Date }[];
}

async function ensure(t: PushApp, owner: Owner, connection: ConnectionRecord) {
  // The first sync opens the subscription once Graph's sync lands; until then the tests ask directly.
  await ensurePushChannels(t.deps, (await ownerContext(t, owner)).auth.tenantId, connection.id, t.clock.nowMs);
}

const subscriptionsOf = (t: PushApp, graphCalendarId: string) =>
  (t.microsoft.subscriptions() as FakeSubscription[]).filter((subscription) => subscription.resource === `/me/calendars/${graphCalendarId}/events`);

async function lastAttemptAt(t: PushApp, owner: Owner, connectionId: string): Promise<string | null> {
  const response = await t.app.inject({ method: "GET", url: `/api/v1/calendars/${connectionId}`, headers: bearer(owner) });
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as { lastAttemptAt: string | null }).lastAttemptAt;
}

function post(t: PushApp, payload: unknown, url = "/api/v1/calendars/push/microsoft") {
  return t.app.inject({ method: "POST", url, payload: payload as object });
}

describeOnEngines("Microsoft Graph subscriptions", (engine) => {
  const t = usePushApp(engine);

  it("answers Graph's validation handshake with the token as text/plain", async () => {
    const token = "Validation: Testing client application reachability for subscription Request-Id: 1+2 & 3";
    const response = await t.app.inject({ method: "POST", url: `/api/v1/calendars/push/microsoft?validationToken=${encodeURIComponent(token)}`, headers: { "content-type": "text/plain" }, payload: "" });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toMatch(/^text\/plain/);
    expect(response.body).toBe(token);
  });

  it("refuses a body that is not Graph's notifications with a problem", async () => {
    for (const payload of [{ value: [] }, { value: [{ clientState: "x" }] }, { nothing: true }]) {
      const response = await post(t, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.headers["content-type"]).toContain("application/problem+json");
      expect(response.json()).toMatchObject({ code: "VALIDATION_FAILED" });
    }
  });

  it("subscribes each conflict calendar under Graph's maximum with a secret clientState, and syncs on a change notification", async () => {
    const owner = await signUpOwner(t.app, "mpush");
    const { connection, graphCalendarId } = await connectMicrosoft(t, owner, "host@contoso.example");
    await ensure(t, owner, connection);

    const [subscription] = subscriptionsOf(t, graphCalendarId);
    const [row] = await channelRows(t, connection.id);
    expect(subscription).toMatchObject({
      id: row!.resource_id,
      changeType: "created,updated,deleted",
      notificationUrl: `${t.deps.publicUrl}/api/v1/calendars/push/microsoft`,
      lifecycleNotificationUrl: `${t.deps.publicUrl}/api/v1/calendars/push/microsoft`,
    });
    expect(subscription!.clientState).toMatch(new RegExp(`^${row!.id}\\.[A-Za-z0-9_-]{43}$`));
    const lifetimeMs = Date.parse(subscription!.expirationDateTime) - t.clock.nowMs;
    expect(lifetimeMs).toBeLessThan(GRAPH_MAX_MS);
    expect(lifetimeMs).toBeGreaterThan(GRAPH_MAX_MS - 2 * 3_600_000);

    const before = await lastAttemptAt(t, owner, connection.id);
    t.clock.nowMs += 60_000;
    const eventId = t.microsoft.addEvent(graphCalendarId, { subject: "Dentist", start: "2026-12-01T15:00:00Z", end: "2026-12-01T16:00:00Z" });
    expect(await t.microsoft.sendChangeNotification(subscription!.id, "created", eventId)).toBe(202);
    const after = await settle(() => lastAttemptAt(t, owner, connection.id), (at) => at !== before);
    expect(after).toBe(new Date(t.clock.nowMs).toISOString());
  });

  it("drops a notification whose clientState is not the subscription's", async () => {
    const owner = await signUpOwner(t.app, "mstate");
    const { connection, graphCalendarId } = await connectMicrosoft(t, owner, "state@contoso.example");
    await ensure(t, owner, connection);
    const [subscription] = subscriptionsOf(t, graphCalendarId);
    const [channelId] = subscription!.clientState.split(".");
    const forged = [
      { subscriptionId: subscription!.id, clientState: `${channelId}.forged`, changeType: "created", resource: "Users/x/Events/y" },
      { subscriptionId: subscription!.id, clientState: null, changeType: "created" },
      { subscriptionId: "another-subscription", clientState: subscription!.clientState, changeType: "created" },
    ];
    expect(await receiveGraphNotifications(t.deps, forged)).toEqual([]);
    // Graph is answered 202 all the same: nothing tells a sender which part was wrong.
    expect((await post(t, { value: forged })).statusCode).toBe(202);
    expect(await receiveGraphNotifications(t.deps, [{ subscriptionId: subscription!.id, clientState: subscription!.clientState }])).toEqual([
      expect.objectContaining({ connectionId: connection.id, channelId, action: "sync" }),
    ]);
  });

  it("renews on reauthorizationRequired, replaces a removed subscription, and renews by itself before expiry", async () => {
    const owner = await signUpOwner(t.app, "mlife");
    const { connection, graphCalendarId } = await connectMicrosoft(t, owner, "life@contoso.example");
    await ensure(t, owner, connection);
    const [first] = subscriptionsOf(t, graphCalendarId);
    const startMs = t.clock.nowMs;
    try {
      t.clock.nowMs += 86_400_000;
      expect(await t.microsoft.sendLifecycleNotification(first!.id, "reauthorizationRequired")).toBe(202);
      const firstRow = (await channelRows(t, connection.id))[0]!;
      await settle(
        () => channelRows(t, connection.id),
        (current) => current[0]!.expires_at.getTime() !== firstRow.expires_at.getTime(),
      );
      const renewed = subscriptionsOf(t, graphCalendarId);
      expect(renewed.map((subscription) => subscription.id)).toEqual([first!.id]);
      expect(Date.parse(renewed[0]!.expirationDateTime)).toBeGreaterThan(Date.parse(first!.expirationDateTime));
      expect((await channelRows(t, connection.id))[0]!.expires_at.toISOString()).toBe(new Date(renewed[0]!.expirationDateTime).toISOString());

      expect(await t.microsoft.sendLifecycleNotification(first!.id, "subscriptionRemoved")).toBe(202);
      // Settled once Convene stored Graph's answer (the subscription exists at Graph a moment before).
      const rows = await settle(
        () => channelRows(t, connection.id),
        (current) => current.length === 1 && current[0]!.resource_id !== "" && current[0]!.resource_id !== first!.id,
      );
      const replaced = subscriptionsOf(t, graphCalendarId);
      expect(replaced).toHaveLength(1);
      expect(replaced[0]!.id).not.toBe(first!.id);
      expect(rows.map((row) => row.resource_id)).toEqual([replaced[0]!.id]);

      // No notification: the pass after a sync renews what ends within a day, in place.
      const endsMs = rows[0]!.expires_at.getTime();
      t.clock.nowMs = endsMs - RENEW_BEFORE_MS / 2;
      await ensure(t, owner, connection);
      const [extended] = subscriptionsOf(t, graphCalendarId);
      expect(extended!.id).toBe(replaced[0]!.id);
      expect(Date.parse(extended!.expirationDateTime)).toBeGreaterThan(endsMs);
      expect(t.microsoft.requests.some((request) => request.method === "PATCH" && request.path === `/v1.0/subscriptions/${extended!.id}`)).toBe(true);
    } finally {
      t.clock.nowMs = startMs;
    }
  });

  it("deletes the subscription at Graph on disconnect", async () => {
    const owner = await signUpOwner(t.app, "mgone");
    const { connection, graphCalendarId } = await connectMicrosoft(t, owner, "gone@contoso.example");
    await ensure(t, owner, connection);
    expect(subscriptionsOf(t, graphCalendarId)).toHaveLength(1);
    const deleted = await t.app.inject({ method: "DELETE", url: `/api/v1/calendars/${connection.id}`, headers: bearer(owner) });
    expect(deleted.statusCode, deleted.body).toBe(204);
    expect(subscriptionsOf(t, graphCalendarId)).toEqual([]);
  });
});
