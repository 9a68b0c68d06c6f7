// No double booking under concurrency, enforced by the database: 50 requests
// at one slot, and 50 at overlapping slots of different lengths, each give
// exactly one booking and 49 × 409 — on PGlite and on PostgreSQL.
import { expect, it } from "vitest";
import { book, createLink, createLinkAndBook } from "../support/booking-fixtures.js";
import { describeOnEngines } from "../support/engines.js";
import { bearer, useTestApp } from "../support/test-app.js";

describeOnEngines("double booking", (engine) => {
  const t = useTestApp(engine, { rateLimits: { publicBookingsPerMinute: 10_000 }, owners: { owner: "owner" } });

  async function race(requests: { start: string; durationMin: number }[], apiPath: string) {
    const responses = await Promise.all(requests.map((request, i) => book(t.app, apiPath, request.start, { durationMin: request.durationMin, email: `racer${i}@example.com` })));
    const statuses = responses.map((response) => response.statusCode);
    return { created: statuses.filter((s) => s === 201).length, taken: responses.filter((r) => r.statusCode === 409 && r.json().code === "SLOT_TAKEN").length, statuses };
  }

  it("50 concurrent bookings of one slot: exactly one succeeds", async () => {
    const link = await createLink(t.app, t.owner, { slug: "race-one" });
    const result = await race(Array.from({ length: 50 }, () => ({ start: "2026-12-01T15:00:00.000Z", durationMin: 30 })), link.apiPath);
    expect(result, JSON.stringify(result.statuses)).toMatchObject({ created: 1, taken: 49 });
  });

  it("50 concurrent bookings of overlapping slots of different lengths: exactly one succeeds", async () => {
    const link = await createLink(t.app, t.owner, { slug: "race-many", durationsMin: [15, 30, 60, 120], slotIntervalMin: 15 });
    // Every interval contains 14:45–15:00, so any two overlap.
    const shapes = [
      { start: "2026-12-02T14:00:00.000Z", durationMin: 60 },
      { start: "2026-12-02T14:30:00.000Z", durationMin: 30 },
      { start: "2026-12-02T14:45:00.000Z", durationMin: 15 },
      { start: "2026-12-02T14:00:00.000Z", durationMin: 120 },
      { start: "2026-12-02T14:45:00.000Z", durationMin: 60 },
      { start: "2026-12-02T14:30:00.000Z", durationMin: 120 },
      { start: "2026-12-02T14:15:00.000Z", durationMin: 60 },
    ];
    const result = await race(Array.from({ length: 50 }, (_, i) => shapes[i % shapes.length]!), link.apiPath);
    expect(result, JSON.stringify(result.statuses)).toMatchObject({ created: 1, taken: 49 });
    const list = (await t.app.inject({ method: "GET", url: `/api/v1/bookings?linkId=${link.id}`, headers: bearer(t.owner) })).json();
    expect(list.items).toHaveLength(1);
  });

  it("the exclusion constraint refuses an overlapping hold even when the application check is skipped", async () => {
    const { link, booking: first } = await createLinkAndBook(t.app, t.owner, { link: { slug: "constraint" }, start: "2026-12-03T15:00:00.000Z" });
    const detail = (await t.app.inject({ method: "GET", url: `/api/v1/bookings/${first.id}`, headers: bearer(t.owner) })).json();
    const hostUserId = detail.hostUserIds[0];
    const { mintTenantIdForTest } = await import("../support/tenant.js");
    const tenantId = mintTenantIdForTest((await t.app.inject({ method: "GET", url: "/api/v1/me", headers: bearer(t.owner) })).json().organization.id);
    const attempt = t.deps.store.transaction((repos) =>
      repos.bookings.create(
        tenantId,
        {
          linkId: link.id, oneTimeLinkId: null, startAt: new Date("2026-12-03T15:15:00Z"), endAt: new Date("2026-12-03T15:45:00Z"), durationMin: 30,
          inviteeName: "Sneaky", inviteeEmail: "sneaky@example.com", inviteeTimeZone: "UTC", answers: {}, guests: [], notes: null,
          hostUserIds: [hostUserId], manageTokenHash: `direct-${engine}`, manageTokenSealed: null, createdAtMs: t.clock.nowMs,
        },
        [{ hostUserId, startMs: Date.parse("2026-12-03T15:15:00Z"), busyStartMs: Date.parse("2026-12-03T15:15:00Z"), busyEndMs: Date.parse("2026-12-03T15:45:00Z") }],
      ),
    );
    await expect(attempt).rejects.toMatchObject({ code: "SLOT_TAKEN" });
  });
});
