// The unmatched queue over the API: attendees no lead matched, newest first,
// with their booking and ranked suggestions; confirming one matches the
// booking to the lead (its status follows, audited), dismissing closes it;
// each entry is resolved once; other organisations and members see only
// their own.
import { expect, it } from "vitest";
import { book, createLink } from "../support/booking-fixtures.js";
import { describeOnEngines } from "../support/engines.js";
import { addMember, bookingLeadsOf, insertExternalBooking, insertLead, leadRow, runLeadsChannel, tenantIdOf } from "../support/lead-fixtures.js";
import { bearer, useTestApp } from "../support/test-app.js";

type Entry = { id: string; email: string; name: string | null; booking: { id: string; source: string; title: string | null; start: string }; suggestions: { id: string; reason: string; email: string }[] };

describeOnEngines("the unmatched queue", (engine) => {
  const t = useTestApp(engine, { owners: { owner: "unmatched", stranger: "stranger" } });

  const list = async (headers: Record<string, string>): Promise<Entry[]> => {
    const response = await t.app.inject({ method: "GET", url: "/api/v1/unmatched", headers });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().items;
  };

  it("lists unmatched attendees with suggestions, and confirms or dismisses each once", async () => {
    const tenantId = await tenantIdOf(t, t.owner);
    const sameName = await insertLead(t, tenantId, { email: "ada.l@gmail.com", name: "Ada  Lovelace", createdAt: "2026-11-01T00:00:00Z" });
    const sameDomain = await insertLead(t, tenantId, { email: "ceo@analytical.io", name: "Charles Babbage", createdAt: "2026-11-02T00:00:00Z" });
    await insertLead(t, tenantId, { email: "someone@gmail.com", name: "Some One" });
    const link = await createLink(t.app, t.owner, { slug: "queue", title: "Intro call" });
    const booked = await book(t.app, link.apiPath, "2026-12-01T14:00:00.000Z", { email: "ada@analytical.io", name: "Ada Lovelace", guests: ["guest@gmail.com"] });
    expect(booked.statusCode, booked.body).toBe(201);
    const bookingId = booked.json().id as string;
    t.clock.nowMs += 60_000;
    const externalId = await insertExternalBooking(t, tenantId, t.owner, { source: "calcom", inviteeEmail: "zed@nowhere.example", inviteeName: "Zed", startMs: Date.parse("2026-12-05T10:00:00Z"), createdAtMs: t.clock.nowMs, title: "Cal.com demo" });
    await runLeadsChannel(t);

    const entries = await list(bearer(t.owner));
    // Newest first: the external booking's invitee was queued a minute later.
    expect(entries.map((entry) => [entry.email, entry.booking.id, entry.booking.source, entry.booking.title])).toEqual([
      ["zed@nowhere.example", externalId, "calcom", "Cal.com demo"],
      ["ada@analytical.io", bookingId, "convene", "Intro call"],
      ["guest@gmail.com", bookingId, "convene", "Intro call"],
    ]);
    const ada = entries[1]!;
    expect(ada.name).toBe("Ada Lovelace");
    expect(ada.suggestions.map((s) => [s.id, s.reason])).toEqual([
      [sameName, "name"],
      [sameDomain, "domain"],
    ]);
    // A public mail domain suggests nobody.
    expect(entries[2]!.suggestions).toEqual([]);
    expect((await list(bearer(t.stranger))).length).toBe(0);

    // Another organisation cannot resolve it; an unknown lead is refused.
    expect((await t.app.inject({ method: "POST", url: `/api/v1/unmatched/${ada.id}/confirm`, headers: bearer(t.stranger), payload: { leadId: sameName } })).statusCode).toBe(404);
    const unknownLead = await t.app.inject({ method: "POST", url: `/api/v1/unmatched/${ada.id}/confirm`, headers: bearer(t.owner), payload: { leadId: "00000000-0000-4000-8000-000000000000" } });
    expect([unknownLead.statusCode, unknownLead.json().code]).toEqual([422, "LEAD_NOT_FOUND"]);

    const confirmed = await t.app.inject({ method: "POST", url: `/api/v1/unmatched/${ada.id}/confirm`, headers: bearer(t.owner), payload: { leadId: sameName } });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toEqual({ id: ada.id, bookingId, state: "confirmed", leadId: sameName });
    expect(await bookingLeadsOf(t, bookingId)).toEqual([{ lead_id: sameName, attendee_email: "ada@analytical.io", matched_by: "confirmed" }]);
    expect(await leadRow(t, sameName)).toEqual({ status: "meeting_booked", latest_booking_id: bookingId });
    const transitions = await t.deps.store.leadStates.listTransitions(tenantId, sameName);
    expect(transitions.map(({ to, cause, causeRef }) => [to, cause, causeRef])).toEqual([["meeting_booked", "owner", t.owner.userId]]);
    const again = await t.app.inject({ method: "POST", url: `/api/v1/unmatched/${ada.id}/dismiss`, headers: bearer(t.owner) });
    expect([again.statusCode, again.json().code]).toEqual([409, "UNMATCHED_ALREADY_RESOLVED"]);

    const dismissed = await t.app.inject({ method: "POST", url: `/api/v1/unmatched/${entries[2]!.id}/dismiss`, headers: bearer(t.owner) });
    expect(dismissed.json()).toEqual({ id: entries[2]!.id, bookingId, state: "dismissed", leadId: null });
    expect((await list(bearer(t.owner))).map((entry) => entry.email)).toEqual(["zed@nowhere.example"]);
    const audit = await t.database.executeSql(`select action, target_id from audit_log where tenant_id = $1 and action like 'unmatched.%' order by id`, [tenantId]);
    expect(audit.rows).toEqual([
      { action: "unmatched.confirmed", target_id: bookingId },
      { action: "unmatched.dismissed", target_id: bookingId },
    ]);

    // The confirmed lead follows the booking's later changes through the channel.
    const cancel = await t.app.inject({ method: "POST", url: `/api/v1/bookings/${bookingId}/cancel`, headers: bearer(t.owner), payload: {} });
    expect(cancel.statusCode, cancel.body).toBe(200);
    await runLeadsChannel(t);
    expect((await leadRow(t, sameName)).status).toBe("meeting_cancelled");
  });

  it("shows a member only attendees of bookings they host, and lets them confirm only to their own leads", async () => {
    const tenantId = await tenantIdOf(t, t.owner);
    const member = await addMember(t, t.owner, "queue-member");
    const theirs = await insertLead(t, tenantId, { email: "m1@member-co.io", name: "Mia", ownerUserId: member.userId });
    const owners = await insertLead(t, tenantId, { email: "m2@member-co.io", name: "Max" });
    const bookingId = await insertExternalBooking(t, tenantId, member, { source: "calendly", inviteeEmail: "mia@member-co.io", inviteeName: "Mia", startMs: Date.parse("2026-12-07T10:00:00Z"), createdAtMs: t.clock.nowMs });
    await runLeadsChannel(t);
    const seen = await list(bearer(member));
    expect(seen.map((entry) => entry.booking.id)).toEqual([bookingId]);
    // Suggestions among the member's own leads only.
    expect(seen[0]!.suggestions.map((s) => s.id)).toEqual([theirs]);
    const foreign = await t.app.inject({ method: "POST", url: `/api/v1/unmatched/${seen[0]!.id}/confirm`, headers: bearer(member), payload: { leadId: owners } });
    expect(foreign.statusCode).toBe(422);
    const own = await t.app.inject({ method: "POST", url: `/api/v1/unmatched/${seen[0]!.id}/confirm`, headers: bearer(member), payload: { leadId: theirs } });
    expect(own.statusCode, own.body).toBe(200);
    // Two owners resolving one entry at once: the entry's row is held, so one wins and the other is told (a real race on PostgreSQL).
    const bookingTwo = await insertExternalBooking(t, tenantId, t.owner, { source: "calcom", inviteeEmail: "race@member-co.io", inviteeName: "Mia", startMs: Date.parse("2026-12-08T10:00:00Z"), createdAtMs: t.clock.nowMs });
    await runLeadsChannel(t);
    const raced = (await list(bearer(t.owner))).find((entry) => entry.booking.id === bookingTwo)!;
    const answers = await Promise.all([
      t.app.inject({ method: "POST", url: `/api/v1/unmatched/${raced.id}/confirm`, headers: bearer(t.owner), payload: { leadId: owners } }),
      t.app.inject({ method: "POST", url: `/api/v1/unmatched/${raced.id}/dismiss`, headers: bearer(t.owner) }),
    ]);
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 409]);
    const loser = answers.find((answer) => answer.statusCode === 409)!;
    expect(loser.json().code).toBe("UNMATCHED_ALREADY_RESOLVED");
    // The owner's queue has the organisation's entries; none of them is the member's resolved one.
    expect((await list(bearer(t.owner))).map((entry) => entry.id)).not.toContain(seen[0]!.id);
  });
});
