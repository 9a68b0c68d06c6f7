// The in_app channel: every booking event the owner should hear of becomes one
// notice in the bell of each host and of the link's owner, worded from the
// booking (company from the answers or the matched lead), once per event and
// user however often its delivery runs.
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { bookingLeads, campaigns, leads } from "../../src/adapters/db/schema.js";
import { defaultChannels } from "../../src/main.js";
import { notifyUsers } from "../../src/use-cases/notifications/in-app-notices.js";
import { createLinkAndBook, NY_WEEKDAYS } from "../support/booking-fixtures.js";
import { describeOnEngines } from "../support/engines.js";
import { bell, deliverAll, tenantIdOf } from "../support/in-app-fixtures.js";
import { mintTenantIdForTest } from "../support/tenant.js";
import { bearer, useTestApp } from "../support/test-app.js";

const questions = [{ id: "org", label: "Company", type: "short_text", isRequired: false }];

describeOnEngines("in-app notices of booking events", (engine) => {
  const t = useTestApp(engine, { owners: { owner: "bell", other: "other" } });

  it("tells the owner of a new, moved, cancelled meeting and a no-show, once each, newest first", async () => {
    const { owner } = t;
    const { booking, managePath: manage } = await createLinkAndBook(t.app, owner, {
      link: { slug: "bell-intro", questions, ...NY_WEEKDAYS },
      invitee: { name: "Grace Hopper", answers: { org: "Navy Labs" } },
    });
    await deliverAll(t, owner);
    let page = await bell(t.app, owner);
    expect(page.unreadCount).toBe(1);
    expect(page.items.map((item) => [item.kind, item.title, item.bookingId])).toEqual([["booking_created", "New meeting booked: Grace Hopper – Navy Labs", booking.id]]);
    expect(page.items[0]!.body).toBe("Intro call, 1 Dec 2026, 15:00 CET");

    await t.app.inject({ method: "POST", url: `${manage}/reschedule`, payload: { start: "2026-12-02T14:00:00.000Z" } });
    await deliverAll(t, owner);
    // The relay and the deliveries running again write nothing twice.
    await deliverAll(t, owner);
    const cancelled = await t.app.inject({ method: "POST", url: `/api/v1/bookings/${booking.id}/cancel`, headers: bearer(owner), payload: { reason: "Budget frozen" } });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    await deliverAll(t, owner);
    page = await bell(t.app, owner);
    expect(page.items.map((item) => item.kind)).toEqual(["booking_cancelled", "booking_rescheduled", "booking_created"]);
    expect(page.items[0]!.title).toBe("Meeting cancelled: Grace Hopper – Navy Labs");
    expect(page.items[0]!.body).toBe("Intro call, 2 Dec 2026, 15:00 CET. Reason: Budget frozen");
    expect(page.items[1]!.body).toBe("Now Intro call, 2 Dec 2026, 15:00 CET");
    expect(page.unreadCount).toBe(3);
    // Another organisation hears nothing of it.
    expect((await bell(t.app, t.other)).items).toEqual([]);
  });

  it("tells of a no-show but not of a showed mark, with the matched lead's company", async () => {
    const { owner } = t;
    const { booking } = await createLinkAndBook(t.app, owner, { link: { slug: "bell-no-show" }, start: "2026-12-03T14:00:00.000Z", invitee: { name: "Alan Turing", email: "alan@example.com" } });
    const tenantId = await tenantIdOf(t.app, owner);
    const [campaign] = await t.database.db.insert(campaigns).values({ tenantId, name: "Winter outreach" }).returning();
    const [lead] = await t.database.db.insert(leads).values({ tenantId, email: "alan@example.com", emailKey: "alan@example.com", name: "Alan Turing", company: "Bletchley Ltd", campaignId: campaign!.id }).returning();
    await t.database.db.insert(bookingLeads).values({ tenantId, bookingId: booking.id, leadId: lead!.id, attendeeEmail: "alan@example.com", matchedBy: "email", matchedAt: new Date(t.clock.nowMs) });
    await deliverAll(t, owner);
    const before = (await bell(t.app, owner)).items.filter((item) => item.bookingId === booking.id);
    expect(before.map((item) => item.title)).toEqual(["New meeting booked: Alan Turing – Bletchley Ltd"]);

    const clock = t.clock.nowMs;
    t.clock.nowMs = Date.parse("2026-12-03T15:00:00.000Z");
    try {
      const showed = await t.app.inject({ method: "POST", url: `/api/v1/bookings/${booking.id}/attendance`, headers: bearer(owner), payload: { status: "showed" } });
      expect(showed.statusCode, showed.body).toBe(200);
      await deliverAll(t, owner);
      expect((await bell(t.app, owner)).items.filter((item) => item.bookingId === booking.id)).toHaveLength(1);
      const noShow = await t.app.inject({ method: "POST", url: `/api/v1/bookings/${booking.id}/attendance`, headers: bearer(owner), payload: { status: "no_show" } });
      expect(noShow.statusCode, noShow.body).toBe(200);
      await deliverAll(t, owner);
    } finally {
      t.clock.nowMs = clock;
    }
    const after = (await bell(t.app, owner)).items.filter((item) => item.bookingId === booking.id);
    expect(after.map((item) => [item.kind, item.title])).toEqual([
      ["no_show", "No-show: Alan Turing – Bletchley Ltd"],
      ["booking_created", "New meeting booked: Alan Turing – Bletchley Ltd"],
    ]);
    await t.database.db.delete(bookingLeads).where(eq(bookingLeads.bookingId, booking.id));
  });

  it("notifyUsers writes one notice per user and dedupe key, however often it is called", async () => {
    const { other } = t;
    const tenantId = mintTenantIdForTest(await tenantIdOf(t.app, other));
    const notice = { kind: "source_problem" as const, title: "Calendly stopped answering", body: "Since 10:00", dedupeKey: "source:x:down:1", atMs: t.clock.nowMs };
    const first = await t.deps.store.transaction((repos) => notifyUsers(repos, tenantId, [other.userId, other.userId], notice));
    const second = await t.deps.store.transaction((repos) => notifyUsers(repos, tenantId, [other.userId], notice));
    expect([first.length, second.length]).toEqual([1, 0]);
    const page = await bell(t.app, other);
    expect(page.items.map((item) => [item.kind, item.title, item.body, item.bookingId])).toEqual([["source_problem", "Calendly stopped answering", "Since 10:00", null]]);
  });

  it("is registered among Convene's channels", () => {
    expect(defaultChannels(t.deps).map((channel) => channel.name)).toContain("in_app");
  });
});

