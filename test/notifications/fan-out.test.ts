// The relay fans each booking event out once, in each booking's order, even
// when it runs twice or two run at once (two nodes): a channel is asked to
// plan every event exactly once, and the event is marked fanned out.
import { expect, it } from "vitest";
import { defaultChannels } from "../../src/main.js";
import type { DeliveryChannel } from "../../src/use-cases/deliveries/channel.js";
import { fanOutEvents } from "../../src/use-cases/deliveries/fan-out.js";
import { book, bookingDetail, createLink, managePath } from "../support/booking-fixtures.js";
import { describeOnEngines } from "../support/engines.js";
import { bearer, startTestJobs, useTestApp } from "../support/test-app.js";

type Detail = { events: { id: string; seq: number; type: string; fannedOutAt: string | null }[]; deliveries: { eventId: string | null; channel: string; kind: string }[] };

describeOnEngines("fanning out booking events", (engine) => {
  const t = useTestApp(engine, { owners: { owner: "owner" } });

  it("plans each event once, in its booking's order, however often and concurrently the relay runs", async () => {
    const { owner } = t;
    const link = await createLink(t.app, owner, { slug: "fan-out" });
    const booked = [];
    for (const start of ["2026-12-01T14:00:00.000Z", "2026-12-01T15:00:00.000Z", "2026-12-01T16:00:00.000Z"]) booked.push((await book(t.app, link.apiPath, start)).json());
    await t.app.inject({ method: "POST", url: `${managePath(booked[0].manageApiUrl)}/reschedule`, payload: { start: "2026-12-02T14:00:00.000Z" } });
    await t.app.inject({ method: "POST", url: `${managePath(booked[0].manageApiUrl)}/cancel`, payload: {} });
    await t.app.inject({ method: "POST", url: `/api/v1/bookings/${booked[1].id}/cancel`, headers: bearer(owner), payload: {} });
    const detail = (id: string): Promise<Detail> => bookingDetail(t.app, owner, id);
    expect((await detail(booked[0].id)).events.map((event) => [event.seq, event.type, event.fannedOutAt])).toEqual([
      [1, "created", null],
      [2, "rescheduled", null],
      [3, "cancelled", null],
    ]);

    // The channels as registered, with the email channel's plan calls counted.
    const planned: string[] = [];
    const channels: DeliveryChannel[] = defaultChannels(t.deps).map((channel) => ({
      ...channel,
      plan: (repos, tenantId, event, booking) => {
        if (channel.name === "email") planned.push(event.id);
        return channel.plan(repos, tenantId, event, booking);
      },
    }));
    const counts = await Promise.all([fanOutEvents(t.deps.store, channels, t.clock.nowMs), fanOutEvents(t.deps.store, channels, t.clock.nowMs)]);
    counts.push(await fanOutEvents(t.deps.store, channels, t.clock.nowMs));
    const jobs = await startTestJobs(t, undefined, channels);
    try {
      await jobs.relayOnce(t.clock.nowMs);
    } finally {
      await jobs.stop();
    }

    const details = await Promise.all(booked.map((b) => detail(b.id)));
    const events = details.flatMap((d) => d.events);
    expect(events).toHaveLength(3 + 1 + 2);
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(events.length);
    expect([...planned].sort()).toEqual(events.map((event) => event.id).sort());
    expect(events.every((event) => event.fannedOutAt !== null)).toBe(true);
    // One booking's events were planned in their order.
    const first = details[0]!.events.map((event) => event.id);
    expect(planned.filter((id) => first.includes(id))).toEqual(first);
    // Each event's deliveries hang off it: the cancel that made the first booking's reminders moot planned two notices and the owner's bell notice.
    const cancel = details[0]!.events[2]!;
    expect(details[0]!.deliveries.filter((d) => d.eventId === cancel.id).map((d) => `${d.channel}:${d.kind}`).sort()).toEqual(["email:cancellation", "email:cancellation", "in_app:booking_cancelled", "leads:lead_match"]);
  });
});
