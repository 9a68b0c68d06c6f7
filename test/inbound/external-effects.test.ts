// What an external booking causes beyond itself: the calendar and contacts
// channels leave it alone (the provider put it in the calendar and knows the
// invitee), and the analytics funnel counts it under its source.
import { expect, it } from "vitest";
import { calendarChannel } from "../../src/use-cases/deliveries/calendar-channel.js";
import { contactsChannel } from "../../src/use-cases/deliveries/contacts-channel.js";
import { connectCalendar } from "../../src/use-cases/calendars/connections.js";
import { describeOnEngines } from "../support/engines.js";
import { bearer, useTestApp } from "../support/test-app.js";
import { createLinkAndBook } from "../support/booking-fixtures.js";
import { tenantIdOf } from "../support/analytics-fixtures.js";
import { calcomDelivery } from "../fakes/calcom/calcom-deliveries.js";
import { makeSource, postCalcom, rows } from "./inbound-test-support.js";

describeOnEngines("external bookings' effects", (engine) => {
  const t = useTestApp(engine, { owners: { owner: "effects-owner" } });

  it("plans calendar writes and contacts for a Convene booking only", async () => {
    const tenantId = await tenantIdOf(t.app, t.owner);
    const accountId = `effects-${engine}`;
    t.calendarServer.addCalendar(accountId, { name: "primary" });
    const ctx = { auth: { tenantId, userId: t.owner.userId, role: "owner" as const, actor: { type: "user" as const, id: t.owner.userId }, sessionId: null, csrfToken: null }, ip: null, nowMs: t.clock.nowMs };
    const connection = await connectCalendar(t.deps, ctx, { kind: "memory", accountId }, { provider: "google", label: accountId, serverUrl: "memory:", username: null });
    // Set in the row: the PATCH would ask Google for the contacts scope first.
    await rows(t, "update calendar_connections set create_contacts = true where id = $1", [connection.id]);
    const { booking: convene } = await createLinkAndBook(t.app, t.owner);
    const source = await makeSource(t.app, t.owner);
    await postCalcom(t.app, source, calcomDelivery.created({ uid: "effects-1", startTime: "2026-11-25T15:00:00.000Z", endTime: "2026-11-25T15:30:00.000Z" }, "2026-11-20T12:00:00.000Z"));
    const [external] = await rows<{ id: string }>(t, "select id from bookings where inbound_source_id = $1", [source.id]);
    const planFor = async (bookingId: string) => {
      const booking = (await t.deps.store.bookings.get(tenantId, bookingId))!;
      const [event] = await t.deps.store.bookingEvents.listForBooking(tenantId, bookingId);
      return t.deps.store.transaction(async (repos) => ({
        calendar: (await calendarChannel(t.deps).plan(repos, tenantId, event!, booking)).deliveries.length,
        contacts: (await contactsChannel(t.deps).plan(repos, tenantId, event!, booking)).deliveries.length,
      }));
    };
    expect(await planFor((convene as { id: string }).id)).toEqual({ calendar: 1, contacts: 1 });
    expect(await planFor(external!.id)).toEqual({ calendar: 0, contacts: 0 });
  });

  it("counts external bookings in the funnel under their source's key", async () => {
    const source = await makeSource(t.app, t.owner);
    const fields = (uid: string) => ({ uid, startTime: "2026-11-18T15:00:00.000Z", endTime: "2026-11-18T15:30:00.000Z" });
    await postCalcom(t.app, source, calcomDelivery.created(fields("funnel-1"), "2026-11-20T12:00:00.000Z"));
    await postCalcom(t.app, source, calcomDelivery.created(fields("funnel-2"), "2026-11-20T12:00:00.000Z"));
    await postCalcom(t.app, source, calcomDelivery.noShow({ uid: "funnel-2", noShow: true }, "2026-11-20T12:00:01.000Z"));
    await postCalcom(t.app, source, calcomDelivery.created(fields("funnel-3"), "2026-11-20T12:00:00.000Z"));
    await postCalcom(t.app, source, calcomDelivery.cancelled(fields("funnel-3"), "2026-11-20T12:00:02.000Z"));
    const response = await t.app.inject({ method: "GET", url: "/api/v1/analytics?from=2026-11-01T00:00:00Z&to=2026-11-30T00:00:00Z&timeZone=UTC", headers: bearer(t.owner) });
    expect(response.statusCode, response.body).toBe(200);
    const row = response.json().rows.find((one: { key: string }) => one.key === `source:${source.id}`);
    expect(row).toMatchObject({ bookings: 3, cancellations: 1, held: 2, showed: 0, noShows: 1 });
  });
});
