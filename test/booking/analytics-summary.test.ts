// The organisation's funnel (GET /api/v1/analytics): totals, one row per link
// and a day series, counted in SQL from views, bookings, cancellations and
// attendance marks; one link or all; another organisation's data never shows.
import { beforeAll, expect, it } from "vitest";
import type { TenantId } from "../../src/core/tenancy.js";
import { CONVERSION_DEFINITION } from "../../src/core/funnel/view-attribution.js";
import { insertBooking, tenantIdOf, type PastBooking } from "../support/analytics-fixtures.js";
import { describeOnEngines } from "../support/engines.js";
import { bearer, useTestApp, type Owner } from "../support/test-app.js";

const zeroFunnel = { views: 0, bookings: 0, viewedBookings: 0, bookingsWithoutView: 0, cancellations: 0, held: 0, showed: 0, noShows: 0, bookingRate: null, showRate: null };

describeOnEngines("organisation analytics", (engine) => {
  const t = useTestApp(engine, { owners: { owner: "summary", other: "summary-other" } }); // the clock reads 2026-11-20T12:00Z
  const ids = { intro: "", demo: "", quiet: "", retired: "", elsewhere: "" };

  async function createLink(who: Owner, title: string): Promise<string> {
    const response = await t.app.inject({ method: "POST", url: "/api/v1/links", headers: bearer(who), payload: { title, durationsMin: [30], timeZone: "UTC" } });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id;
  }

  /** Records the views; answers their ids, in order, for the bookings made from them. */
  async function views(tenantId: TenantId, linkId: string, ...atIsos: string[]): Promise<number[]> {
    const viewIds: number[] = [];
    for (const atIso of atIsos) viewIds.push(await t.deps.store.linkViews.record(tenantId, { linkId, oneTimeLinkId: null, referrer: null, atMs: Date.parse(atIso) }));
    return viewIds;
  }

  const booking = (tenantId: TenantId, row: PastBooking) => insertBooking(t.database, tenantId, row);
  const summary = (query: string, who: Owner = t.owner) => t.app.inject({ method: "GET", url: `/api/v1/analytics${query}`, headers: bearer(who) });
  const WINDOW = "?from=2026-11-01T00:00:00Z&to=2026-11-04T00:00:00Z&timeZone=UTC";

  beforeAll(async () => {
    const { owner, other } = t;
    const tenantId = await tenantIdOf(t.app, owner);
    const otherTenantId = await tenantIdOf(t.app, other);
    ids.intro = await createLink(owner, "Intro");
    ids.demo = await createLink(owner, "Demo");
    ids.quiet = await createLink(owner, "Quiet");
    ids.retired = await createLink(owner, "Retired");
    ids.elsewhere = await createLink(other, "Elsewhere");

    const [, intro10, intro11, , intro2nd9] = await views(tenantId, ids.intro, "2026-10-31T23:59:59Z", "2026-11-01T10:00:00Z", "2026-11-01T11:00:00Z", "2026-11-01T12:00:00Z", "2026-11-02T09:00:00Z", "2026-11-04T00:00:00Z");
    const [, demo9] = await views(tenantId, ids.demo, "2026-11-03T08:00:00Z", "2026-11-03T09:00:00Z");
    await views(otherTenantId, ids.elsewhere, "2026-11-01T10:00:00Z", "2026-11-01T11:00:00Z", "2026-11-02T10:00:00Z", "2026-11-02T11:00:00Z", "2026-11-03T10:00:00Z");

    // Bookings with a linkViewId were made from that page view; the others came through the API.
    const intro = ids.intro;
    await booking(tenantId, { linkId: intro, createdAt: "2026-11-01T10:05:00Z", startAt: "2026-11-02T09:00:00Z", status: "completed", linkViewId: intro10! });
    await booking(tenantId, { linkId: intro, createdAt: "2026-11-01T11:05:00Z", startAt: "2026-11-03T09:00:00Z", status: "no_show", linkViewId: intro11! });
    await booking(tenantId, { linkId: intro, createdAt: "2026-11-02T08:00:00Z", startAt: "2026-11-03T10:00:00Z" }); // held, not marked
    await booking(tenantId, { linkId: intro, createdAt: "2026-11-02T09:00:00Z", startAt: "2026-11-05T09:00:00Z", status: "cancelled", cancelledAt: "2026-11-03T12:00:00Z", linkViewId: intro2nd9! });
    await booking(tenantId, { linkId: intro, createdAt: "2026-10-20T12:00:00Z", startAt: "2026-11-01T15:00:00Z", status: "rescheduled" }); // made before, held in the window
    await booking(tenantId, { linkId: ids.demo, createdAt: "2026-11-03T09:30:00Z", startAt: "2026-12-01T09:00:00Z", linkViewId: demo9! }); // not yet held
    await booking(tenantId, { linkId: ids.demo, createdAt: "2026-10-25T12:00:00Z", startAt: "2026-11-02T14:00:00Z", status: "cancelled", cancelledAt: "2026-10-30T12:00:00Z" }); // cancelled before: never held
    await booking(tenantId, { linkId: ids.retired, createdAt: "2026-11-01T09:00:00Z", startAt: "2026-11-02T16:00:00Z", status: "completed" });
    await booking(otherTenantId, { linkId: ids.elsewhere, createdAt: "2026-11-01T12:00:00Z", startAt: "2026-11-02T12:00:00Z", status: "no_show" });

    const removed = await t.app.inject({ method: "DELETE", url: `/api/v1/links/${ids.retired}`, headers: bearer(owner) });
    expect(removed.statusCode, removed.body).toBe(204);
  });

  it("counts the whole organisation: totals, a row per link (the deleted one's last) and a day series", async () => {
    const response = await summary(WINDOW);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      linkId: null,
      from: "2026-11-01T00:00:00.000Z",
      to: "2026-11-04T00:00:00.000Z",
      timeZone: "UTC",
      conversionDefinition: CONVERSION_DEFINITION,
      totals: { views: 6, bookings: 6, viewedBookings: 4, bookingsWithoutView: 2, cancellations: 1, held: 5, showed: 2, noShows: 1, bookingRate: 0.6667, showRate: 0.6667 },
      rows: [
        { dimension: "link", key: ids.intro, views: 4, bookings: 4, viewedBookings: 3, bookingsWithoutView: 1, cancellations: 1, held: 4, showed: 1, noShows: 1, bookingRate: 0.75, showRate: 0.5 },
        { dimension: "link", key: ids.demo, views: 2, bookings: 1, viewedBookings: 1, bookingsWithoutView: 0, cancellations: 0, held: 0, showed: 0, noShows: 0, bookingRate: 0.5, showRate: null },
        { dimension: "link", key: ids.quiet, ...zeroFunnel },
        { dimension: "link", key: ids.retired, views: 0, bookings: 1, viewedBookings: 0, bookingsWithoutView: 1, cancellations: 0, held: 1, showed: 1, noShows: 0, bookingRate: null, showRate: 1 },
      ],
      days: [
        { date: "2026-11-01", views: 3, bookings: 3, viewedBookings: 2, bookingsWithoutView: 1, cancellations: 0, held: 1, showed: 0, noShows: 0, bookingRate: 0.6667, showRate: null },
        { date: "2026-11-02", views: 1, bookings: 2, viewedBookings: 1, bookingsWithoutView: 1, cancellations: 0, held: 2, showed: 2, noShows: 0, bookingRate: 1, showRate: 1 },
        { date: "2026-11-03", views: 2, bookings: 1, viewedBookings: 1, bookingsWithoutView: 0, cancellations: 1, held: 2, showed: 0, noShows: 1, bookingRate: 0.5, showRate: 0 },
      ],
    });
  });

  it("narrows to one link, rows and days alike", async () => {
    const response = await summary(`${WINDOW}&linkId=${ids.intro}`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.linkId).toBe(ids.intro);
    expect(body.totals).toEqual({ views: 4, bookings: 4, viewedBookings: 3, bookingsWithoutView: 1, cancellations: 1, held: 4, showed: 1, noShows: 1, bookingRate: 0.75, showRate: 0.5 });
    expect(body.rows).toEqual([{ dimension: "link", key: ids.intro, ...body.totals }]);
    expect(body.days).toEqual([
      { date: "2026-11-01", views: 3, bookings: 2, viewedBookings: 2, bookingsWithoutView: 0, cancellations: 0, held: 1, showed: 0, noShows: 0, bookingRate: 0.6667, showRate: null },
      { date: "2026-11-02", views: 1, bookings: 2, viewedBookings: 1, bookingsWithoutView: 1, cancellations: 0, held: 1, showed: 1, noShows: 0, bookingRate: 1, showRate: 1 },
      { date: "2026-11-03", views: 0, bookings: 0, viewedBookings: 0, bookingsWithoutView: 0, cancellations: 1, held: 2, showed: 0, noShows: 1, bookingRate: null, showRate: 0 },
    ]);
  });

  it("agrees with the per-link report on the measures both have", async () => {
    const perLink = (await t.app.inject({ method: "GET", url: `/api/v1/links/${ids.intro}/analytics${WINDOW}`, headers: bearer(t.owner) })).json();
    expect(perLink.totals).toEqual({ views: 4, bookings: 4, viewedBookings: 3, bookingsWithoutView: 1, conversionRate: 0.75, cancellations: 1, noShows: 1 });
    expect(perLink.days.map((day: { bookings: number }) => day.bookings)).toEqual([2, 2, 0]);
  });

  it("counts a meeting as held once it has started", async () => {
    const december = "?from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z&timeZone=UTC";
    expect((await summary(december)).json().totals).toEqual(zeroFunnel);
    const nowMs = t.clock.nowMs;
    try {
      t.clock.nowMs = Date.parse("2026-12-01T08:59:59Z");
      expect((await summary(december)).json().totals.held).toBe(0);
      t.clock.nowMs = Date.parse("2026-12-01T09:00:00Z");
      expect((await summary(december)).json().totals).toEqual({ ...zeroFunnel, held: 1 });
    } finally {
      t.clock.nowMs = nowMs;
    }
  });

  it("buckets by the caller's own zone by default, over the last 30 local days", async () => {
    const body = (await summary("")).json();
    expect(body.timeZone).toBe("Europe/Berlin");
    expect(body.from).toBe("2026-10-21T22:00:00.000Z"); // Oct 22, 00:00 CEST
    expect(body.to).toBe("2026-11-20T23:00:00.000Z"); // Nov 21, 00:00 CET
    expect(body.days).toHaveLength(30);
    // The Oct 31 23:59:59Z and Nov 4 views and the booking made Oct 25 fall inside these 30 days; the Dec 1 meeting does not.
    expect(body.totals).toEqual({ views: 8, bookings: 7, viewedBookings: 4, bookingsWithoutView: 3, cancellations: 2, held: 5, showed: 2, noShows: 1, bookingRate: 0.5, showRate: 0.6667 });
  });

  it("shows another organisation only its own", async () => {
    const body = (await summary(WINDOW, t.other)).json();
    expect(body.totals).toEqual({ views: 5, bookings: 1, viewedBookings: 0, bookingsWithoutView: 1, cancellations: 0, held: 1, showed: 0, noShows: 1, bookingRate: 0, showRate: 0 });
    expect(body.rows.map((row: { key: string }) => row.key)).toEqual([ids.elsewhere]);
  });

  it("answers 404 for another organisation's link, an unknown one and a deleted one", async () => {
    for (const linkId of [ids.elsewhere, "00000000-0000-4000-8000-000000000000", ids.retired]) {
      const response = await summary(`${WINDOW}&linkId=${linkId}`);
      expect(response.statusCode, linkId).toBe(404);
      expect(response.json().code, linkId).toBe("NOT_FOUND");
    }
  });

  it("refuses a backwards or empty window, one over 366 days, dates without a time, an unknown zone and a malformed link id", async () => {
    const cases: [string, string, string][] = [
      ["?from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z", "VALIDATION_FAILED", "query.to: must be after from"],
      ["?from=2026-11-01T00:00:00Z&to=2026-11-01T00:00:00Z", "VALIDATION_FAILED", "query.to: must be after from"],
      ["?from=2025-01-01T00:00:00Z&to=2026-01-03T00:00:00Z", "WINDOW_TOO_LONG", "Analytics cover at most 366 days; narrow from and to."],
      ["?from=2026-11-01", "VALIDATION_FAILED", "querystring.from: an ISO 8601 instant with a zone, e.g. 2026-12-01T14:00:00Z"],
      ["?timeZone=Atlantis/Capital", "UNKNOWN_TIME_ZONE", ""],
      ["?linkId=intro", "VALIDATION_FAILED", ""],
      ["?campaign=spring", "VALIDATION_FAILED", ""],
    ];
    for (const [query, code, detail] of cases) {
      const response = await summary(query);
      expect(response.statusCode, query).toBe(400);
      expect(response.headers["content-type"], query).toMatch(/^application\/problem\+json/);
      expect(response.json().code, query).toBe(code);
      if (detail) expect(response.json().detail, query).toBe(detail);
    }
    expect((await summary("?from=2025-01-01T00:00:00Z&to=2026-01-02T00:00:00Z")).statusCode).toBe(200);
  });

  it("needs a signed-in caller", async () => {
    const response = await t.app.inject({ method: "GET", url: `/api/v1/analytics${WINDOW}` });
    expect(response.statusCode).toBe(401);
    expect(response.json().code).toBe("UNAUTHENTICATED");
  });
});
