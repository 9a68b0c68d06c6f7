// Conversion counts only bookings made from a viewed booking page: the page's
// answer carries a viewId, the booking sends it back, and only a recent view
// of the same link is kept. Bookings without one (the API, a forged or foreign
// viewId) still count as bookings, never as an error.
import { expect, it } from "vitest";
import { CONVERSION_DEFINITION } from "../../src/core/funnel/view-attribution.js";
import { book, createLink } from "../support/booking-fixtures.js";
import { describeOnEngines } from "../support/engines.js";
import { bearer, useTestApp } from "../support/test-app.js";

// The test clock stands at 2026-11-20T12:00Z; every link is hosted by the one owner, so each booking takes its own time.
describeOnEngines("conversion from page views", (engine) => {
  const t = useTestApp(engine, { owners: { owner: "conversion" } });

  async function openPage(apiPath: string): Promise<string> {
    const page = await t.app.inject({ method: "GET", url: apiPath });
    expect(page.statusCode, page.body).toBe(200);
    return page.json().viewId;
  }

  async function bookOk(apiPath: string, start: string, viewId?: string) {
    const response = await book(t.app, apiPath, start, viewId === undefined ? {} : { viewId });
    expect(response.statusCode, response.body).toBe(201);
  }

  async function linkTotals(linkId: string) {
    const response = await t.app.inject({ method: "GET", url: `/api/v1/links/${linkId}/analytics`, headers: bearer(t.owner) });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().totals;
  }

  it("counts a booking made from the page it opened, and says what conversion measures", async () => {
    const link = await createLink(t.app, t.owner, { slug: "from-page" });
    const viewId = await openPage(link.apiPath);
    // Opaque: not the view's row number.
    expect(viewId).not.toMatch(/^\d+$/);
    await bookOk(link.apiPath, "2026-12-01T14:00:00.000Z", viewId);

    expect(await linkTotals(link.id)).toEqual({ views: 1, bookings: 1, viewedBookings: 1, bookingsWithoutView: 0, conversionRate: 1, cancellations: 0, noShows: 0 });
    const summary = (await t.app.inject({ method: "GET", url: `/api/v1/analytics?linkId=${link.id}`, headers: bearer(t.owner) })).json();
    expect(summary.conversionDefinition).toBe(CONVERSION_DEFINITION);
    expect(summary.totals).toMatchObject({ views: 1, bookings: 1, viewedBookings: 1, bookingsWithoutView: 0, bookingRate: 1 });
  });

  it("counts a booking through the API without a viewId as a booking, not as a conversion", async () => {
    const link = await createLink(t.app, t.owner, { slug: "through-api" });
    await openPage(link.apiPath);
    await bookOk(link.apiPath, "2026-12-01T14:30:00.000Z");
    expect(await linkTotals(link.id)).toMatchObject({ views: 1, bookings: 1, viewedBookings: 0, bookingsWithoutView: 1, conversionRate: 0 });
  });

  it("ignores a viewId of another link, and one that is forged or malformed", async () => {
    const link = await createLink(t.app, t.owner, { slug: "booked-here" });
    const other = await createLink(t.app, t.owner, { slug: "viewed-there" });
    const otherViewId = await openPage(other.apiPath);
    const ownViewId = await openPage(link.apiPath);
    await bookOk(link.apiPath, "2026-12-01T15:00:00.000Z", otherViewId);
    await bookOk(link.apiPath, "2026-12-01T15:30:00.000Z", "not-a-view");
    // The same sealed view with one character changed no longer opens.
    const tampered = ownViewId.slice(0, -2) + (ownViewId.at(-2) === "A" ? "B" : "A") + ownViewId.at(-1);
    await bookOk(link.apiPath, "2026-12-01T16:00:00.000Z", tampered);

    expect(await linkTotals(link.id)).toMatchObject({ views: 1, bookings: 3, viewedBookings: 0, bookingsWithoutView: 3, conversionRate: 0 });
    expect(await linkTotals(other.id)).toMatchObject({ views: 1, bookings: 0, viewedBookings: 0 });
  });

  it("ignores a view older than a day", async () => {
    const link = await createLink(t.app, t.owner, { slug: "left-open" });
    const viewId = await openPage(link.apiPath);
    const nowMs = t.clock.nowMs;
    try {
      t.clock.nowMs = nowMs + 24 * 3_600_000 + 1;
      await bookOk(link.apiPath, "2026-12-01T16:30:00.000Z", viewId);
    } finally {
      t.clock.nowMs = nowMs;
    }
    const totals = (await t.app.inject({ method: "GET", url: `/api/v1/links/${link.id}/analytics?from=2026-11-19T00:00:00Z&to=2026-11-23T00:00:00Z`, headers: bearer(t.owner) })).json().totals;
    expect(totals).toMatchObject({ views: 1, bookings: 1, viewedBookings: 0, bookingsWithoutView: 1 });
  });

  it("refuses a viewId that is not a short string like any other bad field", async () => {
    const link = await createLink(t.app, t.owner, { slug: "bad-field" });
    const response = await book(t.app, link.apiPath, "2026-12-01T17:00:00.000Z", { viewId: 42 });
    expect([response.statusCode, response.json().code]).toEqual([400, "VALIDATION_FAILED"]);
  });
});
