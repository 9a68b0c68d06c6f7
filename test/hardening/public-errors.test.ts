// Every error a public route answers (booking page, one-time link, manage link)
// is read by anyone holding a link: it names no user, link, tenant or booking
// by its internal id, and shows no host's busy times. Each public error is
// provoked here and its whole answer searched for UUIDs.
import type { LightMyRequestResponse } from "fastify";
import { expect, it } from "vitest";
import { book, createLink, createLinkAndBook, MEETING_START } from "../support/booking-fixtures.js";
import { describeOnEngines } from "../support/engines.js";
import { bearer, useTestApp } from "../support/test-app.js";

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
// The test clock stands at Friday 2026-11-20 12:00Z; links keep New York weekdays 09:00–17:00.
const NIGHT = "2026-12-01T03:00:00.000Z";

describeOnEngines("public errors carry no internal ids", (engine) => {
  const t = useTestApp(engine, { owners: { owner: "public-errors" } });
  const seen: string[] = [];

  /** The answer is an error with this code, and nothing in it (headers included) is a UUID. */
  function expectClean(response: LightMyRequestResponse, code: string) {
    expect(response.statusCode, response.body).toBeGreaterThanOrEqual(400);
    expect(response.json().code, response.body).toBe(code);
    // The request id is random per request (for support to find the log line), not an id of anything stored.
    const { requestId, ...problem } = response.json();
    expect(requestId).toMatch(UUID);
    expect(JSON.stringify(problem), `${code} answers an internal id`).not.toMatch(UUID);
    const headers = Object.entries(response.headers).filter(([name]) => name !== "x-request-id");
    expect(JSON.stringify(headers)).not.toMatch(UUID);
    seen.push(code);
  }

  it("on the booking page: every reason a time is refused, bad input, a switched-off link", async () => {
    const link = await createLink(t.app, t.owner, { slug: "sweep", minNoticeMin: 24 * 60, maxPerDay: 1, holidays: ["2026-12-03"], questions: [{ id: "company", label: "Company", type: "short_text", isRequired: true }] });
    const answers = { company: "Acme" };
    expectClean(await book(t.app, link.apiPath, NIGHT, { answers }), "OUTSIDE_HOURS");
    expectClean(await book(t.app, link.apiPath, "2026-12-01T14:10:00.000Z", { answers }), "OFF_GRID");
    expectClean(await book(t.app, link.apiPath, "2026-11-20T19:00:00.000Z", { answers }), "TOO_SOON");
    expectClean(await book(t.app, link.apiPath, "2027-03-01T14:00:00.000Z", { answers }), "BEYOND_WINDOW");
    expectClean(await book(t.app, link.apiPath, "2026-12-03T15:00:00.000Z", { answers }), "HOLIDAY");
    expectClean(await book(t.app, link.apiPath, MEETING_START, { answers: {} }), "INVALID_ANSWERS");
    expectClean(await book(t.app, link.apiPath, MEETING_START, { answers, timeZone: "Mars/Base" }), "UNKNOWN_TIME_ZONE");
    expectClean(await book(t.app, link.apiPath, MEETING_START, { answers, email: "nope" }), "VALIDATION_FAILED");
    expect((await book(t.app, link.apiPath, MEETING_START, { answers })).statusCode).toBe(201);
    expectClean(await book(t.app, link.apiPath, MEETING_START, { answers, email: "second@example.com" }), "SLOT_TAKEN");
    expectClean(await book(t.app, link.apiPath, "2026-12-01T16:00:00.000Z", { answers, email: "third@example.com" }), "DAY_LIMIT");
    expectClean(await t.app.inject({ method: "GET", url: `${link.apiPath}/slots?timeZone=Mars/Base` }), "UNKNOWN_TIME_ZONE");
    expectClean(await t.app.inject({ method: "GET", url: "/api/v1/public/links/nobody/nothing" }), "NOT_FOUND");

    const off = await t.app.inject({ method: "PATCH", url: `/api/v1/links/${link.id}`, headers: bearer(t.owner), payload: { isActive: false } });
    expect(off.statusCode, off.body).toBe(200);
    expectClean(await t.app.inject({ method: "GET", url: link.apiPath }), "LINK_INACTIVE");
    expectClean(await book(t.app, link.apiPath, "2026-12-02T14:00:00.000Z", { answers }), "LINK_INACTIVE");
  });

  it("on a team link: no host free names none of them", async () => {
    const member = await t.app.inject({ method: "POST", url: "/api/v1/members", headers: bearer(t.owner), payload: { email: "member-sweep@example.com", name: "Mia Member", timeZone: "Asia/Tokyo" } });
    expect(member.statusCode, member.body).toBe(201);
    for (const hostMode of ["round_robin", "collective"]) {
      const link = await createLink(t.app, t.owner, { slug: `team-${hostMode.replace("_", "-")}`, hostMode, hostUserIds: [t.owner.userId, member.json().id] });
      expectClean(await book(t.app, link.apiPath, NIGHT), "OUTSIDE_HOURS");
    }
  });

  it("on a one-time link: refused times, used and unknown tokens", async () => {
    const link = await createLink(t.app, t.owner, { slug: "once" });
    const create = async () => {
      const response = await t.app.inject({ method: "POST", url: `/api/v1/links/${link.id}/one-time`, headers: bearer(t.owner), payload: { recipient: { email: "grace@example.com", name: "Grace" } } });
      expect(response.statusCode, response.body).toBe(201);
      return response.json() as { token: string; apiUrl: string };
    };
    const pathOf = (oneTime: { apiUrl: string }) => new URL(oneTime.apiUrl).pathname;
    const first = pathOf(await create());
    expectClean(await book(t.app, first, NIGHT), "OUTSIDE_HOURS");
    expect((await book(t.app, first, "2026-12-07T14:00:00.000Z")).statusCode).toBe(201);
    const used = await t.app.inject({ method: "GET", url: first });
    expectClean(used, used.json().code);
    expectClean(await book(t.app, first, "2026-12-07T15:00:00.000Z"), used.json().code);
    expectClean(await t.app.inject({ method: "GET", url: "/api/v1/public/one-time/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" }), "NOT_FOUND");
  });

  it("on the manage link: refused reschedules, stale and finished bookings, unknown tokens", async () => {
    const { managePath } = await createLinkAndBook(t.app, t.owner, { link: { slug: "managed" }, start: "2026-12-08T14:00:00.000Z" });
    const reschedule = (start: string, sequence?: number) => t.app.inject({ method: "POST", url: `${managePath}/reschedule`, payload: { start, ...(sequence === undefined ? {} : { sequence }) } });
    expectClean(await reschedule(NIGHT), "OUTSIDE_HOURS");
    expectClean(await reschedule("2026-12-08T14:10:00.000Z"), "OFF_GRID");
    const { booking: other } = await createLinkAndBook(t.app, t.owner, { link: { slug: "managed-neighbour" }, start: "2026-12-09T14:00:00.000Z" });
    expect(other.id).toMatch(UUID);
    expectClean(await reschedule("2026-12-09T14:00:00.000Z"), "SLOT_TAKEN");
    const stale = await reschedule("2026-12-10T14:00:00.000Z", 99);
    expectClean(stale, stale.json().code);
    expect((await t.app.inject({ method: "POST", url: `${managePath}/cancel`, payload: {} })).statusCode).toBe(200);
    const again = await t.app.inject({ method: "POST", url: `${managePath}/cancel`, payload: {} });
    expectClean(again, again.json().code);
    const moved = await reschedule("2026-12-10T14:00:00.000Z");
    expectClean(moved, moved.json().code);
    expectClean(await t.app.inject({ method: "GET", url: "/api/v1/public/manage/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" }), "NOT_FOUND");
  });

  it("covered the codes a visitor can cause", () => {
    for (const code of ["OUTSIDE_HOURS", "OFF_GRID", "TOO_SOON", "BEYOND_WINDOW", "HOLIDAY", "DAY_LIMIT", "SLOT_TAKEN", "INVALID_ANSWERS", "LINK_INACTIVE", "NOT_FOUND"]) expect(seen).toContain(code);
  });
});
