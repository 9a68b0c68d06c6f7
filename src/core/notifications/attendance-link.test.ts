import { describe, expect, it } from "vitest";
import { isConveneError } from "../errors.js";
import { readAttendanceToken, signAttendanceToken, type AttendanceClaim } from "./attendance-link.js";

const key = new Uint8Array(32).fill(7);
const claim: AttendanceClaim = {
  tenantId: "11111111-2222-4333-8444-555555555555",
  bookingId: "66666666-7777-4888-9999-aaaaaaaaaaaa",
  hostUserId: "bbbbbbbb-cccc-4ddd-8eee-ffffffffffff",
  mark: "no_show",
  expiresAtMs: Date.parse("2026-12-15T10:00:00Z"),
};
const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return isConveneError(error) ? error.code : String(error);
  }
  return "no error";
};

describe("attendance link tokens", () => {
  it("reads back the claim it signed, before its expiry", () => {
    const token = signAttendanceToken(key, claim);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(readAttendanceToken(key, token, claim.expiresAtMs - 1)).toEqual(claim);
    expect(readAttendanceToken(key, signAttendanceToken(key, { ...claim, mark: "showed" }), 0).mark).toBe("showed");
  });

  it("refuses an expired token, a token of another key, and any changed byte", () => {
    const token = signAttendanceToken(key, claim);
    expect(codeOf(() => readAttendanceToken(key, token, claim.expiresAtMs))).toBe("ATTENDANCE_LINK_EXPIRED");
    expect(codeOf(() => readAttendanceToken(new Uint8Array(32).fill(8), token, 0))).toBe("ATTENDANCE_LINK_INVALID");
    const bytes = Buffer.from(token, "base64url");
    for (const index of [0, 20, 48, 50, bytes.length - 1]) {
      const changed = Buffer.from(bytes);
      changed[index] = changed[index]! ^ 1;
      expect(codeOf(() => readAttendanceToken(key, changed.toString("base64url"), 0)), `byte ${index}`).toBe("ATTENDANCE_LINK_INVALID");
    }
    expect(codeOf(() => readAttendanceToken(key, token.slice(0, -2), 0))).toBe("ATTENDANCE_LINK_INVALID");
    expect(codeOf(() => readAttendanceToken(key, "not a token", 0))).toBe("ATTENDANCE_LINK_INVALID");
  });
});
