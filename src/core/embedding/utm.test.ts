import { describe, expect, it } from "vitest";
import { MAX_UTM_CHARS, utmOf } from "./utm.js";

describe("utmOf", () => {
  it("keeps the non-empty utm_* values, trimmed and cut", () => {
    expect(utmOf({ utm_source: " news ", utm_medium: "", utm_campaign: "x".repeat(MAX_UTM_CHARS + 5) })).toEqual({ source: "news", campaign: "x".repeat(MAX_UTM_CHARS) });
  });
  it("is null without any", () => {
    expect(utmOf({})).toBeNull();
    expect(utmOf({ utm_term: "   " })).toBeNull();
  });
});
