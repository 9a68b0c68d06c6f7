// Bookings matched to leads through the leads channel: by the one-time link's
// lead, then every attendee's address (case and spaces aside, a group's
// attendees each on their own), Convene's own bookings and external ones; the
// rest queued; the latest booking decides each lead's status; running the
// channel again changes nothing; a lead created later claims its bookings.
import { expect, it } from "vitest";
import { claimEarlierBookings } from "../../src/use-cases/leads/claim-earlier-bookings.js";
import { LEADS_CHANNEL, leadsChannel } from "../../src/use-cases/deliveries/leads-channel.js";
import { book, createLink, managePath } from "../support/booking-fixtures.js";
import { describeOnEngines } from "../support/engines.js";
import { bookingLeadsOf, insertExternalBooking, insertLead, leadRow, runLeadsChannel, tenantIdOf, unmatchedOf } from "../support/lead-fixtures.js";
import { bearer, useTestApp } from "../support/test-app.js";

describeOnEngines("matching bookings to leads", (engine) => {
  const t = useTestApp(engine, { owners: { owner: "matching" } });

  it("matches each attendee of a group booking by address, queues the rest, and follows the latest booking", async () => {
    const tenantId = await tenantIdOf(t, t.owner);
    const ada = await insertLead(t, tenantId, { email: "Ada@Example.com", name: "Ada Lovelace" });
    const bob = await insertLead(t, tenantId, { email: "bob@acme.io" });
    const link = await createLink(t.app, t.owner, { slug: "group-match" });
    const first = await book(t.app, link.apiPath, "2026-12-01T14:00:00.000Z", { email: "ADA@example.COM", guests: ["BOB@Acme.io", "carol@acme.io"] });
    expect(first.statusCode, first.body).toBe(201);
    const booking = first.json() as { id: string; manageApiUrl: string };

    expect(await runLeadsChannel(t)).toBe(1);
    expect(await bookingLeadsOf(t, booking.id)).toEqual([
      { lead_id: ada, attendee_email: "ada@example.com", matched_by: "email" },
      { lead_id: bob, attendee_email: "BOB@Acme.io", matched_by: "email" },
    ]);
    expect(await unmatchedOf(t, booking.id)).toEqual([{ email_key: "carol@acme.io", state: "open", lead_id: null }]);
    expect(await leadRow(t, ada)).toEqual({ status: "meeting_booked", latest_booking_id: booking.id });
    expect((await leadRow(t, bob)).status).toBe("meeting_booked");

    // The same delivery again (a worker killed after committing): nothing new.
    const { rows } = await t.database.executeSql(`select id, event_id from deliveries where channel = $1 and booking_id = $2`, [LEADS_CHANNEL, booking.id]);
    const delivery = (await t.deps.store.deliveries.getForDelivery((rows[0] as { id: string }).id))!;
    const event = await t.deps.store.bookingEvents.getForDelivery((rows[0] as { event_id: string }).event_id);
    expect(await leadsChannel(t.deps).deliver(tenantId, { ...delivery, bookingId: booking.id }, event, t.clock.nowMs)).toBe("sent");
    expect(await bookingLeadsOf(t, booking.id)).toHaveLength(2);
    expect(await unmatchedOf(t, booking.id)).toHaveLength(1);
    const transitions = await t.deps.store.leadStates.listTransitions(tenantId, ada);
    expect(transitions.map(({ from, to, cause, causeRef }) => [from, to, cause, causeRef])).toEqual([["new", "meeting_booked", "booking", event!.id]]);

    // Cancelled, then booked again: the lead counts by the latest booking.
    const cancelled = await t.app.inject({ method: "POST", url: `${managePath(booking.manageApiUrl)}/cancel`, payload: {} });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(await runLeadsChannel(t)).toBe(1);
    expect(await leadRow(t, ada)).toEqual({ status: "meeting_cancelled", latest_booking_id: booking.id });
    t.clock.nowMs += 60_000;
    const second = await book(t.app, link.apiPath, "2026-12-02T14:00:00.000Z", { email: "ada@example.com" });
    expect(second.statusCode, second.body).toBe(201);
    await runLeadsChannel(t);
    expect(await leadRow(t, ada)).toEqual({ status: "meeting_booked", latest_booking_id: second.json().id });
    // Bob was not at the second meeting: his latest is the cancelled one.
    expect((await leadRow(t, bob)).status).toBe("meeting_cancelled");
  });

  it("gives a one-time link's booking to the link's lead whatever address the invitee typed", async () => {
    const tenantId = await tenantIdOf(t, t.owner);
    const lead = await insertLead(t, tenantId, { email: "grace@hopper.dev", name: "Grace Hopper" });
    const link = await createLink(t.app, t.owner, { slug: "one-time-match" });
    const created = await t.app.inject({ method: "POST", url: `/api/v1/links/${link.id}/one-time`, headers: bearer(t.owner), payload: { recipient: { email: "grace@hopper.dev", name: "Grace Hopper" } } });
    expect(created.statusCode, created.body).toBe(201);
    const oneTime = created.json() as { id: string; apiUrl: string };
    await t.database.executeSql(`update one_time_links set lead_id = $1 where id = $2`, [lead, oneTime.id]);
    const booked = await book(t.app, new URL(oneTime.apiUrl).pathname, "2026-12-03T15:00:00.000Z", { email: "g.hopper@navy.example", name: "Grace Hopper" });
    expect(booked.statusCode, booked.body).toBe(201);

    await runLeadsChannel(t);
    expect(await bookingLeadsOf(t, booked.json().id)).toEqual([{ lead_id: lead, attendee_email: "g.hopper@navy.example", matched_by: "one_time_link" }]);
    expect(await unmatchedOf(t, booked.json().id)).toEqual([]);
    expect((await leadRow(t, lead)).status).toBe("meeting_booked");
  });

  it("matches external bookings (no link) the same way, and a lead created later claims its earlier bookings", async () => {
    const tenantId = await tenantIdOf(t, t.owner);
    const known = await insertLead(t, tenantId, { email: "known@client.io" });
    const bookingId = await insertExternalBooking(t, tenantId, t.owner, {
      source: "calendly",
      inviteeEmail: "Late@Client.io",
      inviteeName: "Lee Late",
      guests: ["known@client.io"],
      startMs: Date.parse("2026-12-04T10:00:00Z"),
      createdAtMs: t.clock.nowMs,
    });
    await runLeadsChannel(t);
    expect(await bookingLeadsOf(t, bookingId)).toEqual([{ lead_id: known, attendee_email: "known@client.io", matched_by: "email" }]);
    expect(await unmatchedOf(t, bookingId)).toEqual([{ email_key: "late@client.io", state: "open", lead_id: null }]);

    const late = await insertLead(t, tenantId, { email: " late@client.IO" });
    const other = await insertLead(t, tenantId, { email: "nobody@client.io" });
    expect(await t.deps.store.transaction((repos) => claimEarlierBookings(repos, tenantId, [late, other], t.clock.nowMs))).toBe(1);
    expect(await bookingLeadsOf(t, bookingId)).toContainEqual({ lead_id: late, attendee_email: "Late@Client.io", matched_by: "claimed" });
    expect(await unmatchedOf(t, bookingId)).toEqual([{ email_key: "late@client.io", state: "confirmed", lead_id: late }]);
    expect(await leadRow(t, late)).toEqual({ status: "meeting_booked", latest_booking_id: bookingId });
    expect((await leadRow(t, other)).status).toBe("new");
    // Claimed once: again, nothing is open for it.
    expect(await t.deps.store.transaction((repos) => claimEarlierBookings(repos, tenantId, [late], t.clock.nowMs))).toBe(0);
    const transitions = await t.deps.store.leadStates.listTransitions(tenantId, late);
    expect(transitions.map(({ to, cause }) => [to, cause])).toEqual([["meeting_booked", "booking"]]);
  });
});
