// Leads and campaigns through the API: unique emails and names in any case,
// owners and member scoping, filters, search and cursor pages, and a lead's
// timeline. On every engine.
import { expect, it } from "vitest";
import { describeOnEngines } from "../support/engines.js";
import { bearer, useTestApp } from "../support/test-app.js";
import { addMember } from "./lead-fixtures.js";

describeOnEngines("leads API", (engine) => {
  const t = useTestApp(engine, { owners: { owner: "leads-api", stranger: "leads-stranger" } });
  const post = (url: string, payload: unknown, owner = t.owner) => t.app.inject({ method: "POST", url, headers: bearer(owner), payload: payload as object });
  const get = (url: string, owner = t.owner) => t.app.inject({ method: "GET", url, headers: bearer(owner) });

  it("keeps campaign names unique in any case", async () => {
    const created = await post("/api/v1/campaigns", { name: "Spring Outreach", description: "EMEA" });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ name: "Spring Outreach", description: "EMEA" });
    const again = await post("/api/v1/campaigns", { name: "  spring OUTREACH " });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: "CAMPAIGN_NAME_TAKEN" });
    const other = await post("/api/v1/campaigns", { name: "Autumn" });
    const renamed = await t.app.inject({ method: "PATCH", url: `/api/v1/campaigns/${other.json().id}`, headers: bearer(t.owner), payload: { name: "SPRING outreach" } });
    expect(renamed.statusCode).toBe(409);
    expect(renamed.json()).toMatchObject({ code: "CAMPAIGN_NAME_TAKEN" });
    const list = await get("/api/v1/campaigns");
    expect(list.json().items.map((campaign: { name: string }) => campaign.name)).toEqual(["Autumn", "Spring Outreach"]);
    // Another organisation may use the name.
    expect((await post("/api/v1/campaigns", { name: "Spring Outreach" }, t.stranger)).statusCode).toBe(201);
  });

  it("creates a lead with its fields, unique by trimmed lower-cased email, naming the lead that has it", async () => {
    const campaign = (await post("/api/v1/campaigns", { name: "Leads campaign" })).json();
    const created = await post("/api/v1/leads", {
      email: "  Grace.Hopper@Navy.example ",
      name: "Grace Hopper",
      company: "Navy",
      title: "Rear Admiral",
      campaignId: campaign.id,
      customFields: { source: "conference", tier: "A" },
    });
    expect(created.statusCode, created.body).toBe(201);
    const lead = created.json();
    expect(lead).toMatchObject({ email: "Grace.Hopper@Navy.example", name: "Grace Hopper", company: "Navy", campaignId: campaign.id, ownerUserId: t.owner.userId, status: "new", customFields: { source: "conference", tier: "A" } });

    const duplicate = await post("/api/v1/leads", { email: "grace.hopper@navy.EXAMPLE" });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json()).toMatchObject({ code: "LEAD_EMAIL_TAKEN", leadId: lead.id });
    expect(duplicate.json().detail).toContain(lead.id);

    for (const payload of [{ email: "not an email" }, { email: "x@y.example", customFields: { "": "blank key" } }, { email: "x@y.example", ownerUserId: t.stranger.userId }, { email: "x@y.example", campaignId: "00000000-0000-4000-8000-000000000000" }]) {
      const refused = await post("/api/v1/leads", payload);
      expect(refused.statusCode, JSON.stringify(payload)).toBe(400);
      expect(refused.json().code).toBe("VALIDATION_FAILED");
    }
    const tooMany = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`f${i}`, "v"]));
    expect((await post("/api/v1/leads", { email: "many@y.example", customFields: tooMany })).statusCode).toBe(400);

    const changed = await t.app.inject({ method: "PATCH", url: `/api/v1/leads/${lead.id}`, headers: bearer(t.owner), payload: { title: "Commodore", customFields: { tier: "B" } } });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ title: "Commodore", name: "Grace Hopper", customFields: { tier: "B" } });
    const other = (await post("/api/v1/leads", { email: "other@navy.example" })).json();
    const clash = await t.app.inject({ method: "PATCH", url: `/api/v1/leads/${other.id}`, headers: bearer(t.owner), payload: { email: "GRACE.hopper@navy.example" } });
    expect(clash.statusCode).toBe(409);
    expect(clash.json()).toMatchObject({ code: "LEAD_EMAIL_TAKEN", leadId: lead.id });

    // Another organisation neither sees it nor is blocked by it.
    expect((await get(`/api/v1/leads/${lead.id}`, t.stranger)).statusCode).toBe(404);
    expect((await post("/api/v1/leads", { email: "grace.hopper@navy.example" }, t.stranger)).statusCode).toBe(201);

    expect((await t.app.inject({ method: "DELETE", url: `/api/v1/leads/${other.id}`, headers: bearer(t.owner) })).statusCode).toBe(204);
    expect((await get(`/api/v1/leads/${other.id}`)).statusCode).toBe(404);
  });

  it("lists newest first with filters, search and cursor pages", async () => {
    const campaign = (await post("/api/v1/campaigns", { name: "Paged" })).json();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      t.clock.nowMs += 1000;
      ids.push((await post("/api/v1/leads", { email: `paged${i}@list.example`, name: `Paged ${i}`, company: i % 2 ? "Odd Inc" : "Even 100%", campaignId: campaign.id })).json().id);
    }
    const pages: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await get(`/api/v1/leads?campaignId=${campaign.id}&limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.statusCode, page.body).toBe(200);
      pages.push(...page.json().items.map((lead: { id: string }) => lead.id));
      cursor = page.json().nextCursor;
    } while (cursor);
    expect(pages).toEqual([...ids].reverse());
    const odd = await get(`/api/v1/leads?q=odd%20inc&campaignId=${campaign.id}`);
    expect(odd.json().items.map((lead: { id: string }) => lead.id)).toEqual([ids[3], ids[1]]);
    // LIKE's own characters match themselves.
    expect((await get(`/api/v1/leads?q=${encodeURIComponent("100%")}`)).json().items).toHaveLength(3);
    expect((await get(`/api/v1/leads?q=${encodeURIComponent("_ven")}`)).json().items).toHaveLength(0);
    expect((await get(`/api/v1/leads?status=replied&campaignId=${campaign.id}`)).json().items).toEqual([]);
    expect((await get(`/api/v1/leads?status=new&campaignId=${campaign.id}`)).json().items).toHaveLength(5);
    expect((await get("/api/v1/leads?cursor=nonsense")).statusCode).toBe(400);
  });

  it("lets a member see and change only their own leads, and files theirs under themselves", async () => {
    const member = await addMember(t.app, t.owner, "lead-member");
    const owners = (await post("/api/v1/leads", { email: "owners.lead@scope.example" })).json();
    const mine = await post("/api/v1/leads", { email: "members.lead@scope.example" }, member);
    expect(mine.statusCode, mine.body).toBe(201);
    expect(mine.json().ownerUserId).toBe(member.userId);
    expect((await post("/api/v1/leads", { email: "given@scope.example", ownerUserId: t.owner.userId }, member)).statusCode).toBe(400);
    expect((await get(`/api/v1/leads/${owners.id}`, member)).statusCode).toBe(404);
    expect((await t.app.inject({ method: "PATCH", url: `/api/v1/leads/${owners.id}`, headers: bearer(member), payload: { name: "x" } })).statusCode).toBe(404);
    expect((await t.app.inject({ method: "DELETE", url: `/api/v1/leads/${owners.id}`, headers: bearer(member) })).statusCode).toBe(404);
    const listed = (await get("/api/v1/leads?q=scope.example", member)).json().items.map((lead: { id: string }) => lead.id);
    expect(listed).toEqual([mine.json().id]);
    // The owner files a lead under the member, who then sees it.
    const given = await post("/api/v1/leads", { email: "handed@scope.example", ownerUserId: member.userId });
    expect(given.statusCode).toBe(201);
    expect((await get(`/api/v1/leads/${given.json().id}`, member)).statusCode).toBe(200);
    // Campaigns are the managers' to make.
    expect((await post("/api/v1/campaigns", { name: "Member's" }, member)).statusCode).toBe(403);
  });

  it("shows a lead's timeline: events, transitions with causes, matched bookings", async () => {
    const sent = await post("/api/v1/lead-events", {
      events: [
        { id: "tl-1", email: "timeline@lead.example", type: "sent", at: "2026-11-18T09:00:00Z" },
        { id: "tl-2", email: "timeline@lead.example", type: "replied", at: "2026-11-19T09:00:00Z" },
      ],
    });
    expect(sent.statusCode, sent.body).toBe(200);
    const leadId = sent.json().items[0].leadId;
    const detail = await get(`/api/v1/leads/${leadId}`);
    expect(detail.statusCode, detail.body).toBe(200);
    const body = detail.json();
    expect(body.lead).toMatchObject({ id: leadId, status: "replied" });
    expect(body.events.map((event: { clientId: string; type: string }) => [event.clientId, event.type])).toEqual([["tl-1", "sent"], ["tl-2", "replied"]]);
    expect(body.transitions.map((transition: { from: string; to: string; cause: string; causeRef: string }) => [transition.from, transition.to, transition.cause, transition.causeRef])).toEqual([
      ["new", "contacted", "lead_event", body.events[0].id],
      ["contacted", "replied", "lead_event", body.events[1].id],
    ]);
    expect(body.bookings).toEqual([]);
  });
});
