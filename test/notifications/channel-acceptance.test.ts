// A new channel is one adapter and one registration line: the test sink
// channel (test/support/sink-channel.ts), registered beside email in a real
// `convene serve` process (test/support/serve-with-sink.ts), receives every
// booking event exactly once — bookings, reschedules and cancels made before
// and after the process is SIGKILLed in the middle of delivering them.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, runConvene, waitFor, type Run } from "../support/convene-process.js";
import { createPostgresDatabase, engineNames } from "../support/engines.js";
import { startSink, type Sink } from "../support/sink-channel.js";

async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: () => string): Promise<void> {
  const startMs = Date.now();
  while (!(await condition())) {
    if (Date.now() - startMs > timeoutMs) throw new Error(`not within ${timeoutMs} ms: ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.each(engineNames())("a test-only channel across a SIGKILL on $title", ({ name, skip }) => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "convene-channel-"));
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it.skipIf(skip)("receives every booking event exactly once", async () => {
    // Each receipt is answered after 300 ms, so the kill below lands while deliveries are in flight.
    const sink: Sink = await startSink(300);
    cleanups.push(() => sink.close());
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const env: Record<string, string> = {
      PORT: String(port),
      HOST: "127.0.0.1",
      CONVENE_DATA_DIR: dataDir,
      SINK_URL: sink.url,
      MAIL_FROM: "Convene <no-reply@convene.test>",
      // A killed worker's jobs are retried within seconds, not pg-boss's default 15 minutes.
      NOTIFY_JOB_TIMEOUT_SECONDS: "3",
      NOTIFY_RETRY_DELAY_SECONDS: "1",
      RATE_LIMIT_PUBLIC_BOOKINGS_PER_MINUTE: "100000",
    };
    if (name === "postgres") {
      const database = await createPostgresDatabase();
      cleanups.push(database.drop);
      Object.assign(env, { DATABASE_URL: database.url, CONVENE_SECRET_KEY: Buffer.alloc(32, 5).toString("base64") });
    }
    const start = () => {
      const run = runConvene([], env, "test/support/serve-with-sink.ts");
      cleanups.push(async () => {
        if (run.child.exitCode === null) run.child.kill("SIGKILL");
      });
      return run;
    };

    const first: Run = start();
    await waitFor(first, "Convene is running", 180_000);
    const json = { "content-type": "application/json" };
    const signup = await fetch(`${base}/api/v1/auth/signup`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ email: "host@example.com", password: "a long password", name: "Host", organization: "Org", timeZone: "UTC" }),
    });
    const cookie = signup.headers.get("set-cookie")!.split(";")[0]!;
    const { csrfToken } = (await signup.json()) as { csrfToken: string };
    const owner = { ...json, cookie, "x-csrf-token": csrfToken };
    const link = (await (
      await fetch(`${base}/api/v1/links`, { method: "POST", headers: owner, body: JSON.stringify({ title: "Channels", durationsMin: [30], weeklyHours: [{ days: [0, 1, 2, 3, 4, 5, 6], start: "00:00", end: "24:00" }] }) })
    ).json()) as { apiUrl: string };
    const dayMs = Math.ceil(Date.now() / 86_400_000) * 86_400_000 + 2 * 86_400_000;
    const bookingIds: string[] = [];
    const book = async (hour: number) => {
      const response = await fetch(`${link.apiUrl.replace(/^http:\/\/[^/]+/, base)}/bookings`, {
        method: "POST",
        headers: json,
        body: JSON.stringify({ start: new Date(dayMs + hour * 3_600_000).toISOString(), durationMin: 30, timeZone: "UTC", name: "Invitee", email: `invitee${hour}@example.com`, answers: {} }),
      });
      expect(response.status, await response.clone().text()).toBe(201);
      bookingIds.push(((await response.json()) as { id: string }).id);
    };
    const change = async (bookingId: string, action: "reschedule" | "cancel", body: object) => {
      const response = await fetch(`${base}/api/v1/bookings/${bookingId}/${action}`, { method: "POST", headers: owner, body: JSON.stringify(body) });
      expect(response.status, await response.clone().text()).toBe(200);
    };

    // 1. Changes while the first process delivers; it is killed once some receipts are in.
    for (const hour of [8, 9, 10, 11]) await book(hour);
    await change(bookingIds[0]!, "reschedule", { start: new Date(dayMs + 13 * 3_600_000).toISOString() });
    await change(bookingIds[1]!, "cancel", { reason: "No longer needed" });
    await until(() => sink.raw.length >= 2, 60_000, () => `${sink.raw.length} receipts before the kill`);
    first.child.kill("SIGKILL");
    await first.exited;

    // 2. A new process picks up what was in flight or not yet fanned out; more changes follow.
    const second = start();
    await waitFor(second, "Convene is running", 180_000);
    await book(14);
    await change(bookingIds[2]!, "reschedule", { start: new Date(dayMs + 15 * 3_600_000).toISOString() });
    await change(bookingIds[2]!, "cancel", {});

    const eventIds = async () => {
      const ids: string[] = [];
      for (const id of bookingIds) {
        const detail = (await (await fetch(`${base}/api/v1/bookings/${id}`, { headers: owner })).json()) as { events: { id: string }[] };
        ids.push(...detail.events.map((event) => event.id));
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
    console.log(`${name}: ${expected.length} events, ${sink.raw.length} raw receipts`);

    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
  }, 480_000);
});
