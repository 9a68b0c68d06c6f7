import { describe, expect, it } from "vitest";
import { tokenRefusal } from "./token-redemption.js";

describe("tokenRefusal", () => {
  const nowMs = Date.parse("2026-11-20T12:00:00Z");
  it("names why a token is refused, used before expired", () => {
    expect(tokenRefusal(null, nowMs)).toBe("unknown");
    expect(tokenRefusal({ usedAt: new Date(nowMs - 1), expiresAt: new Date(nowMs - 1) }, nowMs)).toBe("used");
    expect(tokenRefusal({ usedAt: null, expiresAt: new Date(nowMs) }, nowMs)).toBe("expired");
    expect(tokenRefusal({ usedAt: null, expiresAt: new Date(nowMs + 1) }, nowMs)).toBeNull();
  });
});
