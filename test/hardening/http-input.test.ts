// The HTTP boundary under hostile input (issue 10, items 5–9, 21 and compression):
// every bad request is a 4xx problem+json naming what was wrong, never a 500;
// authentication answers before validation; every response carries the security
// headers its kind of content needs. Inject-based: nothing here is about the network.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp, type AppDeps } from "../../src/http/app.js";
import { book, createLink, createLinkAndBook, NY_WEEKDAYS } from "../support/booking-fixtures.js";
import { describeOnEngines } from "../support/engines.js";
import { bearer, useTestApp } from "../support/test-app.js";

function expectProblem(response: LightMyRequestResponse, status: number, code: string) {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
  expect(response.json()).toMatchObject({ status, code, type: `/docs/errors#${code}` });
  expect(response.headers["x-content-type-options"]).toBe("nosniff");
}

/** A JSON text nested `depth` levels deep: [[[…]]] inside an object field. */
function deepJson(depth: number, field = "answers"): string {
  return `{"${field}":{"a":${"[".repeat(depth)}${"]".repeat(depth)}}}`;
}

// Monday 2026-11-23, 10:00 in New York: inside NY_WEEKDAYS and the 60-day window of the test clock.
const GOOD_START = "2026-11-23T15:00:00Z";

describeOnEngines("HTTP input", (engine) => {
  const t = useTestApp(engine, { owners: { owner: "owner" } });
  let link: Awaited<ReturnType<typeof createLink>>;
  let bookingId: string;
  let manageApi: string;
  let handle: string;

  beforeAll(async () => {
    const meeting = await createLinkAndBook(t.app, t.owner, { link: { ...NY_WEEKDAYS }, start: GOOD_START });
    link = meeting.link;
    handle = link.apiPath.split("/")[5]!;
    bookingId = meeting.booking.id;
    manageApi = meeting.managePath;
  });

  describe("item 5: NUL bytes and unpaired surrogates are 400 naming the field", () => {
    // Free times, so that before the fix the request reached the database.
    it.each([
      ["a NUL", "Ada\u0000Lovelace", "2026-11-23T16:00:00Z"],
      ["an unpaired high surrogate", "Ada\ud800", "2026-11-23T17:00:00Z"],
      ["an unpaired low surrogate", "\udc00Ada", "2026-11-23T18:00:00Z"],
    ])("%s in a body field", async (_label, name, start) => {
      const response = await book(t.app, link.apiPath, start, { name });
      expectProblem(response, 400, "VALIDATION_FAILED");
      expect(response.json().errors).toEqual([expect.objectContaining({ path: "body.name" })]);
    });

    it("in a nested value and in a key of a free-form record", async () => {
      const nested = await book(t.app, link.apiPath, GOOD_START, { answers: { topic: ["fine", "bad\u0000"] } });
      expectProblem(nested, 400, "VALIDATION_FAILED");
      expect(nested.json().errors).toEqual([expect.objectContaining({ path: "body.answers.topic.1" })]);
      const key = await book(t.app, link.apiPath, GOOD_START, { answers: { "to\u0000pic": "x" } });
      expectProblem(key, 400, "VALIDATION_FAILED");
      expect(key.json().errors).toEqual([expect.objectContaining({ path: "body.answers" })]);
    });

    it("in t.owner fields: link titles, notes on cancel", async () => {
      const title = await t.app.inject({ method: "POST", url: "/api/v1/links", headers: bearer(t.owner), payload: { title: "Intro\u0000", durationsMin: [30], ...NY_WEEKDAYS } });
      expectProblem(title, 400, "VALIDATION_FAILED");
      expect(title.json().errors).toEqual([expect.objectContaining({ path: "body.title" })]);
      const reason = await t.app.inject({ method: "POST", url: `/api/v1/bookings/${bookingId}/cancel`, headers: bearer(t.owner), payload: { reason: "\ud800" } });
      expectProblem(reason, 400, "VALIDATION_FAILED");
    });

    it("in the search query", async () => {
      const response = await t.app.inject({ method: "GET", url: "/api/v1/bookings?q=ada%00", headers: bearer(t.owner) });
      expectProblem(response, 400, "VALIDATION_FAILED");
      expect(response.json().errors).toEqual([expect.objectContaining({ path: "querystring.q" })]);
    });

    it("in handles, slugs and tokens in the path", async () => {
      for (const url of [`/api/v1/public/links/${handle}%00/${link.slug}`, `/api/v1/public/links/${handle}/${link.slug}%00/slots`, "/api/v1/public/manage/aaaaaaaaaaaaaaaaaaaa%00"]) {
        const response = await t.app.inject({ method: "GET", url });
        expectProblem(response, 400, "VALIDATION_FAILED");
        expect(response.json().errors[0].path).toMatch(/^params\./);
      }
    });
  });

  describe("item 6: instants outside the supported range are 400", () => {
    const OUT_OF_RANGE = ["0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "1969-12-31T23:59:59Z", "3000-01-01T00:00:00Z", "2999-12-31T23:00:00-02:00"];

    it.each(OUT_OF_RANGE)("%s in slot ranges, booking starts and list filters", async (instant) => {
      const q = encodeURIComponent(instant);
      const requests = [
        t.app.inject({ method: "GET", url: `${link.apiPath}/slots?from=${q}` }),
        t.app.inject({ method: "GET", url: `${link.apiPath}/slots?to=${q}` }),
        book(t.app, link.apiPath, instant),
        t.app.inject({ method: "GET", url: `/api/v1/bookings?from=${q}`, headers: bearer(t.owner) }),
        t.app.inject({ method: "GET", url: `/api/v1/bookings?to=${q}`, headers: bearer(t.owner) }),
        t.app.inject({ method: "GET", url: `/api/v1/bookings/${bookingId}/slots?from=${q}`, headers: bearer(t.owner) }),
        t.app.inject({ method: "POST", url: `/api/v1/bookings/${bookingId}/reschedule`, headers: bearer(t.owner), payload: { start: instant } }),
        t.app.inject({ method: "GET", url: `${manageApi}/slots?to=${q}` }),
        t.app.inject({ method: "POST", url: `${manageApi}/reschedule`, payload: { start: instant } }),
        t.app.inject({ method: "GET", url: `/api/v1/links/${link.id}/analytics?from=${q}`, headers: bearer(t.owner) }),
        t.app.inject({ method: "POST", url: `/api/v1/links/${link.id}/one-time`, headers: bearer(t.owner), payload: { recipient: { email: "bo@example.com", name: "Bo" }, expiresAt: instant } }),
      ];
      for (const response of await Promise.all(requests)) {
        expectProblem(response, 400, "VALIDATION_FAILED");
        expect(response.body).toContain("2999");
      }
    });

    it("the edges of the range are accepted", async () => {
      const response = await t.app.inject({ method: "GET", url: `/api/v1/bookings?from=1970-01-01T00:00:00Z&to=2999-12-31T23:59:59.999Z`, headers: bearer(t.owner) });
      expect(response.statusCode, response.body).toBe(200);
    });
  });

  describe("item 7: deeply nested JSON is a 4xx for every body", () => {
    it("10,000 levels with an Idempotency-Key", async () => {
      const response = await t.app.inject({
        method: "POST",
        url: `${link.apiPath}/bookings`,
        headers: { "content-type": "application/json", "idempotency-key": "deep-1" },
        payload: deepJson(10_000),
      });
      expectProblem(response, 400, "JSON_TOO_DEEP");
    });

    it("100,000 levels on an authenticated route and in a bare array", async () => {
      expectProblem(
        await t.app.inject({ method: "POST", url: "/api/v1/links", headers: { ...bearer(t.owner), "content-type": "application/json" }, payload: deepJson(100_000, "title") }),
        400,
        "JSON_TOO_DEEP",
      );
      expectProblem(await t.app.inject({ method: "POST", url: "/api/v1/auth/signin", headers: { "content-type": "application/json" }, payload: "[".repeat(50_000) }), 400, "JSON_TOO_DEEP");
    });

    it("brackets inside strings do not count, and ordinary nesting reaches the rules", async () => {
      const booked = await book(t.app, link.apiPath, "2026-11-24T15:00:00Z", { notes: '[[[[{{{{\\"'.repeat(500) });
      expect(booked.statusCode, booked.body).toBe(201);
      const nested = await book(t.app, link.apiPath, "2026-11-24T16:00:00Z", { answers: { a: [[[[{ b: [[[[[[[[[[1]]]]]]]]]] }]]]] } });
      expectProblem(nested, 400, "INVALID_ANSWERS"); // parsed and judged by the link's questions, not refused as deep
    });
  });

  describe("item 9: authentication answers before validation", () => {
    it("an unauthenticated write with a bad body is 401", async () => {
      expectProblem(await t.app.inject({ method: "POST", url: "/api/v1/links", payload: { nonsense: true } }), 401, "UNAUTHENTICATED");
      expectProblem(await t.app.inject({ method: "POST", url: "/api/v1/links", headers: { "content-type": "application/json" }, payload: "{bad json" }), 401, "UNAUTHENTICATED");
      expectProblem(await t.app.inject({ method: "GET", url: "/api/v1/bookings?from=garbage" }), 401, "UNAUTHENTICATED");
      expectProblem(await t.app.inject({ method: "POST", url: "/api/v1/auth/logout", headers: { "content-type": "application/json" }, payload: deepJson(10_000) }), 401, "UNAUTHENTICATED");
    });

    it("a cookie-authenticated write without the CSRF token is 403 before validation", async () => {
      const response = await t.app.inject({ method: "POST", url: "/api/v1/links", headers: { cookie: t.owner.cookie }, payload: { nonsense: true } });
      expectProblem(response, 403, "CSRF_TOKEN_INVALID");
    });

    it("a bad API key is 401 before a bad id is 404", async () => {
      expectProblem(await t.app.inject({ method: "GET", url: "/api/v1/bookings/not-a-uuid", headers: { authorization: "Bearer cv_nope" } }), 401, "UNAUTHENTICATED");
    });
  });
});

describe("framework errors are problem+json (item 8, through the router)", () => {
  const t = useTestApp("pglite");

  it("bad percent-encoding in a path → 400 BAD_URL", async () => {
    const response = await t.app.inject({ method: "GET", url: "/api/v1/public/links/%E0%A4%A/intro" });
    expectProblem(response, 400, "BAD_URL");
    expect(response.body).not.toContain("%E0");
  });

  it("a path parameter over the length limit → 414 URI_TOO_LONG, without echoing the URL", async () => {
    const secretish = "x".repeat(5000);
    const response = await t.app.inject({ method: "GET", url: `/api/v1/public/manage/${secretish}` });
    expectProblem(response, 414, "URI_TOO_LONG");
    expect(response.body).not.toContain("xxxxxxxxxx");
    expect(response.json().requestId).toBe(response.headers["x-request-id"]);
  });
});

describe("security headers, metrics token, compression (items 21 and 10)", () => {
  const HTML = { accept: "text/html" };
  const INLINE_SCRIPT = 'document.documentElement.dataset.theme = "dark";';
  // The app takes its web root when the suite is collected, so the pages are written then.
  const webRoot = mkdtempSync(path.join(tmpdir(), "convene-web-"));
  mkdirSync(path.join(webRoot, "assets"));
  writeFileSync(path.join(webRoot, "index.html"), `<!doctype html><script>${INLINE_SCRIPT}</script><script type="module" src="/assets/app.js"></script><div id=root></div>`);
  writeFileSync(path.join(webRoot, "assets", "app.js"), "console.log(1)");
  const t = useTestApp("pglite", { webRoot, metricsToken: "metrics-secret-token", embedFrameAncestors: "https://partner.example" });
  afterAll(() => {
    rmSync(webRoot, { recursive: true, force: true });
  });

  it("nosniff on every kind of response", async () => {
    for (const url of ["/healthz", "/api/v1/me", "/api/v1/nothing", "/assets/app.js", "/dashboard", "/docs", "/docs/json", "/docs/errors"]) {
      const response = await t.app.inject({ method: "GET", url, headers: HTML });
      expect(response.headers["x-content-type-options"], url).toBe("nosniff");
    }
  });

  it("pages get a CSP that allows the app's own scripts and the inline theme script, and no framing of the dashboard", async () => {
    const { createHash } = await import("node:crypto");
    const hash = createHash("sha256").update(INLINE_SCRIPT).digest("base64");
    for (const url of ["/", "/signin", "/dashboard/links", "/manage/abcdefabcdefabcdef"]) {
      const response = await t.app.inject({ method: "GET", url, headers: HTML });
      expect(response.statusCode).toBe(200);
      const csp = String(response.headers["content-security-policy"]);
      expect(csp, url).toContain("default-src 'self'");
      expect(csp).toContain(`'sha256-${hash}'`);
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(response.headers["x-frame-options"]).toBe("DENY");
    }
  });

  it("booking pages follow EMBED_FRAME_ANCESTORS; manage pages never do", async () => {
    for (const url of ["/ada/intro-call", "/t/abcdefabcdefabcdef"]) {
      const response = await t.app.inject({ method: "GET", url, headers: HTML });
      expect(String(response.headers["content-security-policy"]), url).toContain("frame-ancestors https://partner.example");
      expect(response.headers["x-frame-options"]).toBeUndefined();
    }
    const manage = await t.app.inject({ method: "GET", url: "/manage/abcdefabcdefabcdef", headers: HTML });
    expect(String(manage.headers["content-security-policy"])).toContain("frame-ancestors 'none'");
  });

  it("the default keeps booking pages unframeable", async () => {
    // No database needed for pages and metrics: every dependency throws if touched.
    const unused = new Proxy({}, { get: () => { throw new Error("not used by these requests"); } });
    // The booking page asks which organisation owns the link: none here, so nothing widens the default.
    const store = new Proxy({ links: { findPublic: async () => null } }, { get: (target, key) => (key in target ? target[key as keyof typeof target] : unused) });
    const plain = await buildApp({ publicUrl: "http://convene.test", store, database: unused, clock: Date.now } as unknown as AppDeps, { webRoot });
    try {
      const response = await plain.inject({ method: "GET", url: "/ada/intro-call", headers: HTML });
      expect(String(response.headers["content-security-policy"])).toContain("frame-ancestors 'none'");
      expect(response.headers["x-frame-options"]).toBe("DENY");
      expect((await plain.inject({ method: "GET", url: "/metrics" })).statusCode).toBe(200);
    } finally {
      await plain.close();
    }
  });

  it("/docs gets swagger-ui's own policy, not the app's", async () => {
    const response = await t.app.inject({ method: "GET", url: "/docs" });
    expect(response.statusCode).toBe(200);
    const csp = String(response.headers["content-security-policy"]);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("upgrade-insecure-requests"); // would break /docs on a plain-HTTP install
  });

  it("/metrics needs the bearer token when METRICS_TOKEN is set", async () => {
    expectProblem(await t.app.inject({ method: "GET", url: "/metrics" }), 401, "UNAUTHENTICATED");
    expectProblem(await t.app.inject({ method: "GET", url: "/metrics", headers: { authorization: "Bearer metrics-secret-tokeX" } }), 401, "UNAUTHENTICATED");
    expectProblem(await t.app.inject({ method: "GET", url: "/metrics", headers: { authorization: "Bearer short" } }), 401, "UNAUTHENTICATED");
    const ok = await t.app.inject({ method: "GET", url: "/metrics", headers: { authorization: "Bearer metrics-secret-token" } });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain("convene_http_request_duration_seconds");
  });

  it("JSON over 1 KB is compressed when the client accepts it; small answers are not", async () => {
    const plain = await t.app.inject({ method: "GET", url: "/docs/errors" });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(1024);
    const gzipped = await t.app.inject({ method: "GET", url: "/docs/errors", headers: { "accept-encoding": "gzip" } });
    expect(gzipped.headers["content-encoding"]).toBe("gzip");
    expect(JSON.parse(gunzipSync(gzipped.rawPayload).toString("utf8"))).toEqual(plain.json());
    const brotli = await t.app.inject({ method: "GET", url: "/docs/errors", headers: { "accept-encoding": "br, gzip" } });
    expect(brotli.headers["content-encoding"]).toBe("br");
    const small = await t.app.inject({ method: "GET", url: "/healthz", headers: { "accept-encoding": "gzip" } });
    expect(small.headers["content-encoding"]).toBeUndefined();
  });
});
