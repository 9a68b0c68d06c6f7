// Load and abuse (issue 10, items 10 and 13): the largest slot query is
// answered in bounded pages that a client can follow without gaps, slot
// queries have their own per-IP bucket, and wrong passwords from one place
// cannot lock the t.owner out from another.
import { expect, it } from "vitest";
import { MAX_SLOTS_PER_ANSWER } from "../../src/core/availability/query-bounds.js";
import { createLink } from "../support/booking-fixtures.js";
import { describeOnEngines } from "../support/engines.js";
import { signUpOwner, useTestApp } from "../support/test-app.js";

const DAY_MS = 86_400_000;
const FIVE_MIN_MS = 300_000;
const AROUND_THE_CLOCK = {
  durationsMin: [5],
  slotIntervalMin: 5,
  timeZone: "UTC",
  maxDaysAhead: 366,
  weeklyHours: [{ days: [0, 1, 2, 3, 4, 5, 6], start: "00:00", end: "24:00" }],
};

type SlotsAnswer = { days: { date: string; slots: { start: string }[] }[]; truncated: boolean; nextFrom: string | null };
const startsOf = (answer: SlotsAnswer) => answer.days.flatMap((day) => day.slots.map((slot) => Date.parse(slot.start)));
const iso = (ms: number) => new Date(ms).toISOString();

describeOnEngines("load and abuse", (engine) => {
  const t = useTestApp(engine, { owners: { owner: "owner" } });

  it("answers a 366-day window of a 24/7 5-minute link in pages of at most MAX_SLOTS_PER_ANSWER that join without gaps", async () => {
    const link = await createLink(t.app, t.owner, AROUND_THE_CLOCK);
    const fromMs = t.clock.nowMs;
    const toMs = fromMs + 366 * DAY_MS;
    const all: number[] = [];
    let from = iso(fromMs);
    let pages = 0;
    for (;;) {
      const response = await t.app.inject({ method: "GET", url: `${link.apiPath}/slots?from=${from}&to=${iso(toMs)}&durationMin=5` });
      expect(response.statusCode, response.body).toBe(200);
      const answer = response.json() as SlotsAnswer;
      const starts = startsOf(answer);
      expect(starts.length).toBeLessThanOrEqual(MAX_SLOTS_PER_ANSWER);
      pages += 1;
      all.push(...starts);
      if (!answer.truncated) {
        expect(answer.nextFrom).toBeNull();
        break;
      }
      expect(Date.parse(answer.nextFrom!)).toBeGreaterThan(Date.parse(from));
      from = answer.nextFrom!;
    }
    // Every 5-minute start from now until 5 minutes before the window's end, each once, in order.
    expect(all.length).toBe(366 * 288);
    expect(all[0]).toBe(fromMs);
    for (let i = 1; i < all.length; i++) if (all[i]! - all[i - 1]! !== FIVE_MIN_MS) expect.fail(`gap or repeat at ${iso(all[i]!)}`);
    expect(pages).toBeGreaterThanOrEqual(11);
  });

  it("still gives the booking page a whole month (the month ± a day) of a 24/7 5-minute link in one answer", async () => {
    const link = await createLink(t.app, t.owner, AROUND_THE_CLOCK);
    const from = "2026-11-30T00:00:00.000Z"; // December ± a day, as web/src/public/month.ts asks
    const to = "2027-01-02T00:00:00.000Z";
    const response = await t.app.inject({ method: "GET", url: `${link.apiPath}/slots?from=${from}&to=${to}&durationMin=5&timeZone=Pacific/Kiritimati` });
    expect(response.statusCode, response.body).toBe(200);
    const answer = response.json() as SlotsAnswer;
    expect(answer).toMatchObject({ truncated: false, nextFrom: null });
    expect(startsOf(answer)).toHaveLength(33 * 288);
  });

  it("still refuses a window over 366 days", async () => {
    const link = await createLink(t.app, t.owner, AROUND_THE_CLOCK);
    const fromMs = t.clock.nowMs;
    const response = await t.app.inject({ method: "GET", url: `${link.apiPath}/slots?from=${iso(fromMs)}&to=${iso(fromMs + 367 * DAY_MS)}` });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe("WINDOW_TOO_LONG");
  });

  it("lets the t.owner sign in from elsewhere while another IP keeps failing, and slows the failing IP down", async () => {
    const target = await signUpOwner(t.app, "target");
    const login = (password: string, ip: string) =>
      t.app.inject({ method: "POST", url: "/api/v1/auth/login", remoteAddress: ip, payload: { email: target.email, password } });
    for (let i = 0; i < 12; i++) await login("wrong password", "203.0.113.7");

    // The attacker's failures do not reach the owner's own IP.
    const owners = await login(target.password, "198.51.100.20");
    expect(owners.statusCode, owners.body).toBe(200);

    // The failing IP waits, even with the right password (it learns nothing), and the wait grows.
    const startMs = t.clock.nowMs;
    try {
      const held = await login(target.password, "203.0.113.7");
      expect(held.statusCode).toBe(429);
      expect(held.json().code).toBe("ACCOUNT_LOCKED");
      expect(Number(held.headers["retry-after"])).toBe(30);
      t.clock.nowMs = startMs + 30_000;
      expect((await login("wrong password", "203.0.113.7")).json().code).toBe("INVALID_CREDENTIALS");
      const longer = await login(target.password, "203.0.113.7");
      expect(longer.json().code).toBe("ACCOUNT_LOCKED");
      expect(Number(longer.headers["retry-after"])).toBe(60);
      // After the window, the slate is clean.
      t.clock.nowMs = startMs + 16 * 60_000;
      expect((await login(target.password, "203.0.113.7")).statusCode).toBe(200);
    } finally {
      t.clock.nowMs = startMs;
    }
  });

  it("under a distributed attack, a failing IP waits after one failure but a clean IP with the right password passes", async () => {
    const target = await signUpOwner(t.app, "botnet-target");
    const login = (password: string, ip: string) =>
      t.app.inject({ method: "POST", url: "/api/v1/auth/login", remoteAddress: ip, payload: { email: target.email, password } });
    for (let bot = 0; bot < 5; bot++) for (let i = 0; i < 10; i++) await login("wrong password", `192.0.2.${bot + 1}`);
    expect((await login("still wrong", "192.0.2.200")).json().code).toBe("INVALID_CREDENTIALS");
    expect((await login("still wrong", "192.0.2.200")).json().code).toBe("ACCOUNT_LOCKED");
    expect((await login(target.password, "198.51.100.21")).statusCode).toBe(200);
  });
});

describeOnEngines("slot reads' own rate limit", (engine) => {
  const t = useTestApp(engine, { rateLimits: { signInPerMinute: 1000, signUpPerMinute: 1000, publicReadsPerMinute: 1000, slotReadsPerMinute: 3 }, owners: { owner: "owner" } });

  it("limits slot queries per IP apart from cheap page reads", async () => {
    const link = await createLink(t.app, t.owner, AROUND_THE_CLOCK);
    const slots = (ip: string) => t.app.inject({ method: "GET", url: `${link.apiPath}/slots`, remoteAddress: ip });
    for (let i = 0; i < 3; i++) expect((await slots("203.0.113.9")).statusCode).toBe(200);
    const limited = await slots("203.0.113.9");
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe("RATE_LIMITED");
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    // The page itself (a cheap read) and other IPs are unaffected.
    expect((await t.app.inject({ method: "GET", url: link.apiPath, remoteAddress: "203.0.113.9" })).statusCode).toBe(200);
    expect((await slots("198.51.100.30")).statusCode).toBe(200);
  });
});
