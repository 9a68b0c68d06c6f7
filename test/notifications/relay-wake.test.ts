// A committed booking event wakes the delivery relay at once (the events
// tables' trigger NOTIFYs on commit; the jobs LISTEN): here the relay has no
// timer at all, so the confirmations go out only because the commit woke it.
import pino from "pino";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { EVENTS_COMMITTED_CHANNEL, startDeliveryJobs, type DeliveryJobs } from "../../src/adapters/jobs/delivery-jobs.js";
import { channelRuntime, defaultChannels } from "../../src/main.js";
import { createLinkAndBook } from "../support/booking-fixtures.js";
import { describeOnEngines } from "../support/engines.js";
import { bearer, useTestApp } from "../support/test-app.js";

describeOnEngines("relay woken by committed events", (engine) => {
  const t = useTestApp(engine, { owners: { owner: "relay-wake" } });
  let jobs: DeliveryJobs;
  let wakes = 0;

  beforeAll(async () => {
    jobs = await startDeliveryJobs({
      database: t.database,
      ...channelRuntime(t.deps.store, defaultChannels(t.deps)),
      clock: () => t.clock.nowMs,
      logger: pino({ level: "silent" }),
      retry: { limit: 3, delaySeconds: 1 },
      relayIntervalMs: 0,
      pollingIntervalSeconds: 60,
      onEventsCommitted: (wake) =>
        t.database.listen(EVENTS_COMMITTED_CHANNEL, () => {
          wakes += 1;
          wake();
        }),
    });
  });
  afterAll(async () => {
    await jobs.stop();
  });

  it("delivers a booking's confirmations with no relay timer and an idle dispatcher napping for a minute", async () => {
    const before = wakes;
    const email = `woken-${engine}@example.com`;
    await createLinkAndBook(t.app, t.owner, { invitee: { email } });
    await vi.waitFor(
      async () => {
        const items = (await t.app.inject({ method: "GET", url: "/api/v1/dev/outbox", headers: bearer(t.owner) })).json().items as { to: { email: string }; subject: string }[];
        // The invitee's confirmation and the host's notice.
        expect(items.filter((item) => item.to.email === email || item.to.email === t.owner.email)).toHaveLength(2);
      },
      { timeout: 30_000, interval: 200 },
    );
    // One commit, one wake-up (the booking's transaction wrote one event).
    expect(wakes - before).toBeGreaterThanOrEqual(1);
  });
});
