// Google push channels against the Google fake: a channel per calendar whose
// busy time counts, with a secret token Convene keeps only hashed; the push
// route believes only that token; renewal before expiry replaces the channel;
// an address Google refuses leaves the connection polling and says why;
// disconnecting stops the channel at Google.
import { createHash, randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { ensurePushChannels, RENEW_BEFORE_MS } from "../../src/use-cases/calendars/push-channels.js";
import type { ConnectionRecord } from "../../src/use-cases/ports/calendars.js";
import { describeOnEngines } from "../support/engines.js";
import { settle } from "../support/polling.js";
import { connectGoogle, ownerContext, usePushApp, type PushApp } from "../support/push-app.js";
import { bearer, signUpOwner, type Owner } from "../support/test-app.js";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

async function channelRows(t: PushApp, connectionId: string) {
  const { rows } = await t.database.executeSql("select id, resource_id, token_hash, expires_at from calendar_push_channels where connection_id = $1 order by created_at", [connectionId]);
  return rows as { id: string; resource_id: string; token_hash: string; expires_at: Date }[];
}

async function ensure(t: PushApp, owner: Owner, connection: ConnectionRecord) {
  // The first sync (connectCalendar) opens channels once Google's sync lands; until then the tests ask directly.
  await ensurePushChannels(t.deps, (await ownerContext(t, owner)).auth.tenantId, connection.id, t.clock.nowMs);
}

async function connectionView(t: PushApp, owner: Owner, connectionId: string) {
  const response = await t.app.inject({ method: "GET", url: "/api/v1/calendars", headers: bearer(owner) });
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as { items: { id: string; lastAttemptAt: string | null; sync: { mode: string; intervalMinutes: number; reason: string | null } }[] }).items.find((item) => item.id === connectionId)!;
}

function notify(t: PushApp, headers: Record<string, string>) {
  return t.app.inject({ method: "POST", url: "/api/v1/calendars/push/google", headers });
}

describeOnEngines("Google push channels", (engine) => {
  const t = usePushApp(engine);

  it("opens a channel per conflict calendar with a secret token kept hashed, and says the connection is on push", async () => {
    const owner = await signUpOwner(t.app, "gpush");
    const connection = await connectGoogle(t, owner, "ada@example.com");
    await ensure(t, owner, connection);

    const [channel] = t.google.channels().filter((candidate) => candidate.calendarId === "ada@example.com");
    const [row] = await channelRows(t, connection.id);
    expect(channel).toMatchObject({ id: row!.id, resourceId: row!.resource_id, address: `${t.deps.publicUrl}/api/v1/calendars/push/google` });
    expect(channel!.token).toMatch(new RegExp(`^${row!.id}\\.[A-Za-z0-9_-]{43}$`));
    expect(row!.token_hash).toBe(sha256(channel!.token!));
    expect(JSON.stringify(await channelRows(t, connection.id))).not.toContain(channel!.token!.split(".")[1]);
    expect((await connectionView(t, owner, connection.id)).sync).toEqual({ mode: "push", intervalMinutes: 5, reason: null });

    // A second pass finds it live: no second channel.
    await ensure(t, owner, connection);
    expect(t.google.channels().filter((candidate) => candidate.calendarId === "ada@example.com")).toHaveLength(1);
  });

  it("believes a notification only with the channel's token and resource; a change syncs the connection at once", async () => {
    const owner = await signUpOwner(t.app, "gnotify");
    const connection = await connectGoogle(t, owner, "grace@example.com");
    await ensure(t, owner, connection);
    const channel = t.google.channels().find((candidate) => candidate.calendarId === "grace@example.com")!;
    const headers = { "x-goog-channel-id": channel.id, "x-goog-channel-token": channel.token!, "x-goog-resource-id": channel.resourceId, "x-goog-message-number": "1" };

    const handshake = await notify(t, { ...headers, "x-goog-resource-state": "sync" });
    expect(handshake.statusCode, handshake.body).toBe(200);

    const refusals = [
      { ...headers, "x-goog-channel-token": `${channel.id}.not-the-secret` },
      { ...headers, "x-goog-channel-token": "" },
      { ...headers, "x-goog-resource-id": "another-resource" },
      { ...headers, "x-goog-channel-id": randomUUID() },
      { ...headers, "x-goog-channel-id": "not-a-uuid" },
    ];
    const answers = await Promise.all(refusals.map((refused) => notify(t, { ...refused, "x-goog-resource-state": "exists" })));
    // Unknown channel and wrong secret look the same: 404 (Google stops such a channel), the same problem body.
    expect(answers.map((answer) => answer.statusCode)).toEqual([404, 404, 404, 404, 404]);
    expect(new Set(answers.map((answer) => JSON.stringify({ ...answer.json(), requestId: undefined, instance: undefined }))).size, answers[0]!.body).toBe(1);
    expect(answers[0]!.headers["content-type"]).toContain("application/problem+json");
    expect(t.google.channels().some((candidate) => candidate.id === channel.id)).toBe(true);

    const missing = await notify(t, { "x-goog-channel-id": channel.id });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ code: "VALIDATION_FAILED" });

    const before = (await connectionView(t, owner, connection.id)).lastAttemptAt;
    t.clock.nowMs += 60_000;
    const change = await notify(t, { ...headers, "x-goog-resource-state": "exists" });
    expect(change.statusCode, change.body).toBe(200);
    // The sync runs right after the answer (here it stops at Google's sync, which lands with the provider's sync work).
    const after = await settle(() => connectionView(t, owner, connection.id), (view) => view.lastAttemptAt !== before);
    expect(after.lastAttemptAt).toBe(new Date(t.clock.nowMs).toISOString());
  });

  it("renews a channel before it ends: a new channel opens, then the old one stops", async () => {
    const owner = await signUpOwner(t.app, "grenew");
    const connection = await connectGoogle(t, owner, "hopper@example.com");
    await ensure(t, owner, connection);
    const [old] = await channelRows(t, connection.id);
    const startMs = t.clock.nowMs;
    try {
      t.clock.nowMs = old!.expires_at.getTime() - RENEW_BEFORE_MS - 60_000;
      await ensure(t, owner, connection);
      expect((await channelRows(t, connection.id)).map((row) => row.id)).toEqual([old!.id]);

      t.clock.nowMs = old!.expires_at.getTime() - RENEW_BEFORE_MS / 2;
      await ensure(t, owner, connection);
      const rows = await channelRows(t, connection.id);
      expect(rows).toHaveLength(1);
      expect(rows[0]!.id).not.toBe(old!.id);
      expect(rows[0]!.expires_at.getTime()).toBeGreaterThan(old!.expires_at.getTime());
      expect(t.google.channels().filter((channel) => channel.calendarId === "hopper@example.com").map((channel) => channel.id)).toEqual([rows[0]!.id]);
    } finally {
      t.clock.nowMs = startMs;
    }
  });

  it("keeps polling and says why when Google refuses the address, and clears it once push works", async () => {
    const owner = await signUpOwner(t.app, "grefused");
    const connection = await connectGoogle(t, owner, "lovelace@example.com", t.strictGoogle);
    await ensure(t, owner, connection);
    expect(t.strictGoogle.channels()).toEqual([]);
    expect(await channelRows(t, connection.id)).toEqual([]);
    const polling = await connectionView(t, owner, connection.id);
    expect(polling.sync).toMatchObject({ mode: "polling", intervalMinutes: 5 });
    expect(polling.sync.reason).toContain("WebHook callback must be HTTPS");

    // Deployed behind https, the same Google accepts the address.
    const address = t.deps.publicUrl;
    t.deps.publicUrl = "https://convene.example";
    try {
      await ensure(t, owner, connection);
    } finally {
      t.deps.publicUrl = address;
    }
    expect(t.strictGoogle.channels().map((channel) => channel.address)).toEqual(["https://convene.example/api/v1/calendars/push/google"]);
    expect((await connectionView(t, owner, connection.id)).sync).toEqual({ mode: "push", intervalMinutes: 5, reason: null });
  });

  it("stops a calendar's channel when it no longer counts, and every channel at Google on disconnect", async () => {
    const owner = await signUpOwner(t.app, "gstop");
    const connection = await connectGoogle(t, owner, "turing@example.com", t.google, (fake) => fake.addCalendar("turing@example.com", { id: "team-turing", summary: "Team" }));
    await ensure(t, owner, connection);
    const ofTuring = () => t.google.channels().filter((channel) => channel.calendarId === "turing@example.com" || channel.calendarId === "team-turing");
    expect(ofTuring()).toHaveLength(2);

    const team = connection.calendars.find((calendar) => calendar.remoteId === "team-turing")!;
    const patch = await t.app.inject({ method: "PATCH", url: `/api/v1/calendars/${connection.id}`, headers: bearer(owner), payload: { calendars: [{ id: team.id, isConflict: false }] } });
    expect(patch.statusCode, patch.body).toBe(200);
    await ensure(t, owner, connection);
    expect(ofTuring().map((channel) => channel.calendarId)).toEqual(["turing@example.com"]);

    const deleted = await t.app.inject({ method: "DELETE", url: `/api/v1/calendars/${connection.id}`, headers: bearer(owner) });
    expect(deleted.statusCode, deleted.body).toBe(204);
    expect(ofTuring()).toEqual([]);
    expect(await channelRows(t, connection.id)).toEqual([]);
  });

  // A push reaching the slots (the fake delivering the notification after a change) is in oauth-end-to-end.test.ts.
});
