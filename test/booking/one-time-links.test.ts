// One-time links: create (token, URLs, defaults, checks), list with status, revoke, audit,
// and the repository functions the public booking flow relies on (token lookup, single use).
import { eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { oneTimeLinks } from "../../src/adapters/db/schema.js";
import type { TenantId } from "../../src/core/tenancy.js";
import { mintTenantIdForTest } from "../support/tenant.js";
import { hashToken } from "../../src/core/token-digest.js";
import { describeOnEngines } from "../support/engines.js";
import { bearer, PUBLIC_URL, useTestApp, type Owner } from "../support/test-app.js";

const DAY_MS = 86_400_000;
const RECIPIENT = { email: "pat@prospect.example", name: "Pat Prospect", company: "Prospect GmbH" };

describeOnEngines("one-time links", (engine) => {
  const t = useTestApp(engine, { owners: { owner: "one-time", other: "one-time-other" } });
  let linkId: string;
  let tenantId: TenantId;
  beforeAll(async () => {
    linkId = (await send("POST", "/api/v1/links", { title: "Intro", durationsMin: [30, 60] })).json().id;
    tenantId = mintTenantIdForTest((await send("GET", "/api/v1/me")).json().organization.id);
  });
  function send(method: "POST" | "GET", url: string, payload?: object, who: Owner = t.owner) {
    return t.app.inject({ method, url, headers: bearer(who), ...(payload ? { payload } : {}) });
  }
  const create = (payload: object = { recipient: RECIPIENT }) => send("POST", `/api/v1/links/${linkId}/one-time`, payload);
  const iso = (ms: number) => new Date(ms).toISOString();
  const auditOf = async (action: string, targetId: string) => {
    const audit = (await send("GET", "/api/v1/audit-log?limit=200")).json();
    return audit.items.filter((item: { action: string; target: { id: string } | null }) => item.action === action && item.target?.id === targetId);
  };

  it("creates a pending one-time link with an unguessable token and its URLs", async () => {
    const nowMs = t.clock.nowMs;
    const slots = [iso(nowMs + 3 * DAY_MS), iso(nowMs + DAY_MS)];
    const response = await create({ recipient: RECIPIENT, topic: "Pricing", leadRef: "crm-42", durationMin: 60, slots, expiresAt: iso(nowMs + 7 * DAY_MS) });
    expect(response.statusCode, response.body).toBe(201);
    const created = response.json();
    expect(created.token).toMatch(/^[A-Za-z0-9_-]{43,}$/); // 32 random bytes: 256 bits
    expect(created).toMatchObject({
      linkId,
      bookingUrl: `${PUBLIC_URL}/t/${created.token}`,
      apiUrl: `${PUBLIC_URL}/api/v1/public/one-time/${created.token}`,
      status: "pending",
      recipient: RECIPIENT,
      topic: "Pricing",
      leadRef: "crm-42",
      durationMin: 60,
      slots: [slots[1], slots[0]],
      expiresAt: iso(nowMs + 7 * DAY_MS),
      createdAt: iso(nowMs),
      bookingId: null,
      revokedAt: null,
    });
    const [row] = await t.database.db.select().from(oneTimeLinks).where(eq(oneTimeLinks.id, created.id));
    expect(row!.tokenHash).toBe(hashToken(created.token));
    const [entry] = await auditOf("one_time_link.created", created.id);
    expect(entry.changes).toEqual({ linkId, recipientEmail: RECIPIENT.email, leadRef: "crm-42", durationMin: 60, slotCount: 2, expiresAt: iso(nowMs + 7 * DAY_MS) });
    expect(JSON.stringify(entry)).not.toContain(created.token);
  });

  it("defaults: expires in 14 days, any duration and slot, no company; blank optional text is no text", async () => {
    const response = await create({ recipient: { email: "sam@example.com", name: "Sam", company: "  " }, topic: "" });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      expiresAt: iso(t.clock.nowMs + 14 * DAY_MS),
      durationMin: null,
      slots: null,
      topic: null,
      leadRef: null,
      recipient: { email: "sam@example.com", name: "Sam", company: null },
    });
  });

  it("makes a different token every time", async () => {
    const tokens = await Promise.all([1, 2, 3].map(async () => (await create()).json().token));
    expect(new Set(tokens).size).toBe(3);
  });

  it("refuses settings that do not fit the link or the clock with INVALID_ONE_TIME_LINK", async () => {
    const nowMs = t.clock.nowMs;
    const cases: [object, string[]][] = [
      [{ durationMin: 45 }, ["durationMin"]],
      [{ expiresAt: iso(nowMs - 1000) }, ["expiresAt"]],
      [{ expiresAt: iso(nowMs + 366 * DAY_MS) }, ["expiresAt"]],
      [{ slots: [iso(nowMs - DAY_MS), iso(nowMs + DAY_MS), iso(nowMs + DAY_MS)] }, ["slots.0", "slots.2"]],
      [{ slots: Array.from({ length: 51 }, (_, i) => iso(nowMs + (i + 1) * 3_600_000)) }, ["slots"]],
      [{ slots: [] }, ["slots"]],
    ];
    for (const [extra, paths] of cases) {
      const response = await create({ recipient: RECIPIENT, ...extra });
      expect(response.statusCode, JSON.stringify(extra)).toBe(400);
      expect(response.json().code).toBe("INVALID_ONE_TIME_LINK");
      expect(response.json().errors.map((e: { path: string }) => e.path)).toEqual(paths);
    }
  });

  it("refuses malformed bodies with VALIDATION_FAILED", async () => {
    for (const body of [
      {},
      { recipient: { email: "not-an-email", name: "X" } },
      { recipient: { email: "a@example.com", name: " " } },
      { recipient: RECIPIENT, slots: ["tomorrow at noon"] },
      { recipient: RECIPIENT, expiresAt: "2026-12-01" },
      { recipient: RECIPIENT, durationMin: 30.5 },
      { recipient: RECIPIENT, colour: "blue" },
    ]) {
      const response = await create(body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().code).toBe("VALIDATION_FAILED");
    }
  });

  it("answers 404 for an unknown, deleted or foreign link", async () => {
    const theirs = (await send("POST", "/api/v1/links", { title: "Theirs", durationsMin: [30] }, t.other)).json();
    const gone = (await send("POST", "/api/v1/links", { title: "Gone", durationsMin: [30] })).json();
    await t.app.inject({ method: "DELETE", url: `/api/v1/links/${gone.id}`, headers: bearer(t.owner) });
    for (const id of [theirs.id, gone.id, "00000000-0000-4000-8000-000000000000"]) {
      for (const response of [await send("POST", `/api/v1/links/${id}/one-time`, { recipient: RECIPIENT }), await send("GET", `/api/v1/links/${id}/one-time`)]) {
        expect(response.statusCode).toBe(404);
        expect(response.json().code).toBe("NOT_FOUND");
      }
    }
  });

  it("lists a link's one-time links newest first with pending, booked, expired and revoked status", async () => {
    const link = (await send("POST", "/api/v1/links", { title: "Statuses", durationsMin: [30] })).json();
    const make = async (extra: object = {}) => {
      t.clock.nowMs += 1000;
      return (await send("POST", `/api/v1/links/${link.id}/one-time`, { recipient: RECIPIENT, ...extra })).json();
    };
    const expiring = await make({ expiresAt: iso(t.clock.nowMs + 60_000) });
    const booked = await make();
    const revoked = await make();
    const pending = await make();
    expect(await t.deps.store.oneTimeLinks.markBooked(tenantId, booked.id, "11111111-1111-4111-8111-111111111111")).toBe(true);
    expect((await send("POST", `/api/v1/one-time/${revoked.token}/revoke`)).statusCode).toBe(200);
    t.clock.nowMs += 120_000;
    const list = (await send("GET", `/api/v1/links/${link.id}/one-time`)).json();
    expect(list.items.map((item: { id: string; status: string }) => [item.id, item.status])).toEqual([
      [pending.id, "pending"],
      [revoked.id, "revoked"],
      [booked.id, "booked"],
      [expiring.id, "expired"],
    ]);
    expect(list.items[2].bookingId).toBe("11111111-1111-4111-8111-111111111111");
    expect(list.items[0]).toEqual({ ...pending, createdAt: pending.createdAt });
  });

  it("revokes by token once, answers the revoked link again, and audits the revocation", async () => {
    const created = (await create()).json();
    const revoked = await send("POST", `/api/v1/one-time/${created.token}/revoke`);
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json()).toMatchObject({ id: created.id, status: "revoked", revokedAt: iso(t.clock.nowMs) });
    t.clock.nowMs += 5000;
    const again = await send("POST", `/api/v1/one-time/${created.token}/revoke`);
    expect(again.statusCode).toBe(200);
    expect(again.json().revokedAt).toBe(revoked.json().revokedAt);
    const entries = await auditOf("one_time_link.revoked", created.id);
    expect(entries).toHaveLength(1);
    expect(entries[0].changes).toEqual({ linkId, recipientEmail: RECIPIENT.email });
    expect(await t.deps.store.oneTimeLinks.markBooked(tenantId, created.id, "22222222-2222-4222-8222-222222222222")).toBe(false);
  });

  it("revokes an expired link too", async () => {
    const created = (await create({ recipient: RECIPIENT, expiresAt: iso(t.clock.nowMs + 1000) })).json();
    t.clock.nowMs += 2000;
    const response = await send("POST", `/api/v1/one-time/${created.token}/revoke`);
    expect(response.json()).toMatchObject({ status: "revoked" });
  });

  it("refuses to revoke a booked link with ONE_TIME_LINK_BOOKED (409)", async () => {
    const created = (await create()).json();
    const bookingId = "33333333-3333-4333-8333-333333333333";
    expect(await t.deps.store.oneTimeLinks.markBooked(tenantId, created.id, bookingId)).toBe(true);
    const response = await send("POST", `/api/v1/one-time/${created.token}/revoke`);
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: "ONE_TIME_LINK_BOOKED", bookingId });
    expect(await auditOf("one_time_link.revoked", created.id)).toHaveLength(0);
  });

  it("answers 404 to another organisation's token, an unknown token and a malformed one", async () => {
    const created = (await create()).json();
    for (const [token, who] of [
      [created.token, t.other],
      [`${created.token.slice(0, -1)}${created.token.endsWith("A") ? "B" : "A"}`, t.owner],
      ["short", t.owner],
      ["has.dots.and%20spaces-but-is-long-enough", t.owner],
    ] as const) {
      const response = await send("POST", `/api/v1/one-time/${token}/revoke`, undefined, who);
      expect(response.statusCode, token).toBe(404);
      expect(response.json().code).toBe("NOT_FOUND");
    }
    const list = (await send("GET", `/api/v1/links/${linkId}/one-time`)).json();
    expect(list.items.find((item: { id: string }) => item.id === created.id).status).toBe("pending");
  });

  it("finds a link by its token for the public booking flow, whatever the tenant, and only by the exact token", async () => {
    const created = (await create()).json();
    const found = await t.deps.store.oneTimeLinks.findByTokenForBooking(created.token);
    expect(found).toMatchObject({ id: created.id, tenantId, linkId, token: created.token, recipientEmail: RECIPIENT.email, bookingId: null, revokedAt: null });
    expect(found!.expiresAt).toBeInstanceOf(Date);
    expect(await t.deps.store.oneTimeLinks.findByTokenForBooking(created.token.toLowerCase() === created.token ? `${created.token}x` : created.token.toLowerCase())).toBeNull();
    expect(await t.deps.store.oneTimeLinks.findByTokenForBooking("")).toBeNull();
  });

  it("reads offered slots back as sorted epoch ms", async () => {
    const nowMs = t.clock.nowMs;
    const created = (await create({ recipient: RECIPIENT, slots: [iso(nowMs + 2 * DAY_MS + 1800_000), iso(nowMs + DAY_MS)] })).json();
    const found = await t.deps.store.oneTimeLinks.findByTokenForBooking(created.token);
    expect(found!.slotStartsMs).toEqual([nowMs + DAY_MS, nowMs + 2 * DAY_MS + 1800_000]);
  });

  it("books a link at most once, even when two bookings race for it", async () => {
    const created = (await create()).json();
    const ids = ["44444444-4444-4444-8444-444444444444", "55555555-5555-4555-8555-555555555555", "66666666-6666-4666-8666-666666666666"];
    const results = await Promise.all(ids.map((bookingId) => t.deps.store.oneTimeLinks.markBooked(tenantId, created.id, bookingId)));
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = ids[results.indexOf(true)];
    expect((await t.deps.store.oneTimeLinks.findByTokenForBooking(created.token))!.bookingId).toBe(winner);
    const foreignTenant = mintTenantIdForTest((await send("GET", "/api/v1/me", undefined, t.other)).json().organization.id);
    const fresh = (await create()).json();
    expect(await t.deps.store.oneTimeLinks.markBooked(foreignTenant, fresh.id, ids[0]!)).toBe(false);
  });
});
