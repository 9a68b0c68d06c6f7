import { describe, expect, it } from "vitest";
import { bookingIdOfUid, bookingUid, expansionHorizonMs, MAX_SYNC_BACKOFF_MS, nextSyncAtMs, stalenessMs } from "./connections.js";

const NOW = Date.parse("2026-12-02T10:00:00Z");
const DAY = 86_400_000;

describe("nextSyncAtMs", () => {
  it("waits the interval after a success", () => {
    expect(nextSyncAtMs(NOW, { status: "ok", failures: 0 }, 300_000)).toBe(NOW + 300_000);
  });

  it("backs off from a minute, doubling, up to an hour after failures", () => {
    expect(nextSyncAtMs(NOW, { status: "error", failures: 1 }, 5_000)).toBe(NOW + 60_000);
    expect(nextSyncAtMs(NOW, { status: "error", failures: 2 }, 5_000)).toBe(NOW + 120_000);
    expect(nextSyncAtMs(NOW, { status: "error", failures: 4 }, 5_000)).toBe(NOW + 480_000);
    expect(nextSyncAtMs(NOW, { status: "error", failures: 40 }, 5_000)).toBe(NOW + MAX_SYNC_BACKOFF_MS);
  });

  it("waits the longest backoff for refused credentials", () => {
    expect(nextSyncAtMs(NOW, { status: "needs_reconnect", failures: 1 }, 300_000)).toBe(NOW + MAX_SYNC_BACKOFF_MS);
  });
});

describe("own event UIDs", () => {
  it("recognises the UID Convene gives a booking, and nothing else", () => {
    const id = "0f8fad5b-d9cb-469f-a165-70867728950e";
    expect(bookingIdOfUid(bookingUid(id))).toBe(id);
    expect(bookingIdOfUid(`${id.toUpperCase()}@convene`)).toBe(id);
    expect(bookingIdOfUid(`${id}@example.com`)).toBeNull();
    expect(bookingIdOfUid(`x${id}@convene`)).toBeNull();
    expect(bookingIdOfUid(null)).toBeNull();
  });
});

describe("expansionHorizonMs", () => {
  it("covers the longest booking window, at least two weeks and at most a year and a day", () => {
    expect(expansionHorizonMs(NOW, [30, 60])).toBe(NOW + 61 * DAY);
    expect(expansionHorizonMs(NOW, [3])).toBe(NOW + 15 * DAY);
    expect(expansionHorizonMs(NOW, [])).toBe(NOW + 15 * DAY);
    expect(expansionHorizonMs(NOW, [30, null])).toBe(NOW + 367 * DAY);
  });
});

describe("stalenessMs", () => {
  it("is the age of the last successful sync", () => {
    expect(stalenessMs(NOW - 5_000, NOW)).toBe(5_000);
    expect(stalenessMs(null, NOW)).toBeNull();
  });
});
