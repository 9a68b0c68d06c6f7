// A lead's booking link: a one-time link prefilled from the lead and carrying
// it, with the sentence from the owner's template (PATCH /me leadLinkSentence).
import { expect, it } from "vitest";
import { createLink } from "../support/booking-fixtures.js";
import { describeOnEngines } from "../support/engines.js";
import { bearer, useTestApp } from "../support/test-app.js";
import { addMember } from "./lead-fixtures.js";

describeOnEngines("lead booking link", (engine) => {
  const t = useTestApp(engine, { owners: { owner: "lead-link" } });
  const patchMe = (payload: object) => t.app.inject({ method: "PATCH", url: "/api/v1/me", headers: bearer(t.owner), payload });

  it("makes a one-time link for the lead with the default sentence, then the owner's own", async () => {
    const link = await createLink(t.app, t.owner, { title: "Discovery", durationsMin: [45] });
    const lead = (await t.app.inject({ method: "POST", url: "/api/v1/leads", headers: bearer(t.owner), payload: { email: "ada@lead.example", name: "Ada Lovelace", company: "Engines Ltd" } })).json();
    const made = await t.app.inject({ method: "POST", url: `/api/v1/leads/${lead.id}/booking-link`, headers: bearer(t.owner), payload: { linkId: link.id, topic: "the pilot", expiresInDays: 3 } });
    expect(made.statusCode, made.body).toBe(201);
    const body = made.json();
    expect(body).toMatchObject({ linkId: link.id, leadId: lead.id, expiresAt: new Date(t.clock.nowMs + 3 * 86_400_000).toISOString() });
    expect(body.url).toMatch(/^http:\/\/convene\.test\/t\/[A-Za-z0-9_-]{20,}$/);
    expect(body.message).toBe(`Based on your interest, let's schedule a 45-minute call: ${body.url}`);

    const oneTime = (await t.app.inject({ method: "GET", url: `/api/v1/links/${link.id}/one-time`, headers: bearer(t.owner) })).json().items[0];
    expect(oneTime).toMatchObject({ id: body.id, recipient: { email: "ada@lead.example", name: "Ada Lovelace", company: "Engines Ltd" }, topic: "the pilot" });
    const { rows } = await t.database.executeSql(`select lead_id from one_time_links where id = $1`, [body.id]);
    expect(rows[0]).toEqual({ lead_id: lead.id });

    const refused = await patchMe({ leadLinkSentence: "Hi {firstName}, book {link} ({email})" });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ code: "INVALID_LINK_SENTENCE" });
    expect(refused.json().detail).toContain("{email}");
    expect((await patchMe({ leadLinkSentence: "Hi {firstName}, no link here" })).json().code).toBe("INVALID_LINK_SENTENCE");

    const saved = await patchMe({ leadLinkSentence: "Hi {firstName} from {company}: {duration} min on {topic} → {link}" });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().leadLinkSentence).toMatchObject({ template: "Hi {firstName} from {company}: {duration} min on {topic} → {link}", default: expect.stringContaining("{link}") });
    const second = (await t.app.inject({ method: "POST", url: `/api/v1/leads/${lead.id}/booking-link`, headers: bearer(t.owner), payload: { linkId: link.id, topic: "pricing" } })).json();
    expect(second.message).toBe(`Hi Ada from Engines Ltd: 45 min on pricing → ${second.url}`);

    const reset = await patchMe({ leadLinkSentence: null });
    expect(reset.json().leadLinkSentence.template).toBeNull();
    const third = (await t.app.inject({ method: "POST", url: `/api/v1/leads/${lead.id}/booking-link`, headers: bearer(t.owner), payload: { linkId: link.id } })).json();
    expect(third.message).toMatch(/^Based on your interest/);
  });

  it("names a lead known only by address by its local part, and refuses links and leads out of reach", async () => {
    const link = await createLink(t.app, t.owner, { title: "Quick", durationsMin: [15] });
    const lead = (await t.app.inject({ method: "POST", url: "/api/v1/leads", headers: bearer(t.owner), payload: { email: "grace@lead.example" } })).json();
    const made = await t.app.inject({ method: "POST", url: `/api/v1/leads/${lead.id}/booking-link`, headers: bearer(t.owner), payload: { linkId: link.id } });
    expect(made.statusCode, made.body).toBe(201);
    const oneTime = (await t.app.inject({ method: "GET", url: `/api/v1/links/${link.id}/one-time`, headers: bearer(t.owner) })).json().items[0];
    expect(oneTime.recipient).toEqual({ email: "grace@lead.example", name: "grace", company: null });

    const member = await addMember(t.app, t.owner, "link-member");
    const own = (await t.app.inject({ method: "POST", url: "/api/v1/leads", headers: bearer(member), payload: { email: "members@lead.example" } })).json();
    // The owner's lead is not the member's; the owner's link is not the member's to use.
    expect((await t.app.inject({ method: "POST", url: `/api/v1/leads/${lead.id}/booking-link`, headers: bearer(member), payload: { linkId: link.id } })).statusCode).toBe(404);
    const foreignLink = await t.app.inject({ method: "POST", url: `/api/v1/leads/${own.id}/booking-link`, headers: bearer(member), payload: { linkId: link.id } });
    expect(foreignLink.statusCode).toBe(400);
    expect(foreignLink.json().errors).toEqual([{ path: "body.linkId", message: "no booking link of yours has this id" }]);
  });
});
