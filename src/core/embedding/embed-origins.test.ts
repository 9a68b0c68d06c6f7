import { describe, expect, it } from "vitest";
import { bookingPageFrameAncestors, MAX_EMBED_ORIGINS, normalizeEmbedOrigins, operatorOrigins, parseEmbedOrigin } from "./embed-origins.js";

describe("parseEmbedOrigin", () => {
  it.each([
    ["https://www.example.com", "https://www.example.com"],
    ["  https://WWW.EXAMPLE.com/  ", "https://www.example.com"],
    ["https://www.example.com:443", "https://www.example.com"],
    ["https://shop.example:8443", "https://shop.example:8443"],
    ["http://localhost:3000", "http://localhost:3000"],
    ["http://127.0.0.1:4953", "http://127.0.0.1:4953"],
    ["http://[::1]:8080", "http://[::1]:8080"],
    ["http://app.localhost", "http://app.localhost"],
    ["https://xn--bcher-kva.example", "https://xn--bcher-kva.example"],
  ])("%j is %j", (input, origin) => expect(parseEmbedOrigin(input)).toEqual({ origin }));

  it.each(["http://example.com", "https://example.com/x", "https://example.com/?", "https://example.com#top", "https://*.example.com", "javascript:alert(1)", "data:text/html,x", "example.com", "https://u:p@example.com", "", "https://" + "a".repeat(300) + ".example"])(
    "refuses %j",
    (input) => expect(parseEmbedOrigin(input)).toHaveProperty("reason"),
  );
});

describe("normalizeEmbedOrigins", () => {
  it("drops duplicates after normalising and keeps the order", () => {
    expect(normalizeEmbedOrigins(["https://b.example", "https://A.example", "https://b.example/"])).toEqual(["https://b.example", "https://a.example"]);
  });
  it("names every refused entry", () => {
    expect(() => normalizeEmbedOrigins(["http://a.example", "https://b.example", "https://c.example/x"])).toThrow(
      expect.objectContaining({ code: "EMBED_ORIGIN_INVALID", details: { errors: [expect.objectContaining({ index: 0 }), expect.objectContaining({ index: 2 })] } }),
    );
  });
  it(`allows at most ${MAX_EMBED_ORIGINS}`, () => {
    const origins = Array.from({ length: MAX_EMBED_ORIGINS + 1 }, (_, i) => `https://s${i}.example`);
    expect(normalizeEmbedOrigins(origins.slice(1))).toHaveLength(MAX_EMBED_ORIGINS);
    expect(() => normalizeEmbedOrigins(origins)).toThrow(expect.objectContaining({ code: "EMBED_ORIGIN_INVALID" }));
  });
});

describe("bookingPageFrameAncestors", () => {
  it("is null (unframeable) when neither the operator nor the organisation allows a site", () => {
    expect(bookingPageFrameAncestors("'none'", [])).toBeNull();
  });
  it("joins the operator's sources and the organisation's origins with 'self', once each", () => {
    expect(bookingPageFrameAncestors("'none'", ["https://a.example"])).toBe("https://a.example 'self'");
    expect(bookingPageFrameAncestors("'self' https://op.example", ["https://a.example", "https://op.example"])).toBe("'self' https://op.example https://a.example");
  });
  it("reads the operator's http(s) origins", () => {
    expect(operatorOrigins("'self' https://op.example http://localhost:1")).toEqual(["https://op.example", "http://localhost:1"]);
    expect(operatorOrigins("'none'")).toEqual([]);
  });
});
