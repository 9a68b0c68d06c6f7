// Crash safety: the process dies (SIGKILL) after the booking commits and
// before anything is sent; after a restart the confirmation goes out exactly
// once per recipient. The real `convene serve`, a real SMTP listener.
import { expect, it } from "vitest";
import { freePort, useConveneProcesses, waitFor } from "../support/convene-process.js";
import { describeOnEngines } from "../support/engines.js";
import { bookOverHttp, call, createLinkOverHttp, daysAhead, signUpOverHttp } from "../support/http-client.js";
import { settle } from "../support/polling.js";
import { recipientOf, TEST_MAIL_FROM, useSmtpListener } from "../support/smtp-listener.js";

describeOnEngines("crash between commit and send", (engine) => {
  const smtp = useSmtpListener();
  const processes = useConveneProcesses(engine); // registered last, so its processes stop before the listener closes

  it("sends the confirmation exactly once after a restart", async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const env = await processes.env({ PORT: String(port), HOST: "127.0.0.1", SMTP_URL: smtp.url, MAIL_FROM: TEST_MAIL_FROM });

    // 1. Workers off: the booking commits its outbox rows and nothing is sent.
    const first = processes.run(["serve"], { ...env, CONVENE_WORKERS: "false" });
    await waitFor(first, "Convene is running", 180_000); // creating PGlite's data directory is slow on a busy machine
    const owner = await signUpOverHttp(base, { timeZone: "Europe/Paris" });
    const link = await createLinkOverHttp(base, owner, { title: "Crash test" });
    const booked = await bookOverHttp(base, link, daysAhead(3, 10), { email: "invitee@example.com" });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    const bookingId = booked.body["id"] as string;

    // 2. Crash.
    first.child.kill("SIGKILL");
    await first.exited;
    expect(smtp.messages).toHaveLength(0);

    // 3. Restart with workers: the confirmations go out, once each.
    const second = processes.run(["serve"], env);
    await waitFor(second, "Convene is running", 180_000);
    await smtp.waitForCount(2, 30_000);
    // A later relay pass must not resend: the booking's one event is fanned out, and each confirmation it
    // planned is recorded sent on its first attempt (the row is marked just after the SMTP server took the
    // message: wait for that write, with a deadline). The relay queues only pending rows.
    type Detail = { events: { id: string; fannedOutAt: string | null }[]; deliveries: { eventId: string | null; kind: string; state: string; attempts: number }[] };
    const detail = await settle(
      async () => (await call<Detail>(base, "GET", `/api/v1/bookings/${bookingId}`, undefined, owner)).body,
      (read) => !read.deliveries.some((delivery) => delivery.kind === "confirmation" && delivery.state === "pending"),
    );
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
