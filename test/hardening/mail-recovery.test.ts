// A worker SIGKILLed while it is sending: its jobs stay "active" in pg-boss
// until they expire. They must expire and be redone within a minute (pg-boss's
// default is 15 minutes, with maintenance every 2). Driven with short
// configured timeouts; the real `convene serve` and a real SMTP listener that
// holds the first process's messages without answering.
import { expect, it } from "vitest";
import { freePort, useConveneProcesses, waitFor } from "../support/convene-process.js";
import { describeOnEngines } from "../support/engines.js";
import { bookOverHttp, createLinkOverHttp, daysAhead, signUpOverHttp } from "../support/http-client.js";
import { until } from "../support/polling.js";
import { recipientOf, TEST_MAIL_FROM, useSmtpListener } from "../support/smtp-listener.js";

describeOnEngines("a worker killed mid-send", (engine) => {
  // Holds the first process's messages without answering: the sender is mid-job when it dies.
  const smtp = useSmtpListener({ isStalling: true });
  const processes = useConveneProcesses(engine); // registered last, so its processes stop before the listener closes

  it("has its jobs redone by the next process within a minute", async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const env = await processes.env({ PORT: String(port), HOST: "127.0.0.1", SMTP_URL: smtp.url, MAIL_FROM: TEST_MAIL_FROM, NOTIFY_JOB_TIMEOUT_SECONDS: "3", NOTIFY_RETRY_DELAY_SECONDS: "1" });

    const first = processes.run(["serve"], env);
    await waitFor(first, "Convene is running", 180_000); // creating PGlite's data directory is slow on a busy machine
    const owner = await signUpOverHttp(base, { timeZone: "Europe/Paris" });
    const link = await createLinkOverHttp(base, owner, { title: "Recovery" });
    const booked = await bookOverHttp(base, link, daysAhead(3, 10), { email: "invitee@example.com" });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);

    // Both confirmations are being sent (their jobs are active) when the process dies.
    await until(() => smtp.stalledCount === 2, 30_000, () => "both confirmations reach the SMTP server");
    first.child.kill("SIGKILL");
    await first.exited;
    const killedAtMs = Date.now();
    smtp.isStalling = false;

    const second = processes.run(["serve"], env);
    await waitFor(second, "Convene is running", 180_000);
    const restartedAtMs = Date.now();
    await until(() => smtp.messages.length >= 2, 60_000, () => "the killed worker's confirmations are sent again");
    // Once a process is up, the lost jobs expire (3 s here), maintenance fails them and the retry runs:
    // seconds, not pg-boss's default 15 minutes. (How long a restart takes on a busy machine is not the point.)
    const afterRestartMs = Date.now() - restartedAtMs;
    console.log(`${engine}: the killed worker's confirmations were sent ${Date.now() - killedAtMs} ms after the kill, ${afterRestartMs} ms after the restart`);
    expect(afterRestartMs).toBeLessThan(60_000);
    expect(smtp.messages.map(recipientOf).sort()).toEqual(["host@example.com", "invitee@example.com"]);
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
  }, 400_000);
});
