import { describe, expect, it } from "vitest";
import { assertHoldLive, assertSameSlot, holdExpiryMs, holdMinutes, holdStatus, type HeldSlot } from "./slot-hold.js";

const NOW = Date.parse("2026-11-20T12:00:00Z");
const live = { expiresAtMs: NOW + 60_000, consumedAtMs: null, releasedAtMs: null };

describe("slot hold rules", () => {
  it("reads consumed first, then expiry, then release", () => {
    expect(holdStatus(live, NOW)).toBe("live");
    expect(holdStatus(live, NOW + 60_000)).toBe("expired");
    expect(holdStatus({ ...live, releasedAtMs: NOW }, NOW)).toBe("released");
    // Freed by the sweep at its expiry: it expired, nobody let it go.
    expect(holdStatus({ ...live, releasedAtMs: NOW + 60_000 }, NOW + 61_000)).toBe("expired");
    expect(holdStatus({ ...live, consumedAtMs: NOW }, NOW + 120_000)).toBe("consumed");
  });

  it("answers HOLD_EXPIRED and HOLD_NOT_FOUND for holds that no longer hold", () => {
    expect(() => assertHoldLive(live, NOW)).not.toThrow();
    expect(() => assertHoldLive(live, NOW + 60_000)).toThrow(expect.objectContaining({ code: "HOLD_EXPIRED" }));
    expect(() => assertHoldLive({ ...live, consumedAtMs: NOW }, NOW)).toThrow(expect.objectContaining({ code: "HOLD_NOT_FOUND" }));
    expect(() => assertHoldLive({ ...live, releasedAtMs: NOW }, NOW)).toThrow(expect.objectContaining({ code: "HOLD_NOT_FOUND" }));
  });

  it("lasts 1 to 15 whole minutes, the default when none is asked for", () => {
    expect(holdMinutes(undefined, 5)).toBe(5);
    expect(holdMinutes(1, 5)).toBe(1);
    expect(holdMinutes(15, 5)).toBe(15);
    for (const bad of [0, 16, 2.5, -1]) expect(() => holdMinutes(bad, 5)).toThrow(expect.objectContaining({ code: "VALIDATION_FAILED" }));
  });

  it("never outlives the one-time link it was taken on", () => {
    expect(holdExpiryMs(NOW, 5, null)).toBe(NOW + 5 * 60_000);
    expect(holdExpiryMs(NOW, 5, NOW + 60_000)).toBe(NOW + 60_000);
    expect(holdExpiryMs(NOW, 5, NOW + 3_600_000)).toBe(NOW + 5 * 60_000);
  });

  it("names what differs between the held slot and the booked one", () => {
    const held: HeldSlot = { hostUserIds: ["b", "a"], startMs: NOW, endMs: NOW + 1_800_000, linkId: "link" };
    expect(() => assertSameSlot(held, { ...held, hostUserIds: ["a", "b"] })).not.toThrow();
    const differs = (booked: HeldSlot) => {
      try {
        assertSameSlot(held, booked);
        return null;
      } catch (error) {
        return (error as { code: string; details: { differs: string[] } }).details.differs;
      }
    };
    expect(differs({ ...held, endMs: NOW + 3_600_000 })).toEqual(["time"]);
    expect(differs({ ...held, linkId: null })).toEqual(["link"]);
    expect(differs({ ...held, hostUserIds: ["a"], startMs: NOW + 60_000 })).toEqual(["time", "hosts"]);
  });
});
