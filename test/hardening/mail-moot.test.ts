// A confirmation rendered after its booking was cancelled used to say
// "Confirmed" (with a REQUEST invite) next to the cancellation. Such a notice
// is moot (isMoot in core/notifications/plan.ts): skipped, and only the
// cancellation goes out.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSmtpMailer } from "../../src/adapters/email/smtp-mailer.js";
import type { DeliveryJobs } from "../../src/adapters/jobs/delivery-jobs.js";
import { book, createLink, managePath } from "../support/booking-fixtures.js";
import { engineNames } from "../support/engines.js";
import { startSmtpListener, type SmtpListener } from "../support/smtp-listener.js";
import { bearer, signUpOwner, startTestApp, startTestJobs, type TestApp } from "../support/test-app.js";

describe.each(engineNames())("a notice overtaken by a cancel on $title", ({ name, skip }) => {
  let smtp: SmtpListener;
  let t: TestApp;
  let jobs: DeliveryJobs;
  beforeAll(async () => {
    if (skip) return;
    smtp = await startSmtpListener();
    t = await startTestApp(name, { mailer: createSmtpMailer({ smtpUrl: smtp.url, from: "Convene <no-reply@convene.test>" }) });
    jobs = await startTestJobs(t);
  });
  afterAll(async () => {
    await jobs?.stop();
    await t?.close();
    await smtp?.close();
  });

  it.skipIf(skip)("never says Confirmed for a meeting already cancelled", async () => {
    const owner = await signUpOwner(t.app);
    const link = await createLink(t.app, owner, { slug: "moot" });
    const booked = (await book(t.app, link.apiPath, "2026-12-01T14:00:00.000Z", { email: "ada@example.com" })).json();
    const cancelled = await t.app.inject({ method: "POST", url: `${managePath(booked.manageApiUrl)}/cancel`, payload: {} });
    expect(cancelled.statusCode, cancelled.body).toBe(200);

    // Confirmations and cancellations are due together; each is decided when its job runs.
    expect(await jobs.relayOnce(t.clock.nowMs)).toBe(4);
    const startMs = Date.now();
    let states: string[] = [];
    while (states.length === 0 || states.some((state) => state.endsWith(":pending"))) {
      if (Date.now() - startMs > 30_000) throw new Error(`still pending: ${states.join(", ")}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const detail = (await t.app.inject({ method: "GET", url: `/api/v1/bookings/${booked.id}`, headers: bearer(owner) })).json();
      states = detail.notifications.filter((n: { kind: string }) => n.kind === "confirmation" || n.kind === "cancellation").map((n: { kind: string; state: string }) => `${n.kind}:${n.state}`);
    }
    expect(states.sort()).toEqual(["cancellation:sent", "cancellation:sent", "confirmation:skipped", "confirmation:skipped"]);
    const subjects = (await smtp.waitForCount(2)).map((mail) => mail.subject ?? "");
    expect(subjects).toHaveLength(2);
    for (const subject of subjects) expect(subject).toMatch(/^Cancelled/);
  });
});
