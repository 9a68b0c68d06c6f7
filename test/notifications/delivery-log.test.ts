// GET /api/v1/deliveries: the organisation's delivery log, newest first,
// filtered by state and channel, paged by cursor, and only its own.
import { expect, it } from "vitest";
import { book, createLinkAndBook } from "../support/booking-fixtures.js";
import { describeOnEngines } from "../support/engines.js";
import { defaultChannels } from "../../src/main.js";
import { fanOutEvents } from "../../src/use-cases/deliveries/fan-out.js";
import { bearer, useTestApp } from "../support/test-app.js";

type Page = { items: { id: string; bookingId: string; channel: string; kind: string; state: string; createdAt: string }[]; nextCursor: string | null };

describeOnEngines("the delivery log", (engine) => {
  const t = useTestApp(engine, { owners: { owner: "owner", stranger: "stranger" } });

  it("lists every delivery of the organisation newest first, by state and channel, a page at a time", async () => {
    const { owner, stranger } = t;
    const { link, booking: first } = await createLinkAndBook(t.app, owner, { link: { slug: "log" } });
    // Fanned out in two passes and never sent, so every state below is decided by the events alone.
    const channels = defaultChannels(t.deps);
    await fanOutEvents(t.deps.store, channels, t.clock.nowMs);
    await book(t.app, link.apiPath, "2026-12-01T15:00:00.000Z");
    await t.app.inject({ method: "POST", url: `/api/v1/bookings/${first.id}/cancel`, headers: bearer(owner), payload: {} });
    await fanOutEvents(t.deps.store, channels, t.clock.nowMs);
    const list = async (query: string, who = owner): Promise<Page> => {
      const response = await t.app.inject({ method: "GET", url: `/api/v1/deliveries${query}`, headers: bearer(who) });
      expect(response.statusCode, response.body).toBe(200);
      return response.json();
    };

    // Two bookings: 2 confirmations, 4 reminders and the host's attendance check each, and 2 cancellations for the
    // first (whose reminders it skipped); the leads channel's one per event (two bookings, one cancel), and the
    // owner's bell notice per event.
    const all = await list("?limit=200");
    expect(all.items).toHaveLength(16 + 3 + 3);
    expect(all.items.filter((item) => item.channel === "email")).toHaveLength(16);
    expect(all.items.filter((item) => item.channel === "in_app")).toHaveLength(3);
    expect(all.items.filter((item) => item.channel === "leads").map((item) => item.kind)).toEqual(["lead_match", "lead_match", "lead_match"]);
    const created = all.items.map((item) => Date.parse(item.createdAt));
    expect(created).toEqual([...created].sort((a, b) => b - a));
    expect(all.nextCursor).toBeNull();
    expect((await list("?state=skipped&limit=200")).items.map((item) => item.kind).sort()).toEqual(["attendance_check", "reminder_1h", "reminder_1h", "reminder_24h", "reminder_24h"]);
    expect((await list("?channel=calendar")).items).toEqual([]);

    const seen: string[] = [];
    let cursor: string | null = "";
    while (cursor !== null) {
      const page: Page = await list(`?limit=5${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(all.items.map((item) => item.id));

    expect((await list("", stranger)).items).toEqual([]);
    const bad = await t.app.inject({ method: "GET", url: "/api/v1/deliveries?cursor=nonsense", headers: bearer(owner) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe("VALIDATION_FAILED");
  });
});
