// The link wizard's live preview: POST /links/preview-slots answers what the
// saved link's public slots would be, from the same engine and bookings, and
// saves nothing.
import { expect, it } from "vitest";
import { createLink, createLinkAndBook, NY_WEEKDAYS } from "../support/booking-fixtures.js";
import { describeOnEngines } from "../support/engines.js";
import { bearer, useTestApp } from "../support/test-app.js";

const PREVIEW = "/api/v1/links/preview-slots";
const DRAFT = { title: "Intro call", durationsMin: [30], slotIntervalMin: 30, maxDaysAhead: 60, ...NY_WEEKDAYS };

type SlotsBody = { timeZone: string; durationMin: number; days: { date: string; slots: { start: string; end: string }[] }[] };

describeOnEngines("link slot preview", (engine) => {
  const t = useTestApp(engine, { owners: { owner: "preview" } });
  const preview = (payload: object, query = "") => t.app.inject({ method: "POST", url: `${PREVIEW}${query}`, headers: bearer(t.owner), payload });
  const startsOn = (body: SlotsBody, date: string) => body.days.find((day) => day.date === date)?.slots.map((slot) => slot.start) ?? [];

  it("answers exactly the public slots the saved link offers, grouped by the draft's zone", async () => {
    const response = await preview(DRAFT, "?days=14");
    expect(response.statusCode, response.body).toBe(200);
    const drafted: SlotsBody = response.json();
    expect(drafted).toMatchObject({ timeZone: "America/New_York", durationMin: 30 });
    // Friday 20 November, 07:00 in New York: the whole day 09:00–17:00 is still ahead.
    expect(drafted.days[0]).toMatchObject({ date: "2026-11-20", slots: expect.any(Array) });
    expect(drafted.days[0]!.slots).toHaveLength(16);
    expect(drafted.days.map((day) => day.date)).not.toContain("2026-11-21");

    const link = await createLink(t.app, t.owner, { ...DRAFT, slug: "preview-equivalence" });
    const to = new Date(t.clock.nowMs + 14 * 86_400_000).toISOString();
    const saved = (await t.app.inject({ method: "GET", url: `${link.apiPath}/slots?from=${new Date(t.clock.nowMs).toISOString()}&to=${to}` })).json();
    expect(drafted).toEqual(saved);
  });

  it("saves nothing and leaves no audit entry", async () => {
    const before = (await t.app.inject({ method: "GET", url: "/api/v1/links", headers: bearer(t.owner) })).json().items.length;
    const auditBefore = (await t.app.inject({ method: "GET", url: "/api/v1/audit-log", headers: bearer(t.owner) })).json().items.length;
    expect((await preview({ ...DRAFT, title: "Never saved", slug: "never-saved" })).statusCode).toBe(200);
    const links = (await t.app.inject({ method: "GET", url: "/api/v1/links", headers: bearer(t.owner) })).json().items;
    expect(links).toHaveLength(before);
    expect(links.map((l: { slug: string }) => l.slug)).not.toContain("never-saved");
    expect((await t.app.inject({ method: "GET", url: "/api/v1/audit-log", headers: bearer(t.owner) })).json().items).toHaveLength(auditBefore);
  });

  it("applies overrides, holidays, buffers and the host's existing bookings", async () => {
    await createLinkAndBook(t.app, t.owner, { link: { ...DRAFT, slug: "busy-maker" }, start: "2026-11-24T15:00:00Z" }); // Tuesday 10:00 New York
    const body: SlotsBody = (
      await preview({
        ...DRAFT,
        bufferAfterMin: 30,
        holidays: ["2026-11-26"],
        dateOverrides: [
          { date: "2026-11-23", intervals: [{ start: "13:00", end: "14:00" }] },
          { date: "2026-11-25", intervals: [] },
        ],
      })
    ).json();
    expect(startsOn(body, "2026-11-23")).toEqual(["2026-11-23T18:00:00.000Z", "2026-11-23T18:30:00.000Z"]);
    expect(startsOn(body, "2026-11-25")).toEqual([]);
    expect(startsOn(body, "2026-11-26")).toEqual([]);
    const tuesday = startsOn(body, "2026-11-24");
    // The booking holds 15:00–15:30; 30 minutes after a meeting rule out 14:30 as well.
    expect(tuesday).toEqual(expect.arrayContaining(["2026-11-24T14:00:00.000Z", "2026-11-24T15:30:00.000Z"]));
    expect(tuesday).not.toContain("2026-11-24T14:30:00.000Z");
    expect(tuesday).not.toContain("2026-11-24T15:00:00.000Z");
  });

  it("groups by the viewer's zone and counts the days asked for", async () => {
    const body: SlotsBody = (await preview(DRAFT, "?timeZone=Asia/Tokyo&days=3&durationMin=30")).json();
    expect(body.timeZone).toBe("Asia/Tokyo");
    // Friday 09:00–17:00 in New York is Friday 23:00 – Saturday 07:00 in Tokyo; three days end before Monday's hours.
    expect(body.days.map((day) => [day.date, day.slots.length])).toEqual([["2026-11-20", 2], ["2026-11-21", 14]]);
    expect(body.days.flatMap((day) => day.slots)).toHaveLength(16);
  });

  it("refuses bad drafts and bad questions with the codes and paths link creation uses", async () => {
    const rules = await preview({ ...DRAFT, durationsMin: [3], weeklyHours: [{ days: [1], start: "17:00", end: "09:00" }] });
    expect([rules.statusCode, rules.json().code]).toEqual([400, "INVALID_RULES"]);
    expect(rules.json().errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(["durationsMin.0", "weeklyHours.0.end"]));
    const shape = await preview({ durationsMin: [30] });
    expect([shape.statusCode, shape.json().code]).toEqual([400, "VALIDATION_FAILED"]);
    expect(shape.json().errors.map((e: { path: string }) => e.path)).toContain("body.title");
    expect((await preview({ ...DRAFT, timeZone: "Nowhere/Else" })).json().code).toBe("UNKNOWN_TIME_ZONE");
    expect((await preview(DRAFT, "?timeZone=Mars/Base")).json().code).toBe("UNKNOWN_TIME_ZONE");
    expect((await preview(DRAFT, "?days=400")).json().code).toBe("VALIDATION_FAILED");
    expect((await preview(DRAFT, "?durationMin=45")).json().code).toBe("VALIDATION_FAILED");
    const template = await preview({ ...DRAFT, templateId: "00000000-0000-4000-8000-000000000000" });
    expect([template.statusCode, template.json().code]).toEqual([400, "TEMPLATE_NOT_FOUND"]);
  });

  it("needs a signed-in caller, and the CSRF token with a session", async () => {
    expect((await t.app.inject({ method: "POST", url: PREVIEW, payload: DRAFT })).statusCode).toBe(401);
    const noCsrf = await t.app.inject({ method: "POST", url: PREVIEW, headers: { cookie: t.owner.cookie }, payload: DRAFT });
    expect([noCsrf.statusCode, noCsrf.json().code]).toEqual([403, "CSRF_TOKEN_INVALID"]);
    const withCsrf = await t.app.inject({ method: "POST", url: PREVIEW, headers: { cookie: t.owner.cookie, "x-csrf-token": t.owner.csrfToken }, payload: DRAFT });
    expect(withCsrf.statusCode).toBe(200);
  });
});
