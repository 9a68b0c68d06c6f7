// Embedding booking pages on other sites (issue 16, part 4): the organisation's
// allow-list (validation, audit), the frame-ancestors each page answers by its
// link's organisation, the page's embedOrigins and UTM recorded with its view,
// and the embed.js script's caching.
import { and, eq } from "drizzle-orm";
import type { LightMyRequestResponse } from "fastify";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { linkViews } from "../../src/adapters/db/schema.js";
import { MAX_EMBED_ORIGINS } from "../../src/core/embedding/embed-origins.js";
import { createLink } from "../support/booking-fixtures.js";
import { describeOnEngines } from "../support/engines.js";
import { bearer, useTestApp, type Owner } from "../support/test-app.js";

const HTML = { accept: "text/html" };
const SCRIPT = "/* the widget */ window.Convene = { version: 1 };";

function expectProblem(response: LightMyRequestResponse, status: number, code: string) {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
  const body = response.json();
  expect(body.code).toBe(code);
  return body;
}

const frameAncestorsOf = (response: LightMyRequestResponse) => /frame-ancestors ([^;]*)/.exec(String(response.headers["content-security-policy"]))?.[1];

describeOnEngines("embedding", (engine) => {
  // The app takes its web root when the suite is collected, so the files are written then.
  const webRoot = mkdtempSync(path.join(tmpdir(), "convene-embed-"));
  mkdirSync(path.join(webRoot, "assets"));
  writeFileSync(path.join(webRoot, "index.html"), `<!doctype html><script type="module" src="/assets/app.js"></script><div id=root></div>`);
  writeFileSync(path.join(webRoot, "embed.js"), SCRIPT);
  const t = useTestApp(engine, { webRoot, owners: { owner: "embed", other: "embed-other" } });
  afterAll(() => rmSync(webRoot, { recursive: true, force: true }));

  let bookingPath: string;
  let apiPath: string;
  let otherBookingPath: string;
  let oneTimePath: string;
  beforeAll(async () => {
    const link = await createLink(t.app, t.owner);
    bookingPath = new URL(link.bookingUrl).pathname;
    apiPath = link.apiPath;
    otherBookingPath = new URL((await createLink(t.app, t.other)).bookingUrl).pathname;
    const oneTime = await t.app.inject({ method: "POST", url: `/api/v1/links/${link.id}/one-time`, headers: bearer(t.owner), payload: { recipient: { email: "pat@prospect.example", name: "Pat" } } });
    expect(oneTime.statusCode, oneTime.body).toBe(201);
    oneTimePath = new URL(oneTime.json().bookingUrl).pathname;
  });

  const setOrigins = (embedOrigins: unknown, who: Owner = t.owner) => t.app.inject({ method: "PATCH", url: "/api/v1/organization", headers: bearer(who), payload: { embedOrigins } });
  const page = (url: string) => t.app.inject({ method: "GET", url, headers: HTML });

  describe("the allow-list", () => {
    it.each([
      ["http://www.example.com", "must use https://"],
      ["https://www.example.com/book", "without a path"],
      ["https://www.example.com?x=1", "without a path"],
      ["https://*.example.com", "wildcards"],
      ["ftp://www.example.com", "must start with https://"],
      ["www.example.com", "must be an origin"],
      ["https://user:secret@www.example.com", "user name"],
      ["https://a.example 'unsafe-inline'", "must be an origin"],
      ["", "must be an origin"],
    ])("refuses %j with EMBED_ORIGIN_INVALID", async (bad, reason) => {
      const body = expectProblem(await setOrigins(["https://ok.example", bad]), 400, "EMBED_ORIGIN_INVALID");
      expect(body.errors ?? body.details?.errors).toEqual([{ index: 1, origin: bad, reason: expect.stringContaining(reason) }]);
    });

    it(`refuses more than ${MAX_EMBED_ORIGINS} sites`, async () => {
      const many = Array.from({ length: MAX_EMBED_ORIGINS + 1 }, (_, i) => `https://site${i}.example`);
      expectProblem(await setOrigins(many), 400, "EMBED_ORIGIN_INVALID");
      expect((await setOrigins(many.slice(0, MAX_EMBED_ORIGINS))).statusCode).toBe(200);
    });

    it("keeps normalised origins without duplicates (http only for this machine), audited, and leaves other organisations alone", async () => {
      const response = await setOrigins(["HTTPS://WWW.Example.COM:443/", "https://www.example.com", "http://localhost:8080", "http://127.0.0.1:4953", "https://shop.example:8443"]);
      expect(response.statusCode, response.body).toBe(200);
      const expected = ["https://www.example.com", "http://localhost:8080", "http://127.0.0.1:4953", "https://shop.example:8443"];
      expect(response.json().embedOrigins).toEqual(expected);
      expect((await t.app.inject({ method: "GET", url: "/api/v1/organization", headers: bearer(t.owner) })).json()).toMatchObject({ embedOrigins: expected });
      expect((await t.app.inject({ method: "GET", url: "/api/v1/organization", headers: bearer(t.other) })).json().embedOrigins).toEqual([]);
      const audit = (await t.app.inject({ method: "GET", url: "/api/v1/audit-log?limit=50", headers: bearer(t.owner) })).json();
      const entry = audit.items.find((item: { action: string }) => item.action === "organization.embed_origins_updated");
      expect(entry.changes.embedOrigins.to).toEqual(expected);
    });
  });

  describe("framing headers", () => {
    beforeAll(async () => {
      expect((await setOrigins(["https://www.example.com", "http://127.0.0.1:4953"])).statusCode).toBe(200);
    });

    it("the organisation's booking pages and one-time pages may be framed by its sites and itself, without X-Frame-Options", async () => {
      for (const url of [bookingPath, `${bookingPath}?embed=1&parent=https%3A%2F%2Fwww.example.com`, oneTimePath]) {
        const response = await page(url);
        expect(response.statusCode, url).toBe(200);
        expect(frameAncestorsOf(response), url).toBe("https://www.example.com http://127.0.0.1:4953 'self'");
        expect(response.headers["x-frame-options"], url).toBeUndefined();
      }
    });

    it("another organisation's pages, unknown links, manage pages and the dashboard stay unframeable", async () => {
      for (const url of [otherBookingPath, "/nobody/nothing", "/t/unknown-token-000000000", "/manage/abcdefabcdefabcdef", "/dashboard/links", "/signin", "/"]) {
        const response = await page(url);
        expect(frameAncestorsOf(response), url).toBe("'none'");
        expect(response.headers["x-frame-options"], url).toBe("DENY");
      }
    });

    it("a switched-off link keeps its organisation's sites, so the embedding page shows why it cannot book", async () => {
      const link = await createLink(t.app, t.owner, { slug: "switched-off" });
      await t.app.inject({ method: "PATCH", url: `/api/v1/links/${link.id}`, headers: bearer(t.owner), payload: { isActive: false } });
      expect(frameAncestorsOf(await page(new URL(link.bookingUrl).pathname))).toContain("https://www.example.com");
    });

    it("an emptied list makes the pages unframeable again", async () => {
      expect((await setOrigins([])).statusCode).toBe(200);
      const response = await page(bookingPath);
      expect(frameAncestorsOf(response)).toBe("'none'");
      expect(response.headers["x-frame-options"]).toBe("DENY");
    });
  });

  describe("the booking page's answer", () => {
    it("names the sites it may post its events to, and records the UTM parameters with the view", async () => {
      expect((await setOrigins(["https://www.example.com"])).statusCode).toBe(200);
      const query = "utm_source=newsletter&utm_medium=email&utm_campaign=%20spring%20&utm_term=&embed=1&parent=https%3A%2F%2Fwww.example.com&name=Pat";
      const response = await t.app.inject({ method: "GET", url: `${apiPath}?${query}` });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json().embedOrigins).toEqual(["https://www.example.com"]);
      const other = await t.app.inject({ method: "GET", url: new URL((await createLink(t.app, t.other, { slug: "other-utm" })).apiUrl).pathname });
      expect(other.json().embedOrigins).toEqual([]);
      expect((await t.app.inject({ method: "GET", url: apiPath })).statusCode).toBe(200);
      const rows = await t.database.db
        .select({ utm: linkViews.utm })
        .from(linkViews)
        .where(and(eq(linkViews.tenantId, (await t.app.inject({ method: "GET", url: "/api/v1/me", headers: bearer(t.owner) })).json().organization.id)));
      expect(rows.map((row) => row.utm)).toContainEqual({ source: "newsletter", medium: "email", campaign: "spring" });
      // A view without UTM parameters keeps none.
      expect(rows.map((row) => row.utm)).toContain(null);
    });
  });

  describe("embed.js", () => {
    it("is served as JavaScript with a short max-age and an ETag that answers 304", async () => {
      const response = await t.app.inject({ method: "GET", url: "/embed.js" });
      expect(response.statusCode).toBe(200);
      expect(response.headers["content-type"]).toMatch(/^text\/javascript/);
      expect(response.headers["cache-control"]).toBe("public, max-age=300");
      expect(response.body).toBe(SCRIPT);
      const etag = String(response.headers.etag);
      expect(etag).toMatch(/^"[\w-]{20,}"$/);
      const again = await t.app.inject({ method: "GET", url: "/embed.js", headers: { "if-none-match": etag } });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe("");
      expect((await t.app.inject({ method: "GET", url: "/embed.js", headers: { "if-none-match": '"stale"' } })).statusCode).toBe(200);
    });
  });
});
