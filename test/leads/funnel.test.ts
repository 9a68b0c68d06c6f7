// The lead funnel on a seeded organisation whose numbers are worked out by
// hand below (per lead, what each one counts for), on every engine: distinct
// leads per stage in the window, rebooking counted once, the rates, per
// campaign, a campaign filter, a member's own leads, and the sources' health.
import { expect, it } from "vitest";
import { describeOnEngines } from "../support/engines.js";
import { addMember, insertCampaign, insertExternalBooking, insertLead, runLeadsChannel, tenantIdOf } from "../support/lead-fixtures.js";
import { bearer, useTestApp } from "../support/test-app.js";

const FROM = "2026-11-01T00:00:00.000Z";
const TO = "2026-12-01T00:00:00.000Z";
const ms = (iso: string) => Date.parse(iso);

describeOnEngines("the lead funnel", (engine) => {
  const t = useTestApp(engine, { owners: { owner: "funnel", stranger: "funnel-stranger" } });

  it("counts distinct leads per stage and campaign, rates them, and says which sources are stale", async () => {
    const tenantId = await tenantIdOf(t, t.owner);
    const member = await addMember(t, t.owner, "funnel-member");
    const spring = await insertCampaign(t, tenantId, "Spring");
    const autumn = await insertCampaign(t, tenantId, "Autumn");
    await insertCampaign(t, tenantId, "Untouched");
    const lead = (n: number, campaignId: string | undefined, ownerUserId?: string) => insertLead(t, tenantId, { email: `l${n}@lead.example`, campaignId, ownerUserId });
    let clientId = 0;
    const events = async (leadId: string, ...typed: [string, string][]) => {
      for (const [type, at] of typed) {
        clientId += 1;
        await t.database.executeSql(`insert into lead_events (tenant_id, lead_id, client_id, type, at) values ($1, $2, $3, $4, $5)`, [tenantId, leadId, `c${clientId}`, type, at]);
      }
    };
    let slot = 0;
    const booking = async (n: number, createdAt: string, status?: string) => {
      slot += 1;
      const id = await insertExternalBooking(t, tenantId, t.owner, { source: "calcom", inviteeEmail: `l${n}@lead.example`, inviteeName: `Lead ${n}`, startMs: ms("2026-12-10T08:00:00Z") + slot * 3_600_000, createdAtMs: ms(createdAt) });
      await runLeadsChannel(t);
      if (status) await t.database.executeSql(`update bookings set status = $1 where id = $2`, [status, id]);
      return id;
    };

    // L1 (Spring): the whole way, and showed.
    const l1 = await lead(1, spring);
    await events(l1, ["sent", "2026-11-02T09:00:00Z"], ["delivered", "2026-11-02T09:01:00Z"], ["opened", "2026-11-03T09:00:00Z"], ["replied", "2026-11-05T09:00:00Z"], ["interested", "2026-11-06T09:00:00Z"]);
    await booking(1, "2026-11-10T09:00:00Z", "completed");
    // L2 (Spring): not interested is a reply, not interest.
    const l2 = await lead(2, spring);
    await events(l2, ["sent", "2026-11-02T09:00:00Z"], ["delivered", "2026-11-02T09:01:00Z"], ["not_interested", "2026-11-07T09:00:00Z"]);
    // L3 (Spring): interested without a separate reply (counts as replied); booked, cancelled, booked again: booked once.
    const l3 = await lead(3, spring);
    await events(l3, ["sent", "2026-11-02T09:00:00Z"], ["sent", "2026-11-04T09:00:00Z"], ["delivered", "2026-11-04T09:01:00Z"], ["interested", "2026-11-06T10:00:00Z"]);
    await booking(3, "2026-11-08T09:00:00Z", "cancelled");
    await booking(3, "2026-11-09T09:00:00Z");
    // L4 (Spring): sent, bounced.
    const l4 = await lead(4, spring);
    await events(l4, ["sent", "2026-11-03T09:00:00Z"], ["bounced", "2026-11-03T09:05:00Z"]);
    // L5 (Autumn, the member's): interested, booked, did not show.
    const l5 = await lead(5, autumn, member.userId);
    await events(l5, ["sent", "2026-11-02T09:00:00Z"], ["delivered", "2026-11-02T09:01:00Z"], ["replied", "2026-11-03T09:00:00Z"], ["interested", "2026-11-04T09:00:00Z"]);
    await booking(5, "2026-11-12T09:00:00Z", "no_show");
    // L6 (Autumn): sent in October (outside), delivered in November; its only booking cancelled.
    const l6 = await lead(6, autumn);
    await events(l6, ["sent", "2026-10-30T09:00:00Z"], ["delivered", "2026-11-01T00:00:00Z"]);
    await booking(6, "2026-11-15T09:00:00Z", "cancelled");
    // L7 (no campaign): booked through Cal.com with no outreach at all.
    await lead(7, undefined);
    await booking(7, "2026-11-20T09:00:00Z");
    // L8 (Spring): everything outside the window (the end is exclusive); L9 (Spring): only opened.
    const l8 = await lead(8, spring);
    await events(l8, ["sent", TO]);
    await booking(8, "2026-10-30T09:00:00Z");
    const l9 = await lead(9, spring);
    await events(l9, ["opened", "2026-11-05T09:00:00Z"]);
    // Another organisation's lead with the same address counts nowhere here.
    const strangerTenant = await tenantIdOf(t, t.stranger);
    const stray = await insertLead(t, strangerTenant, { email: "l1@lead.example" });
    await t.database.executeSql(`insert into lead_events (tenant_id, lead_id, client_id, type, at) values ($1, $2, 's1', 'sent', '2026-11-02T09:00:00Z')`, [strangerTenant, stray]);

    // By hand, from the list above:
    //            sent delivered replied interested booked showed noShow cancelled
    // Spring:    1,2,3,4 | 1,2,3 | 1,2,3 | 1,3 | 1,3 | 1 | – | –      → 4 3 3 2 2 1 0 0
    // Autumn:    5 | 5,6 | 5 | 5 | 5 | – | 5 | 6                      → 1 2 1 1 1 0 1 1
    // none:      – | – | – | – | 7 | – | – | –                        → 0 0 0 0 1 0 0 0
    const spring_ = { sent: 4, delivered: 3, replied: 3, interested: 2, booked: 2, showed: 1, noShow: 0, cancelled: 0 };
    const autumn_ = { sent: 1, delivered: 2, replied: 1, interested: 1, booked: 1, showed: 0, noShow: 1, cancelled: 1 };
    const none_ = { sent: 0, delivered: 0, replied: 0, interested: 0, booked: 1, showed: 0, noShow: 0, cancelled: 0 };
    const zero = { sent: 0, delivered: 0, replied: 0, interested: 0, booked: 0, showed: 0, noShow: 0, cancelled: 0 };
    const response = await t.app.inject({ method: "GET", url: `/api/v1/funnel?from=${FROM}&to=${TO}`, headers: bearer(t.owner) });
    expect(response.statusCode, response.body).toBe(200);
    const funnel = response.json();
    expect(funnel.from).toBe(FROM);
    expect(funnel.totals).toEqual({
      sent: 5,
      delivered: 5,
      replied: 4,
      interested: 3,
      booked: 4,
      showed: 1,
      noShow: 1,
      cancelled: 1,
      rates: { delivery: 1, reply: 0.8, interest: 0.75, booking: 1.3333, show: 0.25, showedPerSent: 0.2 },
    });
    expect(funnel.campaigns).toEqual([
      { campaignId: autumn, name: "Autumn", ...autumn_, rates: { delivery: 2, reply: 0.5, interest: 1, booking: 1, show: 0, showedPerSent: 0 } },
      { campaignId: spring, name: "Spring", ...spring_, rates: { delivery: 0.75, reply: 1, interest: 0.6667, booking: 1, show: 0.5, showedPerSent: 0.25 } },
      expect.objectContaining({ name: "Untouched", ...zero, rates: { delivery: null, reply: null, interest: null, booking: null, show: null, showedPerSent: null } }),
      { campaignId: null, name: null, ...none_, rates: { delivery: null, reply: null, interest: null, booking: null, show: 0, showedPerSent: null } },
    ]);
    expect(funnel.sources).toEqual([]);

    // One campaign.
    const autumnOnly = (await t.app.inject({ method: "GET", url: `/api/v1/funnel?campaignId=${autumn}&from=${FROM}&to=${TO}`, headers: bearer(t.owner) })).json();
    const { campaignId: _id, name: _name, ...autumnRow } = funnel.campaigns[0];
    expect(autumnOnly.totals).toEqual(autumnRow);
    expect(autumnOnly.campaigns.map((row: { campaignId: string }) => row.campaignId)).toEqual([autumn]);
    // A member counts only their own leads (L5).
    const mine = (await t.app.inject({ method: "GET", url: `/api/v1/funnel?from=${FROM}&to=${TO}`, headers: bearer(member) })).json();
    const { rates: _rates, ...memberCounts } = mine.totals;
    expect(memberCounts).toEqual({ sent: 1, delivered: 1, replied: 1, interested: 1, booked: 1, showed: 0, noShow: 1, cancelled: 0 });

    // A provider that stopped answering is named with since when.
    await t.database.executeSql(
      `insert into inbound_sources (tenant_id, provider, name, owner_user_id, webhook_token_hash, signing_secret_sealed, last_backfill_at, unreachable_since)
       values ($1, 'calcom', 'Sales Cal.com', $2, 'hash-funnel', 'sealed', '2026-11-19T08:00:00Z', '2026-11-19T09:00:00Z')`,
      [tenantId, t.owner.userId],
    );
    const withSource = (await t.app.inject({ method: "GET", url: `/api/v1/funnel?from=${FROM}&to=${TO}`, headers: bearer(t.owner) })).json();
    expect(withSource.sources).toEqual([
      { id: expect.any(String), name: "Sales Cal.com", provider: "calcom", lastBackfillAt: "2026-11-19T08:00:00.000Z", unreachableSince: "2026-11-19T09:00:00.000Z" },
    ]);
    expect((await t.app.inject({ method: "GET", url: `/api/v1/funnel`, headers: bearer(t.stranger) })).json().sources).toEqual([]);

    // Bad questions get problems.
    const unknown = await t.app.inject({ method: "GET", url: `/api/v1/funnel?campaignId=00000000-0000-4000-8000-000000000000`, headers: bearer(t.owner) });
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, "NOT_FOUND"]);
    const backwards = await t.app.inject({ method: "GET", url: `/api/v1/funnel?from=${TO}&to=${FROM}`, headers: bearer(t.owner) });
    expect([backwards.statusCode, backwards.json().code]).toEqual([400, "VALIDATION_FAILED"]);
  });
});
