// POST /lead-events: batches of outreach events, idempotent on the client's
// id (a resent batch is answered as before and changes nothing; concurrent
// twins store each event once, a real race on PostgreSQL), applied in time
// order, creating leads for new addresses in the campaign given.
import { expect, it } from "vitest";
import { describeOnEngines } from "../support/engines.js";
import { bearer, useTestApp } from "../support/test-app.js";
import { addMember } from "./lead-fixtures.js";

describeOnEngines("lead events", (engine) => {
  const t = useTestApp(engine, { owners: { owner: "lead-events" } });
  const send = (events: unknown[], owner = t.owner) => t.app.inject({ method: "POST", url: "/api/v1/lead-events", headers: bearer(owner), payload: { events } });
  const count = async (table: string) => Number(((await t.database.executeSql(`select count(*)::int as n from ${table}`)).rows[0] as { n: number }).n);

  it("creates leads for new addresses, applies events in time order and answers a resent batch as before", async () => {
    const batch = [
      // Sent out of order: the reply (later) must not be overtaken by the earlier "sent".
      { id: "ev-2", email: "Order@Events.example", type: "replied", at: "2026-11-19T10:00:00Z", campaign: "Launch" },
      { id: "ev-1", email: "order@events.example", type: "sent", at: "2026-11-18T10:00:00Z", campaign: "Launch" },
      { id: "ev-3", email: "other@events.example", type: "bounced", at: "2026-11-18T11:00:00Z" },
    ];
    const first = await send(batch);
    expect(first.statusCode, first.body).toBe(200);
    const items = first.json().items;
    expect(items.map((item: { id: string; status: string; isDuplicate: boolean }) => [item.id, item.status, item.isDuplicate])).toEqual([
      ["ev-2", "replied", false],
      ["ev-1", "replied", false],
      ["ev-3", "bounced", false],
    ]);
    expect(items[0].leadId).toBe(items[1].leadId);
    const lead = (await t.app.inject({ method: "GET", url: `/api/v1/leads/${items[0].leadId}`, headers: bearer(t.owner) })).json();
    const campaigns = (await t.app.inject({ method: "GET", url: "/api/v1/campaigns", headers: bearer(t.owner) })).json().items;
    expect(lead.lead).toMatchObject({ email: "Order@Events.example", campaignId: campaigns.find((c: { name: string }) => c.name === "Launch").id, ownerUserId: t.owner.userId });
    expect(lead.transitions.map((transition: { to: string }) => transition.to)).toEqual(["contacted", "replied"]);

    const [events, transitions] = [await count("lead_events"), await count("lead_transitions")];
    const again = await send(batch);
    expect(again.json().items).toEqual(items.map((item: object) => ({ ...item, isDuplicate: true })));
    expect([await count("lead_events"), await count("lead_transitions"), await count("leads")]).toEqual([events, transitions, 2]);

    // A campaign by id works too; an unknown id is refused before anything is stored.
    const launchId = campaigns.find((c: { name: string }) => c.name === "Launch").id;
    expect((await send([{ id: "ev-4", email: "byid@events.example", type: "sent", at: "2026-11-18T10:00:00Z", campaign: launchId }])).statusCode).toBe(200);
    const unknown = await send([{ id: "ev-5", email: "x@events.example", type: "sent", at: "2026-11-18T10:00:00Z", campaign: "00000000-0000-4000-8000-000000000000" }]);
    expect(unknown.statusCode).toBe(400);
    expect((await send([{ id: "ev-6", email: "x@events.example", type: "clicked", at: "2026-11-18T10:00:00Z" }])).statusCode).toBe(400);
    expect((await send(Array.from({ length: 1001 }, (_, i) => ({ id: `big-${i}`, email: "x@events.example", type: "sent", at: "2026-11-18T10:00:00Z" })))).statusCode).toBe(400);
    expect(await count("lead_events")).toBe(events + 1);
  });

  it("answers an id repeated within a batch as a duplicate", async () => {
    const response = await send([
      { id: "twin", email: "twin@events.example", type: "sent", at: "2026-11-18T10:00:00Z" },
      { id: "twin", email: "twin@events.example", type: "replied", at: "2026-11-18T11:00:00Z" },
    ]);
    expect(response.json().items.map((item: { isDuplicate: boolean; status: string }) => [item.isDuplicate, item.status])).toEqual([
      [false, "contacted"],
      [true, "contacted"],
    ]);
  });

  it("stores each event once when the same batch arrives many times at once", async () => {
    const batch = Array.from({ length: 40 }, (_, i) => ({ id: `race-${i}`, email: `race${i % 10}@events.example`, type: i % 2 ? "replied" : "sent", at: new Date(Date.UTC(2026, 10, 18, 10, i)).toISOString() }));
    const before = await count("lead_events");
    const responses = await Promise.all(Array.from({ length: 6 }, () => send(batch)));
    for (const response of responses) expect(response.statusCode, response.body).toBe(200);
    expect(await count("lead_events")).toBe(before + 40);
    // Every event is new in exactly one answer.
    for (let i = 0; i < 40; i++) expect(responses.filter((response) => !response.json().items[i].isDuplicate)).toHaveLength(1);
    const { rows } = await t.database.executeSql(`select count(*)::int as n from leads where email_key like 'race%@events.example'`);
    expect((rows[0] as { n: number }).n).toBe(10);
    // One transition per lead (even leads only sent: contacted; odd ones replied), however many twins ran.
    const transitions = await t.database.executeSql(
      `select count(*)::int as n from lead_transitions t join leads l on l.id = t.lead_id where l.email_key like 'race%@events.example'`,
    );
    expect((transitions.rows[0] as { n: number }).n).toBe(10);
  });

  it("keeps a member to their own leads", async () => {
    const member = await addMember(t.app, t.owner, "events-member");
    await t.app.inject({ method: "POST", url: "/api/v1/leads", headers: bearer(t.owner), payload: { email: "owners@events.example" } });
    const refused = await send([{ id: "m-1", email: "owners@events.example", type: "sent", at: "2026-11-18T10:00:00Z" }], member);
    expect(refused.statusCode).toBe(404);
    const mine = await send([{ id: "m-2", email: "members@events.example", type: "sent", at: "2026-11-18T10:00:00Z" }], member);
    expect(mine.statusCode, mine.body).toBe(200);
    const lead = (await t.app.inject({ method: "GET", url: `/api/v1/leads/${mine.json().items[0].leadId}`, headers: bearer(member) })).json();
    expect(lead.lead.ownerUserId).toBe(member.userId);
  });
});
