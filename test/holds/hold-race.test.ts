// A booking with a hold token cannot lose the race: the holder books while
// many others try to book or hold the same (or an overlapping) time at once;
// the holder wins, everyone else gets SLOT_TAKEN, nobody a 500. And of many
// concurrent holds of one time exactly one is granted. Real races on
// PostgreSQL; PGlite serialises them, which must give the same answers.
import { expect, it } from "vitest";
import { book, createLink } from "../support/booking-fixtures.js";
import { describeOnEngines } from "../support/engines.js";
import { bearer, useTestApp } from "../support/test-app.js";

describeOnEngines("slot hold races", (engine) => {
  const t = useTestApp(engine, { rateLimits: { publicBookingsPerMinute: 10_000 }, owners: { owner: "racer" } });

  const hold = (apiPath: string, start: string, durationMin = 30) =>
    t.app.inject({ method: "POST", url: `${apiPath}/holds`, payload: { start, durationMin, timeZone: "UTC" } });

  it("the holder books while 20 others book and 10 others hold the same and overlapping times: the holder wins", async () => {
    const link = await createLink(t.app, t.owner, { slug: "hold-race", durationsMin: [30, 60], slotIntervalMin: 15 });
    const held = await hold(link.apiPath, "2026-12-01T15:00:00.000Z");
    expect(held.statusCode, held.body).toBe(201);
    const { holdToken } = held.json();
    // Each overlaps 15:00–15:30.
    const starts = ["2026-12-01T15:00:00.000Z", "2026-12-01T14:45:00.000Z", "2026-12-01T15:15:00.000Z"];
    const others = [
      ...Array.from({ length: 20 }, (_, i) => () => book(t.app, link.apiPath, starts[i % 3]!, { email: `other${i}@example.com`, durationMin: 30 })),
      ...Array.from({ length: 10 }, (_, i) => () => hold(link.apiPath, starts[i % 3]!, i % 2 ? 60 : 30)),
    ];
    const [holder, ...rest] = await Promise.all([book(t.app, link.apiPath, "2026-12-01T15:00:00.000Z", { holdToken, email: "holder@example.com" }), ...others.map((attempt) => attempt())]);
    expect(holder!.statusCode, holder!.body).toBe(201);
    const answers = rest.map((response) => `${response.statusCode} ${response.json().code}`);
    expect(answers, answers.join(", ")).toEqual(rest.map(() => "409 SLOT_TAKEN"));
    const list = (await t.app.inject({ method: "GET", url: `/api/v1/bookings?linkId=${link.id}`, headers: bearer(t.owner) })).json();
    expect(list.items.map((booking: { inviteeEmail?: string; id: string }) => booking.id)).toEqual([holder!.json().id]);
  });

  it("30 concurrent holds of one time: exactly one is granted", async () => {
    const link = await createLink(t.app, t.owner, { slug: "hold-race-holds" });
    const responses = await Promise.all(Array.from({ length: 30 }, () => hold(link.apiPath, "2026-12-02T15:00:00.000Z")));
    const statuses = responses.map((response) => `${response.statusCode} ${response.statusCode === 201 ? "" : response.json().code}`);
    expect(statuses.filter((status) => status.startsWith("201"))).toHaveLength(1);
    expect(statuses.filter((status) => status === "409 SLOT_TAKEN"), statuses.join(", ")).toHaveLength(29);
  });

  it("an expired hold is taken over by concurrent bookings without a deadlock: one wins, the rest SLOT_TAKEN", async () => {
    const link = await createLink(t.app, t.owner, { slug: "hold-race-expired" });
    expect((await hold(link.apiPath, "2026-12-03T15:00:00.000Z")).statusCode).toBe(201);
    t.clock.nowMs += 10 * 60_000;
    try {
      const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => book(t.app, link.apiPath, "2026-12-03T15:00:00.000Z", { email: `late${i}@example.com` })));
      const statuses = responses.map((response) => `${response.statusCode} ${response.statusCode === 201 ? "" : response.json().code}`);
      expect(statuses.filter((status) => status.startsWith("201")), statuses.join(", ")).toHaveLength(1);
      expect(statuses.filter((status) => status === "409 SLOT_TAKEN")).toHaveLength(19);
    } finally {
      t.clock.nowMs -= 10 * 60_000;
    }
  });
});
