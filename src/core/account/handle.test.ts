import { describe, expect, it } from "vitest";
import { isConveneError } from "../errors.js";
import { assertHandle, HANDLE_PATTERN, RESERVED_HANDLES } from "./handle.js";

function problemOf(handle: string) {
  try {
    assertHandle(handle);
    return null;
  } catch (error) {
    if (!isConveneError(error)) throw error;
    return { code: error.code, details: error.details };
  }
}

describe("assertHandle", () => {
  it("accepts what sign-up's slugify makes", () => {
    for (const handle of ["ada-lovelace", "ada2", "ab", "x".repeat(40), "a-b-c"]) expect(problemOf(handle), handle).toBeNull();
  });

  it("rejects other shapes with a field error at body.handle", () => {
    for (const handle of ["", "a", "Ada", "ada_l", "-ada", "ada-", "ada lovelace", "x".repeat(41), "adà"]) {
      expect(problemOf(handle), handle).toMatchObject({ code: "VALIDATION_FAILED", details: { errors: [{ path: "body.handle" }] } });
    }
  });

  it("rejects the first path segments the app uses, which would hide the booking pages", () => {
    for (const handle of ["dashboard", "signin", "signup", "manage", "api", "docs", "assets"]) {
      expect(problemOf(handle), handle).toMatchObject({ code: "VALIDATION_FAILED" });
    }
    // Every reserved word has the handle shape, except the one-letter "t" (/t/:token), which the pattern already refuses.
    expect([...RESERVED_HANDLES].filter((handle) => !HANDLE_PATTERN.test(handle))).toEqual(["t"]);
  });
});
