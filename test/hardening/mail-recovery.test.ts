// A worker SIGKILLed while it is sending: its jobs stay "active" in pg-boss
// until they expire. They must expire and be redone within a minute (pg-boss's
// default is 15 minutes, with maintenance every 2). Driven with short
// configured timeouts; the real `convene serve` and a real SMTP listener that
// holds the first process's messages without answering.
import { simpleParser, type ParsedMail } from "mailparser";
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, runConvene, waitFor, type Run } from "../support/convene-process.js";
import { createPostgresDatabase, engineNames } from "../support/engines.js";
import { recipientOf } from "../support/smtp-listener.js";

/** An SMTP server that swallows messages without answering while `isStalling`, and keeps them once it stops. */
async function startStallingSmtp() {
  const state = { isStalling: true, stalled: 0, messages: [] as ParsedMail[] };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      if (state.isStalling) {
        state.stalled += 1;
        stream.resume(); // read it, never answer: the sender is mid-job when it dies
        return;
      }
      simpleParser(stream).then(
        (mail) => {
          state.messages.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  server.on("error", () => undefined); // the killed sender's connection resets: expected here
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return { state, url: `smtp://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const startMs = Date.now();
  while (!condition()) {
    if (Date.now() - startMs > timeoutMs) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.each(engineNames())("a worker killed mid-send on $title", ({ name, skip }) => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "convene-mail-recovery-"));
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it.skipIf(skip)("has its jobs redone by the next process within a minute", async () => {
    const smtp = await startStallingSmtp();
    cleanups.push(() => smtp.close());
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const env: Record<string, string> = {
      PORT: String(port),
      HOST: "127.0.0.1",
      CONVENE_DATA_DIR: dataDir,
      SMTP_URL: smtp.url,
      MAIL_FROM: "Convene <no-reply@convene.test>",
      NOTIFY_JOB_TIMEOUT_SECONDS: "3",
      NOTIFY_RETRY_DELAY_SECONDS: "1",
    };
    if (name === "postgres") {
      const database = await createPostgresDatabase();
      cleanups.push(database.drop);
      Object.assign(env, { DATABASE_URL: database.url, CONVENE_SECRET_KEY: Buffer.alloc(32, 3).toString("base64") });
    }
    const kill = (run: Run) => async () => {
      if (run.child.exitCode === null) run.child.kill("SIGKILL");
    };

    const first = runConvene(["serve"], env);
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
      await fetch(`${base}/api/v1/links`, {
        method: "POST",
        headers: { ...json, cookie, "x-csrf-token": csrfToken },
        body: JSON.stringify({ title: "Recovery", durationsMin: [30], weeklyHours: [{ days: [0, 1, 2, 3, 4, 5, 6], start: "00:00", end: "24:00" }] }),
      })
    ).json()) as { apiUrl: string };
    const start = new Date(Math.ceil(Date.now() / 86_400_000) * 86_400_000 + 2 * 86_400_000 + 10 * 3_600_000).toISOString();
    const booked = await fetch(`${link.apiUrl.replace(/^http:\/\/[^/]+/, base)}/bookings`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ start, durationMin: 30, timeZone: "UTC", name: "Invitee", email: "invitee@example.com", answers: {} }),
    });
    expect(booked.status, await booked.clone().text()).toBe(201);

    // Both confirmations are being sent (their jobs are active) when the process dies.
    await until(() => smtp.state.stalled === 2, 30_000, "both confirmations reach the SMTP server");
    first.child.kill("SIGKILL");
    await first.exited;
    const killedAtMs = Date.now();
    smtp.state.isStalling = false;

    const second = runConvene(["serve"], env);
    cleanups.push(kill(second));
    await waitFor(second, "Convene is running", 180_000);
    const restartedAtMs = Date.now();
    await until(() => smtp.state.messages.length >= 2, 60_000, "the killed worker's confirmations are sent again");
    // Once a process is up, the lost jobs expire (3 s here), maintenance fails them and the retry runs:
    // seconds, not pg-boss's default 15 minutes. (How long a restart takes on a busy machine is not the point.)
    const afterRestartMs = Date.now() - restartedAtMs;
    console.log(`${name}: the killed worker's confirmations were sent ${Date.now() - killedAtMs} ms after the kill, ${afterRestartMs} ms after the restart`);
    expect(afterRestartMs).toBeLessThan(60_000);
    expect(smtp.state.messages.map(recipientOf).sort()).toEqual(["host@example.com", "invitee@example.com"]);
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
  }, 400_000);
});
