// Link analytics: views, bookings, conversion, cancellations and no-shows per local day,
// across a DST change, in the link's zone or another, over the default or a given window.
import { randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import type { TenantId } from "../../src/core/tenancy.js";
import { CONVERSION_DEFINITION } from "../../src/core/funnel/view-attribution.js";
import { insertBooking, tenantIdOf, type PastBooking } from "../support/analytics-fixtures.js";
import { describeOnEngines } from "../support/engines.js";
import { bearer, useTestApp, type Owner } from "../support/test-app.js";

describeOnEngines("link analytics", (engine) => {
  const t = useTestApp(engine, { owners: { owner: "analytics", other: "analytics-other" } });
  let tenantId: TenantId;
  let linkId: string;
  let otherLinkId: string;

  async function view(atIso: string, options: { linkId?: string; oneTimeLinkId?: string | null } = {}): Promise<number> {
    return await t.deps.store.linkViews.record(tenantId, { linkId: options.linkId ?? linkId, oneTimeLinkId: options.oneTimeLinkId ?? null, referrer: "https://example.com/", atMs: Date.parse(atIso) });
  }

  async function booking(row: Partial<PastBooking> & { createdAt: string }) {
    await insertBooking(t.database, tenantId, { linkId, startAt: "2026-12-01T15:00:00Z", ...row });
  }

  const analytics = (query: string, who: Owner = t.owner, id = linkId) => t.app.inject({ method: "GET", url: `/api/v1/links/${id}/analytics${query}`, headers: bearer(who) });

  beforeAll(async () => {
    const post = (payload: object) => t.app.inject({ method: "POST", url: "/api/v1/links", headers: bearer(t.owner), payload });
    linkId = (await post({ title: "Funnel", slug: "funnel", durationsMin: [30], timeZone: "America/New_York" })).json().id;
    otherLinkId = (await post({ title: "Elsewhere", durationsMin: [30] })).json().id;
    tenantId = await tenantIdOf(t.app, t.owner);

    // New York leaves DST on 2026-11-01 at 02:00 EDT: that local day is 25 hours long (04:00Z to 05:00Z next day).
    await view("2026-10-31T03:59:59Z"); // Oct 30, 23:59 EDT: before the window
    const oct31 = await view("2026-10-31T04:00:00Z"); // Oct 31, 00:00 EDT
    await view("2026-11-01T04:30:00Z"); // Nov 1, 00:30 EDT
    const lateNov1 = await view("2026-11-02T04:30:00Z"); // Nov 1, 23:30 EST: still Nov 1 thanks to the extra hour
    await view("2026-11-02T05:00:00Z"); // Nov 2, 00:00 EST
    await view("2026-11-02T12:00:00Z", { oneTimeLinkId: randomUUID() }); // Nov 2, through a one-time link
    await view("2026-11-03T05:00:00Z"); // Nov 3, 00:00 EST: the window's end is exclusive
    await view("2026-11-01T12:00:00Z", { linkId: otherLinkId }); // another link

    await booking({ createdAt: "2026-11-01T04:30:00Z" }); // made Nov 1, through the API (no page view)
    await booking({ createdAt: "2026-11-02T04:59:00Z", status: "cancelled", cancelledAt: "2026-11-02T05:00:00Z", linkViewId: lateNov1 }); // made Nov 1 from a view, cancelled Nov 2
    await booking({ createdAt: "2026-10-20T12:00:00Z", status: "no_show", startAt: "2026-10-31T14:00:00Z" }); // no-show on Oct 31
    await booking({ createdAt: "2026-10-31T12:00:00Z", status: "no_show", startAt: "2026-11-05T14:00:00Z", linkViewId: oct31 }); // made Oct 31 from a view; no-show after the window
    await booking({ createdAt: "2026-11-01T12:00:00Z", linkId: otherLinkId }); // another link
  });

  it("counts per local day in the link's zone, with the 25-hour DST day holding its late views", async () => {
    const response = await analytics("?from=2026-10-31T04:00:00Z&to=2026-11-03T05:00:00Z");
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      linkId,
      from: "2026-10-31T04:00:00.000Z",
      to: "2026-11-03T05:00:00.000Z",
      timeZone: "America/New_York",
      conversionDefinition: CONVERSION_DEFINITION,
      totals: { views: 5, bookings: 3, viewedBookings: 2, bookingsWithoutView: 1, conversionRate: 0.4, cancellations: 1, noShows: 1 },
      days: [
        { date: "2026-10-31", views: 1, bookings: 1, viewedBookings: 1, bookingsWithoutView: 0, conversionRate: 1, cancellations: 0, noShows: 1 },
        { date: "2026-11-01", views: 2, bookings: 2, viewedBookings: 1, bookingsWithoutView: 1, conversionRate: 0.5, cancellations: 0, noShows: 0 },
        { date: "2026-11-02", views: 2, bookings: 0, viewedBookings: 0, bookingsWithoutView: 0, conversionRate: 0, cancellations: 1, noShows: 0 },
      ],
    });
  });

  it("buckets by another zone when asked, partial first and last days included", async () => {
    const response = await analytics("?from=2026-10-31T04:00:00Z&to=2026-11-03T05:00:00Z&timeZone=UTC");
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.timeZone).toBe("UTC");
    expect(body.days.map((day: { date: string; views: number; bookings: number }) => [day.date, day.views, day.bookings])).toEqual([
      ["2026-10-31", 1, 1],
      ["2026-11-01", 1, 1],
      ["2026-11-02", 3, 1],
      ["2026-11-03", 0, 0],
    ]);
    expect(body.totals).toEqual({ views: 5, bookings: 3, viewedBookings: 2, bookingsWithoutView: 1, conversionRate: 0.4, cancellations: 1, noShows: 1 });
  });

  it("rounds the conversion rate to 4 decimals and gives 0 without views", async () => {
    const response = await analytics("?from=2026-11-01T04:00:00Z&to=2026-11-03T05:00:00Z&timeZone=Europe/Berlin");
    const body = response.json();
    // Berlin: Nov 1 05:00 – 23:00Z is Nov 1; Nov 1 23:00Z on is Nov 2. Nov 1's booking came through the API: no conversion.
    expect(body.days.map((day: { date: string; views: number; bookings: number; conversionRate: number }) => [day.date, day.views, day.bookings, day.conversionRate])).toEqual([
      ["2026-11-01", 1, 1, 0],
      ["2026-11-02", 3, 1, 0.3333],
      ["2026-11-03", 0, 0, 0],
    ]);
  });

  it("defaults to the last 30 local days, today included", async () => {
    await view("2026-11-20T11:00:00Z"); // today, 06:00 EST
    const body = (await analytics("")).json();
    expect(body.from).toBe("2026-10-22T04:00:00.000Z"); // Oct 22, 00:00 EDT
    expect(body.to).toBe("2026-11-21T05:00:00.000Z"); // Nov 21, 00:00 EST
    expect(body.days).toHaveLength(30);
    expect(body.days.at(-1)).toMatchObject({ date: "2026-11-20", views: 1 });
    // Every view but the other link's; bookings made Oct 31 and Nov 1 (not Oct 20); both no-shows (Oct 31, Nov 5).
    expect(body.totals).toMatchObject({ views: 8, bookings: 3, cancellations: 1, noShows: 2 });
  });

  it("counts a view recorded by the public booking page", async () => {
    const handle = (await t.app.inject({ method: "GET", url: "/api/v1/me", headers: bearer(t.owner) })).json().user.handle;
    const before = (await analytics("")).json().totals.views;
    const page = await t.app.inject({ method: "GET", url: `/api/v1/public/links/${handle}/funnel`, headers: { referer: "https://news.example/" } });
    expect(page.statusCode, page.body).toBe(200);
    expect((await analytics("")).json().totals.views).toBe(before + 1);
  });

  it("refuses a backwards window, one over 366 days, an unknown zone and malformed instants", async () => {
    const cases: [string, number, string][] = [
      ["?from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z", 400, "VALIDATION_FAILED"],
      ["?from=2026-11-01T00:00:00Z&to=2026-11-01T00:00:00Z", 400, "VALIDATION_FAILED"],
      ["?from=2025-01-01T00:00:00Z&to=2026-01-03T00:00:00Z", 400, "WINDOW_TOO_LONG"],
      ["?timeZone=Atlantis/Capital", 400, "UNKNOWN_TIME_ZONE"],
      ["?from=yesterday", 400, "VALIDATION_FAILED"],
      ["?from=2026-11-01", 400, "VALIDATION_FAILED"],
      ["?colour=blue", 400, "VALIDATION_FAILED"],
    ];
    for (const [query, status, code] of cases) {
      const response = await analytics(query);
      expect(response.statusCode, query).toBe(status);
      expect(response.json().code, query).toBe(code);
    }
    expect((await analytics("?from=2025-01-01T00:00:00Z&to=2026-01-02T00:00:00Z")).statusCode).toBe(200);
  });

  it("answers 404 for an unknown link and for another organisation's", async () => {
    for (const [who, id] of [
      [t.other, linkId],
      [t.owner, "00000000-0000-4000-8000-000000000000"],
    ] as const) {
      const response = await analytics("", who, id);
      expect(response.statusCode).toBe(404);
      expect(response.json().code).toBe("NOT_FOUND");
    }
  });
});
