import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { bookingPageRef, docsPolicy, inlineScriptHashes, isBookingPagePath, pageHeadersFor } from "./security-headers.js";

describe("isBookingPagePath", () => {
  it.each(["/ada/intro-call", "/t/abcdef", "/ada/intro-call/"])("%s is a booking page", (path) => expect(isBookingPagePath(path)).toBe(true));
  it.each(["/", "/signin", "/dashboard/links", "/dashboard/links/1", "/manage/tok", "/ada", "/ada/intro/extra", "/docs/x", "//x"])("%s is not", (path) =>
    expect(isBookingPagePath(path)).toBe(false),
  );
});

describe("page policy", () => {
  const script = 'try { document.documentElement.dataset.theme = "dark"; } catch (e) {}';
  const html = `<script>${script}</script><script type="module" crossorigin src="/assets/index.js"></script>`;

  it("allows inline scripts by their hash and module scripts by origin", () => {
    expect(inlineScriptHashes(html)).toEqual([`'sha256-${createHash("sha256").update(script).digest("base64")}'`]);
    expect(pageHeadersFor(html, "'none'")("/")["content-security-policy"]).toMatch(/script-src 'self' 'sha256-[^']+';/);
  });

  it("frames booking pages only from the configured ancestors, and nothing else ever", () => {
    const headers = pageHeadersFor(html, "https://a.example https://b.example");
    expect(headers("/ada/intro")["content-security-policy"]).toContain("frame-ancestors https://a.example https://b.example");
    expect(headers("/ada/intro")["x-frame-options"]).toBeUndefined();
    expect(headers("/manage/tok")["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(headers("/manage/tok")["x-frame-options"]).toBe("DENY");
  });
});

describe("booking pages by their organisation's embed origins", () => {
  const headers = pageHeadersFor("<div id=root></div>", "'none'");

  it("frames a booking page from its organisation's sites and itself; never a manage page or the dashboard", () => {
    expect(headers("/ada/intro", ["https://a.example"])["content-security-policy"]).toMatch(/frame-ancestors https:\/\/a.example 'self'$/);
    expect(headers("/ada/intro", ["https://a.example"])["x-frame-options"]).toBeUndefined();
    for (const path of ["/manage/tok", "/dashboard/links"]) {
      expect(headers(path, ["https://a.example"])["content-security-policy"]).toContain("frame-ancestors 'none'");
      expect(headers(path, ["https://a.example"])["x-frame-options"]).toBe("DENY");
    }
  });

  it("stays unframeable when the organisation lists no site", () => {
    expect(headers("/ada/intro", [])["x-frame-options"]).toBe("DENY");
  });
});

describe("bookingPageRef", () => {
  it("names the link of a booking page's address", () => {
    expect(bookingPageRef("/ada/intro%20call")).toEqual({ handle: "ada", slug: "intro call" });
    expect(bookingPageRef("/t/abc")).toEqual({ token: "abc" });
    expect(bookingPageRef("/manage/abc")).toBeNull();
    expect(bookingPageRef("/ada/%E0%A4%A")).toBeNull();
  });
});

describe("docsPolicy", () => {
  it("keeps swagger-ui's scripts, forbids framing, drops the https upgrade and allows its injected styles", () => {
    const swagger = "default-src 'self'; frame-ancestors 'self'; script-src 'self' 'sha256-abc'; style-src 'self' https: 'sha256-def'; upgrade-insecure-requests;";
    expect(docsPolicy(swagger)).toBe("default-src 'self'; frame-ancestors 'none'; script-src 'self' 'sha256-abc'; style-src 'self' https: 'unsafe-inline';");
  });
});
