// Cal.com's bookings client against the strict local fake: the version header,
// the window and pages, the mapping of each status, and a provider that refuses
// the key, fails or is down.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { calcomApi } from "../../src/adapters/inbound/calcom/calcom-api.js";
import { ConveneError } from "../../src/core/errors.js";
import { startCalcomFake, type CalcomFake, type CalcomFakeBooking } from "../fakes/calcom/calcom-fake.js";

const KEY = "cal_live_owner";
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const NOW_MS = Date.parse("2026-03-05T12:00:00Z");
const FROM_MS = NOW_MS - 3 * DAY_MS;
const TO_MS = NOW_MS + 3 * DAY_MS;

let fake: CalcomFake;
const api = () => calcomApi({ baseUrl: fake.baseUrl, timeoutMs: 5_000, sleep: async () => undefined });
const booking = (n: number, overrides: Partial<CalcomFakeBooking> = {}): CalcomFakeBooking => ({
  uid: `uid-${n}`,
  title: `Intro ${n}`,
  status: "accepted",
  startMs: FROM_MS + n * HOUR_MS,
  endMs: FROM_MS + n * HOUR_MS + 30 * 60_000,
  hostEmail: "host@convene.test",
  attendees: [{ name: `Lead ${n}`, email: `lead${n}@example.com`, timeZone: "Europe/Paris" }],
  ...overrides,
});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ConveneError) return error.code;
    throw error;
  }
  throw new Error("expected a ConveneError");
}

beforeAll(async () => {
  fake = await startCalcomFake({ nowMs: () => NOW_MS });
  fake.addApiKey(KEY);
  fake.addApiKey("cal_live_other");
  // 130 bookings inside the window (past and upcoming): two pages of 100.
  for (let n = 1; n <= 130; n += 1) fake.putBooking(KEY, booking(n));
  fake.putBooking(KEY, booking(200, { startMs: TO_MS + HOUR_MS, endMs: TO_MS + 2 * HOUR_MS }));
  fake.putBooking(KEY, booking(201, { startMs: FROM_MS - 2 * HOUR_MS, endMs: FROM_MS - HOUR_MS }));
  // Starts inside the window, ends after it: found through the end slack.
  fake.putBooking(KEY, booking(202, { startMs: TO_MS - 15 * 60_000, endMs: TO_MS + 15 * 60_000 }));
  fake.putBooking(KEY, booking(131, { status: "cancelled", cancellationReason: "No budget" }));
  fake.putBooking(KEY, booking(132, { status: "cancelled", rescheduledToUid: "uid-133" }));
  fake.putBooking(KEY, booking(133, { rescheduledFromUid: "uid-132", meetingUrl: "https://cal.video/abc", responses: { company: "Acme", notes: "" } }));
  fake.putBooking(KEY, booking(134, { attendees: [{ name: "Gone", email: "gone@example.com", timeZone: "UTC", absent: true }] }));
  fake.putBooking(KEY, booking(135, { status: "pending" }));
  fake.putBooking("cal_live_other", booking(300));
});
afterAll(() => fake.stop());
afterEach(() => fake.setOutage(null));

describe("Cal.com backfill", () => {
  it("sends the documented version header and filters, and reads every page", async () => {
    const changes = await api().listBookings(KEY, { fromMs: FROM_MS, toMs: TO_MS });
    const requests = fake.requests().filter((request) => request.path === "/v2/bookings");
    expect(requests.length).toBeGreaterThanOrEqual(2);
    expect(requests[0]!.headers["cal-api-version"]).toBe("2024-08-13");
    expect(requests[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(requests[0]!.query).toMatchObject({ afterStart: new Date(FROM_MS).toISOString(), status: "upcoming,past,cancelled", take: "100", skip: "0" });
    expect(requests[1]!.query.skip).toBe("100");
    const uids = new Set(changes.map((change) => change.uid));
    for (let n = 1; n <= 134; n += 1) expect(uids.has(`uid-${n}`), `uid-${n}`).toBe(true);
    expect(uids.has("uid-202")).toBe(true);
    for (const outside of ["uid-200", "uid-201", "uid-135", "uid-300"]) expect(uids.has(outside), outside).toBe(false);
  });

  it("maps cancellations with their reason, the reschedule pair, answers, and an all-absent booking as a no-show", async () => {
    const changes = await api().listBookings(KEY, { fromMs: FROM_MS, toMs: TO_MS });
    const of = (uid: string) => changes.filter((change) => change.uid === uid);
    expect(of("uid-1")).toEqual([
      expect.objectContaining({ kind: "booked", title: "Intro 1", hostEmail: "host@convene.test", attendees: [{ name: "Lead 1", email: "lead1@example.com", timeZone: "Europe/Paris" }], previousUid: null, attendance: null }),
    ]);
    expect(of("uid-131")).toMatchObject([{ kind: "cancelled", cancelReason: "No budget", isRescheduleCancel: false }]);
    expect(of("uid-132")).toMatchObject([{ kind: "cancelled", isRescheduleCancel: true }]);
    expect(of("uid-133")).toMatchObject([{ kind: "booked", previousUid: "uid-132", meetingUrl: "https://cal.video/abc", answers: { company: "Acme" } }]);
    expect(of("uid-134")).toMatchObject([{ kind: "booked" }, { kind: "attendance", attendance: "no_show" }]);
  });
});

describe("Cal.com failures", () => {
  it("a refused key is INBOUND_PROVIDER_AUTH_FAILED; the fake answers in Cal.com's error shape", async () => {
    expect(await codeOf(api().listBookings("cal_live_revoked", { fromMs: FROM_MS, toMs: TO_MS }))).toBe("INBOUND_PROVIDER_AUTH_FAILED");
    const response = await fetch(`${fake.baseUrl}/v2/bookings`, { headers: { "cal-api-version": "2024-08-13" } });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ status: "error", error: { code: "UnauthorizedException" } });
  });

  it("5xx, a closed connection and a refused connection are INBOUND_PROVIDER_UNREACHABLE", async () => {
    fake.failNext(1, { status: 500 });
    expect(await codeOf(api().listBookings(KEY, { fromMs: FROM_MS, toMs: TO_MS }))).toBe("INBOUND_PROVIDER_UNREACHABLE");
    for (const mode of ["503", "close", "refuse"] as const) {
      await fake.setOutage(mode);
      expect(await codeOf(api().listBookings(KEY, { fromMs: FROM_MS, toMs: TO_MS })), mode).toBe("INBOUND_PROVIDER_UNREACHABLE");
    }
    await fake.setOutage(null);
    await expect(api().listBookings(KEY, { fromMs: FROM_MS, toMs: TO_MS })).resolves.not.toHaveLength(0);
  });

  it("the fake is strict: unknown parameters, bad times and a missing version header", async () => {
    const get = (query: string, headers: Record<string, string> = { "cal-api-version": "2024-08-13" }) =>
      fetch(`${fake.baseUrl}/v2/bookings?${query}`, { headers: { authorization: `Bearer ${KEY}`, ...headers } });
    expect((await get("colour=red")).status).toBe(400);
    expect((await get("afterStart=last-tuesday")).status).toBe(400);
    expect((await get("status=done")).status).toBe(400);
    expect((await get("take=0")).status).toBe(400);
    const legacy = (await (await get("take=1", {})).json()) as { data: unknown };
    expect(Array.isArray(legacy.data)).toBe(false);
  });
});
