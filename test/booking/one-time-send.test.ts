// Emailing a one-time link from Convene: the mail (through the dev outbox, the
// mailer tests capture), the counters on the link, the audit entry, the
// owner's message, and the refusals for links that no longer work.
import { beforeAll, expect, it } from "vitest";
import { describeOnEngines } from "../support/engines.js";
import { bearer, PUBLIC_URL, useTestApp, type Owner } from "../support/test-app.js";

const DAY_MS = 86_400_000;
const RECIPIENT = { email: "pat@prospect.example", name: "Pat Prospect" };

type OutboxItem = { to: { name: string; email: string }; subject: string; text: string; html: string };

describeOnEngines("sending one-time links by email", (engine) => {
  const t = useTestApp(engine, { owners: { owner: "send", other: "send-other" } });
  let linkId: string;
  beforeAll(async () => {
    linkId = (await call("POST", "/api/v1/links", { title: "Встреча", durationsMin: [30, 60], timeZone: "Europe/Berlin" })).json().id;
  });
  function call(method: "POST" | "GET", url: string, payload?: object, who: Owner = t.owner) {
    return t.app.inject({ method, url, headers: bearer(who), ...(payload ? { payload } : {}) });
  }
  const create = async (payload: object = {}) => {
    const response = await call("POST", `/api/v1/links/${linkId}/one-time`, { recipient: RECIPIENT, ...payload });
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  };
  const outbox = async (who: Owner = t.owner): Promise<OutboxItem[]> => (await call("GET", "/api/v1/dev/outbox?limit=500", undefined, who)).json().items;
  const mailsTo = async (token: string) => (await outbox()).filter((item) => item.text.includes(`${PUBLIC_URL}/t/${token}`));

  it("mails the personal link with the owner's message and counts it on the link", async () => {
    const made = await create({ topic: "Pricing", durationMin: 60, slots: [new Date(t.clock.nowMs + 2 * DAY_MS).toISOString()] });
    expect(made).toMatchObject({ emailedAt: null, emailCount: 0 });
    const response = await call("POST", `/api/v1/one-time/${made.token}/send`, { message: "Looking forward to it!" });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ id: made.id, status: "pending", emailedAt: new Date(t.clock.nowMs).toISOString(), emailCount: 1 });

    const [mail, ...others] = await mailsTo(made.token);
    expect(others).toEqual([]);
    expect(mail!.to).toEqual(RECIPIENT);
    expect(mail!.subject).toBe("Owner send invites you to book “Встреча”");
    expect(mail!.text).toContain("Looking forward to it!");
    expect(mail!.text).toContain("Pricing");
    expect(mail!.text).toContain("60 minutes");
    expect(mail!.html).toContain(`${PUBLIC_URL}/t/${made.token}`);

    const listed = (await call("GET", `/api/v1/links/${linkId}/one-time`)).json().items.find((item: { id: string }) => item.id === made.id);
    expect(listed).toMatchObject({ emailCount: 1, emailedAt: new Date(t.clock.nowMs).toISOString() });
    const audit = (await call("GET", "/api/v1/audit-log?limit=200")).json().items.filter((item: { action: string; target: { id: string } | null }) => item.action === "one_time_link.emailed" && item.target?.id === made.id);
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(made.token);
  });

  it("sends again without a body, counting each email", async () => {
    const made = await create();
    expect((await call("POST", `/api/v1/one-time/${made.token}/send`)).json()).toMatchObject({ emailCount: 1 });
    t.clock.nowMs += 60_000;
    const again = await call("POST", `/api/v1/one-time/${made.token}/send`, {});
    expect(again.json()).toMatchObject({ emailCount: 2, emailedAt: new Date(t.clock.nowMs).toISOString() });
    expect(await mailsTo(made.token)).toHaveLength(2);
  });

  it("refuses a revoked or expired link with ONE_TIME_LINK_CLOSED and sends nothing", async () => {
    const revoked = await create();
    await call("POST", `/api/v1/one-time/${revoked.token}/revoke`);
    const expired = await create({ expiresAt: new Date(t.clock.nowMs + DAY_MS).toISOString() });
    t.clock.nowMs += DAY_MS + 1;
    for (const [made, status] of [[revoked, "revoked"], [expired, "expired"]] as const) {
      const response = await call("POST", `/api/v1/one-time/${made.token}/send`);
      expect(response.statusCode, response.body).toBe(409);
      expect(response.headers["content-type"]).toContain("application/problem+json");
      expect(response.json()).toMatchObject({ code: "ONE_TIME_LINK_CLOSED", status: 409, linkStatus: status });
      expect(response.json().detail).toContain(status === "revoked" ? "was revoked" : "has expired");
      expect(await mailsTo(made.token)).toEqual([]);
    }
    const listed = (await call("GET", `/api/v1/links/${linkId}/one-time`)).json().items;
    expect(listed.find((item: { id: string }) => item.id === revoked.id)).toMatchObject({ emailCount: 0, emailedAt: null });
  });

  it("refuses a booked link", async () => {
    const made = await create();
    const slots = (await t.app.inject({ method: "GET", url: `/api/v1/public/one-time/${made.token}/slots?timeZone=UTC&durationMin=30` })).json();
    const start = slots.days.find((day: { slots: unknown[] }) => day.slots.length > 0).slots[0].start;
    const booked = await t.app.inject({ method: "POST", url: `/api/v1/public/one-time/${made.token}/bookings`, payload: { start, durationMin: 30, name: RECIPIENT.name, email: RECIPIENT.email, timeZone: "UTC" } });
    expect(booked.statusCode, booked.body).toBe(201);
    const response = await call("POST", `/api/v1/one-time/${made.token}/send`);
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: "ONE_TIME_LINK_CLOSED", linkStatus: "booked" });
  });

  it("answers 404 for another organisation's token and for unknown ones, and checks the message", async () => {
    const made = await create();
    const foreign = await call("POST", `/api/v1/one-time/${made.token}/send`, {}, t.other);
    expect(foreign.statusCode).toBe(404);
    expect((await call("POST", `/api/v1/one-time/${"x".repeat(43)}/send`)).statusCode).toBe(404);
    const tooLong = await call("POST", `/api/v1/one-time/${made.token}/send`, { message: "x".repeat(2001) });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().code).toBe("VALIDATION_FAILED");
    expect(await mailsTo(made.token)).toEqual([]);
    expect(await outbox(t.other)).toEqual([]);
  });
});
