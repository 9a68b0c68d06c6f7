import { describe, expect, it } from "vitest";
import { ConveneError } from "../errors.js";
import {
  assertOneTimeLinkBookable,
  assertOneTimeLinkRevocable,
  DEFAULT_ONE_TIME_LINK_LIFETIME_MS,
  MAX_OFFERED_SLOTS,
  MAX_ONE_TIME_LINK_LIFETIME_MS,
  oneTimeLinkStatus,
  planOneTimeLink,
} from "./one-time-link.js";

const NOW_MS = Date.parse("2026-11-20T12:00:00Z");
const HOUR_MS = 3_600_000;

function thrown(fn: () => unknown): ConveneError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConveneError) return error;
    throw error;
  }
  throw new Error("expected a ConveneError");
}

describe("oneTimeLinkStatus", () => {
  const pending = { bookingId: null, revokedAtMs: null, expiresAtMs: NOW_MS + HOUR_MS };

  it("is pending before expiry, expired from the expiry instant on", () => {
    expect(oneTimeLinkStatus(pending, NOW_MS)).toBe("pending");
    expect(oneTimeLinkStatus(pending, NOW_MS + HOUR_MS - 1)).toBe("pending");
    expect(oneTimeLinkStatus(pending, NOW_MS + HOUR_MS)).toBe("expired");
  });

  it("is revoked once revoked, even after expiry", () => {
    expect(oneTimeLinkStatus({ ...pending, revokedAtMs: NOW_MS }, NOW_MS)).toBe("revoked");
    expect(oneTimeLinkStatus({ ...pending, revokedAtMs: NOW_MS }, NOW_MS + 2 * HOUR_MS)).toBe("revoked");
  });

  it("is booked once booked, whatever else holds", () => {
    expect(oneTimeLinkStatus({ ...pending, bookingId: "b1" }, NOW_MS + 2 * HOUR_MS)).toBe("booked");
    expect(oneTimeLinkStatus({ ...pending, bookingId: "b1", revokedAtMs: NOW_MS }, NOW_MS)).toBe("booked");
  });

  it("reads a stored record with Dates as well", () => {
    const record = { bookingId: null, revokedAt: null, expiresAt: new Date(NOW_MS + HOUR_MS) };
    expect(oneTimeLinkStatus(record, NOW_MS)).toBe("pending");
    expect(oneTimeLinkStatus({ ...record, revokedAt: new Date(NOW_MS) }, NOW_MS)).toBe("revoked");
    expect(oneTimeLinkStatus(record, NOW_MS + HOUR_MS)).toBe("expired");
    expect(oneTimeLinkStatus({ bookingId: null, revokedAt: null, expiresAtMs: NOW_MS }, NOW_MS)).toBe("expired");
  });
});

describe("assertOneTimeLinkBookable", () => {
  const state = { bookingId: null, revokedAtMs: null, expiresAtMs: NOW_MS + HOUR_MS };
  it("passes a pending link and names why any other cannot book", () => {
    expect(() => assertOneTimeLinkBookable(state, NOW_MS)).not.toThrow();
    expect(thrown(() => assertOneTimeLinkBookable({ ...state, bookingId: "b" }, NOW_MS)).code).toBe("LINK_USED");
    expect(thrown(() => assertOneTimeLinkBookable({ ...state, revokedAtMs: NOW_MS }, NOW_MS)).code).toBe("LINK_REVOKED");
    expect(thrown(() => assertOneTimeLinkBookable(state, NOW_MS + HOUR_MS)).code).toBe("LINK_EXPIRED");
  });
});

describe("assertOneTimeLinkRevocable", () => {
  it("refuses a booked link with the booking's id", () => {
    expect(() => assertOneTimeLinkRevocable({ bookingId: null })).not.toThrow();
    const error = thrown(() => assertOneTimeLinkRevocable({ bookingId: "b1" }));
    expect(error.code).toBe("ONE_TIME_LINK_BOOKED");
    expect(error.details).toEqual({ bookingId: "b1" });
  });
});

describe("planOneTimeLink", () => {
  const link = { durationsMin: [30, 60] };
  const none = { durationMin: null, slotStartsMs: null, expiresAtMs: null };
  const pathsOf = (fn: () => unknown) => (thrown(fn).details?.["errors"] as { path: string }[]).map((e) => e.path);

  it("defaults the expiry to 14 days from now and leaves duration and slots open", () => {
    expect(planOneTimeLink(none, link, NOW_MS)).toEqual({ durationMin: null, slotStartsMs: null, expiresAtMs: NOW_MS + DEFAULT_ONE_TIME_LINK_LIFETIME_MS });
  });

  it("keeps a duration of the link and sorts the offered slots", () => {
    const plan = planOneTimeLink({ durationMin: 60, slotStartsMs: [NOW_MS + 3 * HOUR_MS, NOW_MS + HOUR_MS], expiresAtMs: NOW_MS + 1 }, link, NOW_MS);
    expect(plan).toEqual({ durationMin: 60, slotStartsMs: [NOW_MS + HOUR_MS, NOW_MS + 3 * HOUR_MS], expiresAtMs: NOW_MS + 1 });
  });

  it("refuses a duration the link does not offer", () => {
    const error = thrown(() => planOneTimeLink({ ...none, durationMin: 45 }, link, NOW_MS));
    expect(error.code).toBe("INVALID_ONE_TIME_LINK");
    expect(error.message).toBe("durationMin: must be one of the link's durations: 30, 60 minutes");
  });

  it("wants the expiry in the future and at most a year away", () => {
    expect(pathsOf(() => planOneTimeLink({ ...none, expiresAtMs: NOW_MS }, link, NOW_MS))).toEqual(["expiresAt"]);
    expect(pathsOf(() => planOneTimeLink({ ...none, expiresAtMs: NOW_MS + MAX_ONE_TIME_LINK_LIFETIME_MS + 1 }, link, NOW_MS))).toEqual(["expiresAt"]);
    expect(planOneTimeLink({ ...none, expiresAtMs: NOW_MS + MAX_ONE_TIME_LINK_LIFETIME_MS }, link, NOW_MS).expiresAtMs).toBe(NOW_MS + MAX_ONE_TIME_LINK_LIFETIME_MS);
  });

  it("wants offered slots in the future, unique, 1 to 50 of them", () => {
    expect(pathsOf(() => planOneTimeLink({ ...none, slotStartsMs: [NOW_MS + HOUR_MS, NOW_MS, NOW_MS - 1, NOW_MS + HOUR_MS] }, link, NOW_MS))).toEqual([
      "slots.1",
      "slots.2",
      "slots.3",
    ]);
    expect(pathsOf(() => planOneTimeLink({ ...none, slotStartsMs: [] }, link, NOW_MS))).toEqual(["slots"]);
    const many = Array.from({ length: MAX_OFFERED_SLOTS + 1 }, (_, i) => NOW_MS + (i + 1) * HOUR_MS);
    expect(pathsOf(() => planOneTimeLink({ ...none, slotStartsMs: many }, link, NOW_MS))).toEqual(["slots"]);
    expect(planOneTimeLink({ ...none, slotStartsMs: many.slice(1) }, link, NOW_MS).slotStartsMs).toHaveLength(MAX_OFFERED_SLOTS);
    expect(pathsOf(() => planOneTimeLink({ ...none, slotStartsMs: [Number.NaN] }, link, NOW_MS))).toEqual(["slots.0"]);
  });

  it("lists every problem at once", () => {
    expect(pathsOf(() => planOneTimeLink({ durationMin: 5, slotStartsMs: [NOW_MS], expiresAtMs: NOW_MS - 1 }, link, NOW_MS))).toEqual([
      "durationMin",
      "expiresAt",
      "slots.0",
    ]);
  });
});
