// GET /api/v1/notifications and POST /api/v1/notifications/read: each user
// sees and marks only their own notices, newest first, paged by cursor.
import { expect, it } from "vitest";
import { notifyUsers } from "../../src/use-cases/notifications/in-app-notices.js";
import { describeOnEngines } from "../support/engines.js";
import { bell, tenantIdOf } from "../support/in-app-fixtures.js";
import { mintTenantIdForTest } from "../support/tenant.js";
import { bearer, useTestApp, type Owner } from "../support/test-app.js";

describeOnEngines("the notifications API", (engine) => {
  const t = useTestApp(engine, { owners: { owner: "api", other: "api-other" } });

  async function addMember(owner: Owner, label: string): Promise<Owner> {
    const email = `${label}-${Math.random().toString(36).slice(2, 8)}@example.com`;
    const password = "correct horse battery staple";
    const added = await t.app.inject({ method: "POST", url: "/api/v1/members", headers: bearer(owner), payload: { email, name: label, timeZone: "UTC", password } });
    expect(added.statusCode, added.body).toBe(201);
    const login = await t.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email, password } });
    const cookie = `convene_session=${login.cookies.find((c) => c.name === "convene_session")!.value}`;
    const { csrfToken } = login.json();
    const key = await t.app.inject({ method: "POST", url: "/api/v1/api-keys", headers: { cookie, "x-csrf-token": csrfToken }, payload: { name: "k" } });
    return { email, password, cookie, csrfToken, apiKey: key.json().key, userId: added.json().id };
  }

  const notify = async (owner: Owner, userIds: string[], title: string, minute: number) => {
    const tenantId = mintTenantIdForTest(await tenantIdOf(t.app, owner));
    await t.deps.store.transaction((repos) => notifyUsers(repos, tenantId, userIds, { kind: "unmatched_booking", title, body: null, dedupeKey: `test:${title}`, atMs: t.clock.nowMs + minute * 60_000 }));
  };

  it("lists the caller's own notices newest first, pages them, and marks read only the caller's", async () => {
    const { owner } = t;
    const member = await addMember(owner, "member");
    for (let i = 1; i <= 5; i++) await notify(owner, [owner.userId], `owner ${i}`, i);
    await notify(owner, [member.userId], "member 1", 6);

    const first = await bell(t.app, owner, "?limit=2");
    expect(first.unreadCount).toBe(5);
    expect(first.items.map((item) => item.title)).toEqual(["owner 5", "owner 4"]);
    const second = await bell(t.app, owner, `?limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((item) => item.title)).toEqual(["owner 3", "owner 2"]);
    const third = await bell(t.app, owner, `?limit=2&cursor=${second.nextCursor}`);
    expect(third.items.map((item) => item.title)).toEqual(["owner 1"]);
    expect(third.nextCursor).toBeNull();

    // The member's notice: not in the owner's bell, and the owner cannot mark it read.
    const memberBell = await bell(t.app, member);
    expect(memberBell.items.map((item) => item.title)).toEqual(["member 1"]);
    const theirs = memberBell.items[0]!.id;
    const marked = await t.app.inject({ method: "POST", url: "/api/v1/notifications/read", headers: bearer(owner), payload: { ids: [first.items[0]!.id, theirs] } });
    expect(marked.statusCode, marked.body).toBe(200);
    expect(marked.json()).toEqual({ marked: 1, unreadCount: 4 });
    expect((await bell(t.app, member)).unreadCount).toBe(1);
    const page = await bell(t.app, owner);
    expect(page.items.find((item) => item.title === "owner 5")!.readAt).toBe(new Date(t.clock.nowMs).toISOString());

    // Through the session cookie too (a write: the CSRF header is needed).
    const withoutCsrf = await t.app.inject({ method: "POST", url: "/api/v1/notifications/read", headers: { cookie: owner.cookie }, payload: { all: true } });
    expect(withoutCsrf.statusCode).toBe(403);
    const all = await t.app.inject({ method: "POST", url: "/api/v1/notifications/read", headers: { cookie: owner.cookie, "x-csrf-token": owner.csrfToken }, payload: { all: true } });
    expect(all.json()).toEqual({ marked: 4, unreadCount: 0 });
    expect((await bell(t.app, member)).unreadCount).toBe(1);
  });

  it("refuses bad bodies and cursors with a problem", async () => {
    for (const payload of [{}, { ids: [] }, { all: false }, { ids: ["x"] }, { ids: [1], all: true }]) {
      const response = await t.app.inject({ method: "POST", url: "/api/v1/notifications/read", headers: bearer(t.other), payload });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().code).toBe("VALIDATION_FAILED");
    }
    const cursor = await t.app.inject({ method: "GET", url: "/api/v1/notifications?cursor=abc", headers: bearer(t.other) });
    expect([cursor.statusCode, cursor.json().code]).toEqual([400, "VALIDATION_FAILED"]);
    const anonymous = await t.app.inject({ method: "GET", url: "/api/v1/notifications" });
    expect([anonymous.statusCode, anonymous.json().code]).toEqual([401, "UNAUTHENTICATED"]);
  });
});
