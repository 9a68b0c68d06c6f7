// Crash safety: the process dies (SIGKILL) after the booking commits and
// before anything is sent; after a restart the confirmation goes out exactly
// once per recipient. The real `convene serve`, a real SMTP listener.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, runConvene, waitFor, type Run } from "../support/convene-process.js";
import { createPostgresDatabase, engineNames } from "../support/engines.js";
import { recipientOf, startSmtpListener, type SmtpListener } from "../support/smtp-listener.js";

describe.each(engineNames())("crash between commit and send on $title", ({ name, skip }) => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "convene-crash-"));
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it.skipIf(skip)("sends the confirmation exactly once after a restart", async () => {
    const smtp: SmtpListener = await startSmtpListener();
    cleanups.push(() => smtp.close());
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const env: Record<string, string> = { PORT: String(port), HOST: "127.0.0.1", CONVENE_DATA_DIR: dataDir, SMTP_URL: smtp.url, MAIL_FROM: "Convene <no-reply@convene.test>" };
    if (name === "postgres") {
      const database = await createPostgresDatabase();
      cleanups.push(database.drop);
      Object.assign(env, { DATABASE_URL: database.url, CONVENE_SECRET_KEY: Buffer.alloc(32, 3).toString("base64") });
    }
    const kill = (run: Run) => async () => {
      if (run.child.exitCode === null) run.child.kill("SIGKILL");
    };

    // 1. Workers off: the booking commits its outbox rows and nothing is sent.
    const first = runConvene(["serve"], { ...env, CONVENE_WORKERS: "false" });
    cleanups.push(kill(first));
    await waitFor(first, "Convene is running", 180_000); // creating PGlite's data directory is slow on a busy machine
    const json = { "content-type": "application/json" };
    const signup = await fetch(`${base}/api/v1/auth/signup`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ email: "host@example.com", password: "a long password", name: "Host", organization: "Org", timeZone: "Europe/Paris" }),
    });
    const cookie = signup.headers.get("set-cookie")!.split(";")[0]!;
    const { csrfToken } = (await signup.json()) as { csrfToken: string };
    const link = (await (
      await fetch(`${base}/api/v1/links`, { method: "POST", headers: { ...json, cookie, "x-csrf-token": csrfToken }, body: JSON.stringify({ title: "Crash test", durationsMin: [30], weeklyHours: [{ days: [0, 1, 2, 3, 4, 5, 6], start: "00:00", end: "24:00" }] }) })
    ).json()) as { apiUrl: string };
    const start = new Date(Math.ceil(Date.now() / 86_400_000) * 86_400_000 + 2 * 86_400_000 + 10 * 3_600_000).toISOString();
    const booked = await fetch(`${link.apiUrl.replace(/^http:\/\/[^/]+/, base)}/bookings`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ start, durationMin: 30, timeZone: "UTC", name: "Invitee", email: "invitee@example.com", answers: {} }),
    });
    expect(booked.status, await booked.clone().text()).toBe(201);
    const bookingId = ((await booked.clone().json()) as { id: string }).id;

    // 2. Crash.
    first.child.kill("SIGKILL");
    await first.exited;
    expect(smtp.messages).toHaveLength(0);

    // 3. Restart with workers: the confirmations go out, once each.
    const second = runConvene(["serve"], env);
    cleanups.push(kill(second));
    await waitFor(second, "Convene is running", 180_000);
    await smtp.waitForCount(2, 30_000);
    // A later relay pass must not resend: the booking's one event is fanned out, and each confirmation it
    // planned is recorded sent on its first attempt (the row is marked just after the SMTP server took the
    // message: wait for that write, with a deadline). The relay queues only pending rows.
    type Detail = { events: { id: string; fannedOutAt: string | null }[]; deliveries: { eventId: string | null; kind: string; state: string; attempts: number }[] };
    const detailOf = async (): Promise<Detail> => (await (await fetch(`${base}/api/v1/bookings/${bookingId}`, { headers: { cookie } })).json()) as Detail;
    const deadlineMs = Date.now() + 10_000;
    let detail = await detailOf();
    while (detail.deliveries.some((delivery) => delivery.kind === "confirmation" && delivery.state === "pending") && Date.now() < deadlineMs) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      detail = await detailOf();
    }
    expect(detail.events).toHaveLength(1);
    expect(detail.events[0]!.fannedOutAt).not.toBeNull();
    const confirmations = detail.deliveries.filter((delivery) => delivery.kind === "confirmation");
    expect(confirmations.map(({ eventId, state, attempts }) => ({ eventId, state, attempts }))).toEqual([
      { eventId: detail.events[0]!.id, state: "sent", attempts: 1 },
      { eventId: detail.events[0]!.id, state: "sent", attempts: 1 },
    ]);
    expect(smtp.messages.map(recipientOf).sort()).toEqual(["host@example.com", "invitee@example.com"]);
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
  }, 400_000);
});
