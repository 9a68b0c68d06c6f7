// Owner link routes: create with defaults, validation, slugs, change, duplicate, delete, audit.
import { expect, it } from "vitest";
import { describeOnEngines } from "../support/engines.js";
import { bearer, PUBLIC_URL, useTestApp } from "../support/test-app.js";

describeOnEngines("links", (engine) => {
  const t = useTestApp(engine, { owners: { owner: "owner" } });
  const post = (url: string, payload?: object) => t.app.inject({ method: "POST", url, headers: bearer(t.owner), ...(payload ? { payload } : {}) });

  it("creates a link from the issue's example and answers with bookingUrl and apiUrl", async () => {
    const response = await post("/api/v1/links", {
      title: "Intro call", slug: "intro", durationsMin: [30], timeZone: "America/New_York",
      weeklyHours: [{ days: [1, 2, 3, 4, 5], start: "09:00", end: "17:00" }],
      dateOverrides: [], holidays: [], bufferBeforeMin: 0, bufferAfterMin: 0, minNoticeMin: 0, slotIntervalMin: 30, maxDaysAhead: 60,
    });
    expect(response.statusCode, response.body).toBe(201);
    const link = response.json();
    const me = (await t.app.inject({ method: "GET", url: "/api/v1/me", headers: bearer(t.owner) })).json();
    expect(link).toMatchObject({
      title: "Intro call", slug: "intro", durationsMin: [30], defaultDurationMin: 30, hostMode: "single", hostUserIds: [me.user.id],
      isActive: true, location: { type: "jitsi", value: null },
      bookingUrl: `${PUBLIC_URL}/${me.user.handle}/intro`,
      apiUrl: `${PUBLIC_URL}/api/v1/public/links/${me.user.handle}/intro`,
    });
    expect((await t.app.inject({ method: "GET", url: `/api/v1/links/${link.id}`, headers: bearer(t.owner) })).json()).toEqual(link);
  });

  it("fills defaults: slug from the title, owner's zone, weekday hours", async () => {
    const link = (await post("/api/v1/links", { title: "Démo Produit!", durationsMin: [15, 45] })).json();
    expect(link).toMatchObject({ slug: "demo-produit", timeZone: "Europe/Berlin", defaultDurationMin: 15, slotIntervalMin: null, maxDaysAhead: 60 });
    expect(link.weeklyHours).toEqual([{ days: [1, 2, 3, 4, 5], start: "09:00", end: "17:00" }]);
    const second = (await post("/api/v1/links", { title: "Démo produit", durationsMin: [15] })).json();
    expect(second.slug).toBe("demo-produit-2");
  });

  it("refuses a taken slug, bad rules and unknown hosts with codes", async () => {
    await post("/api/v1/links", { title: "A", slug: "taken", durationsMin: [30] });
    const taken = await post("/api/v1/links", { title: "B", slug: "taken", durationsMin: [30] });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe("SLUG_TAKEN");
    const rules = await post("/api/v1/links", { title: "C", durationsMin: [3], weeklyHours: [{ days: [1], start: "17:00", end: "09:00" }] });
    expect(rules.statusCode).toBe(400);
    expect(rules.json().code).toBe("INVALID_RULES");
    expect(rules.json().errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(["durationsMin.0", "weeklyHours.0.end"]));
    const zone = await post("/api/v1/links", { title: "D", durationsMin: [30], timeZone: "Nowhere/Else" });
    expect(zone.json().code).toBe("UNKNOWN_TIME_ZONE");
    const hosts = await post("/api/v1/links", { title: "E", durationsMin: [30], hostUserIds: ["00000000-0000-4000-8000-000000000000"] });
    expect(hosts.statusCode).toBe(400);
    expect(hosts.json().code).toBe("INVALID_HOSTS");
  });

  it("changes only the fields sent, toggles isActive, and audits old and new values", async () => {
    const link = (await post("/api/v1/links", { title: "Patch me", durationsMin: [30] })).json();
    const patched = await t.app.inject({ method: "PATCH", url: `/api/v1/links/${link.id}`, headers: bearer(t.owner), payload: { title: "Patched", isActive: false } });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ title: "Patched", isActive: false, slug: link.slug, durationsMin: [30] });
    const audit = (await t.app.inject({ method: "GET", url: "/api/v1/audit-log", headers: bearer(t.owner) })).json();
    const entry = audit.items.find((item: { action: string; target: { id: string } }) => item.action === "link.updated" && item.target.id === link.id);
    expect(entry.changes).toEqual({ title: { old: "Patch me", new: "Patched" }, isActive: { old: true, new: false } });
  });

  it("a PATCH that repeats a link's weekly hours (keys in another order than jsonb keeps them) writes no audit entry; a real change audits only what changed", async () => {
    const weeklyHours = [{ days: [1, 3], start: "08:00", end: "12:00" }, { days: [5], start: "13:00", end: "16:30" }];
    const link = (await post("/api/v1/links", { title: "Same hours", durationsMin: [30], weeklyHours })).json();
    const linkUpdates = async () => {
      const audit = (await t.app.inject({ method: "GET", url: "/api/v1/audit-log?limit=200", headers: bearer(t.owner) })).json();
      return audit.items.filter((item: { action: string; target: { id: string } | null }) => item.action === "link.updated" && item.target?.id === link.id);
    };
    const patch = (payload: object) => t.app.inject({ method: "PATCH", url: `/api/v1/links/${link.id}`, headers: bearer(t.owner), payload });

    // jsonb hands objects back with shorter keys first (end, days, start): send them in yet another order.
    const repeated = await patch({ title: "Same hours", weeklyHours: weeklyHours.map(({ days, start, end }) => ({ start, days, end })) });
    expect(repeated.statusCode, repeated.body).toBe(200);
    expect(repeated.json().weeklyHours).toEqual(weeklyHours);
    expect(await linkUpdates()).toEqual([]);

    const changedHours = [{ days: [1, 3], start: "08:00", end: "12:00" }, { days: [5], start: "13:00", end: "17:00" }];
    const changed = await patch({ title: "Same hours", weeklyHours: changedHours.map(({ end, start, days }) => ({ end, start, days })) });
    expect(changed.statusCode, changed.body).toBe(200);
    const entries = await linkUpdates();
    expect(entries).toHaveLength(1);
    expect(entries[0].changes).toEqual({ weeklyHours: { old: weeklyHours, new: changedHours } });
  });

  it("duplicates and soft-deletes", async () => {
    const link = (await post("/api/v1/links", { title: "Original", slug: "original", durationsMin: [60], bufferAfterMin: 10 })).json();
    const copy = await post(`/api/v1/links/${link.id}/duplicate`);
    expect(copy.statusCode).toBe(201);
    expect(copy.json()).toMatchObject({ slug: "original-copy", title: "Original (copy)", bufferAfterMin: 10, durationsMin: [60] });
    expect((await t.app.inject({ method: "DELETE", url: `/api/v1/links/${link.id}`, headers: bearer(t.owner) })).statusCode).toBe(204);
    expect((await t.app.inject({ method: "GET", url: `/api/v1/links/${link.id}`, headers: bearer(t.owner) })).statusCode).toBe(404);
    const list = (await t.app.inject({ method: "GET", url: "/api/v1/links", headers: bearer(t.owner) })).json();
    expect(list.items.map((l: { id: string }) => l.id)).not.toContain(link.id);
    const reuse = await post("/api/v1/links", { title: "Again", slug: "original", durationsMin: [30] });
    expect(reuse.statusCode).toBe(201);
  });
});
