import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { docsPolicy, inlineScriptHashes, isBookingPagePath, pageHeadersFor } from "./security-headers.js";

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

describe("docsPolicy", () => {
  it("keeps swagger-ui's scripts, forbids framing, drops the https upgrade and allows its injected styles", () => {
    const swagger = "default-src 'self'; frame-ancestors 'self'; script-src 'self' 'sha256-abc'; style-src 'self' https: 'sha256-def'; upgrade-insecure-requests;";
    expect(docsPolicy(swagger)).toBe("default-src 'self'; frame-ancestors 'none'; script-src 'self' 'sha256-abc'; style-src 'self' https: 'unsafe-inline';");
  });
});
