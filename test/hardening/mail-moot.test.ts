// A confirmation rendered after its booking was cancelled used to say
// "Confirmed" (with a REQUEST invite) next to the cancellation. Such a notice
// is moot (isMoot in core/notifications/plan.ts): skipped, and only the
// cancellation goes out.
import { expect, it } from "vitest";
import { bookingDetail, createLinkAndBook } from "../support/booking-fixtures.js";
import { describeOnEngines } from "../support/engines.js";
import { settle } from "../support/polling.js";
import { smtpMailerTo, useSmtpListener } from "../support/smtp-listener.js";
import { useTestApp, useTestJobs } from "../support/test-app.js";

describeOnEngines("a notice overtaken by a cancel", (engine) => {
  const smtp = useSmtpListener();
  const t = useTestApp(engine, { mailer: () => smtpMailerTo(smtp.url), owners: { owner: "moot" } });
  const jobs = useTestJobs(t);

  it("never says Confirmed for a meeting already cancelled", async () => {
    const { booking: booked, managePath } = await createLinkAndBook(t.app, t.owner, { link: { slug: "moot" }, invitee: { email: "ada@example.com" } });
    const cancelled = await t.app.inject({ method: "POST", url: `${managePath}/cancel`, payload: {} });
    expect(cancelled.statusCode, cancelled.body).toBe(200);

    // Confirmations and cancellations are due together; each is decided when its job runs (with the leads channel's one per event and the owner's two bell notices).
    expect(await jobs.relayOnce(t.clock.nowMs)).toBe(4 + 2 + 2);
    const states = await settle(
      async () =>
        (await bookingDetail(t.app, t.owner, booked.id)).notifications
          .filter((n: { kind: string }) => n.kind === "confirmation" || n.kind === "cancellation")
          .map((n: { kind: string; state: string }) => `${n.kind}:${n.state}`) as string[],
      (read) => read.length > 0 && !read.some((state) => state.endsWith(":pending")),
      30_000,
    );
    expect(states.sort()).toEqual(["cancellation:sent", "cancellation:sent", "confirmation:skipped", "confirmation:skipped"]);
    const subjects = (await smtp.waitForCount(2)).map((mail) => mail.subject ?? "");
    expect(subjects).toHaveLength(2);
    for (const subject of subjects) expect(subject).toMatch(/^Cancelled/);
  });
});
