// Health, readiness, metrics and the OpenAPI document.
import { describe, expect, it } from "vitest";
import { PUBLIC_URL, useTestApp } from "../support/test-app.js";

describe("operations endpoints", () => {
  const t = useTestApp("pglite");

  it("answers /healthz and /readyz", async () => {
    expect((await t.app.inject({ method: "GET", url: "/healthz" })).json()).toEqual({ status: "ok" });
    expect((await t.app.inject({ method: "GET", url: "/readyz" })).json()).toEqual({ status: "ready", database: "pglite" });
  });

  // Browsers get the web app's sign-in page there (test/web/web-app.test.ts).
  it("answers / with pointers to the API for programs", async () => {
    const plain = await t.app.inject({ method: "GET", url: "/" });
    expect(plain.statusCode).toBe(200);
    expect(plain.json()).toEqual({
      service: "convene",
      dashboard: `${PUBLIC_URL}/dashboard`,
      docs: `${PUBLIC_URL}/docs`,
      openapi: `${PUBLIC_URL}/docs/json`,
      health: `${PUBLIC_URL}/healthz`,
    });
  });

  it("answers /readyz with 503 when the database does not", async () => {
    const original = t.database.ping;
    t.database.ping = async () => Promise.reject(new Error("connection refused"));
    try {
      const response = await t.app.inject({ method: "GET", url: "/readyz" });
      expect(response.statusCode).toBe(503);
      expect(response.json().code).toBe("DATABASE_UNAVAILABLE");
    } finally {
      t.database.ping = original;
    }
  });

  it("serves Prometheus metrics with request latencies by route", async () => {
    await t.app.inject({ method: "GET", url: "/healthz" });
    const response = await t.app.inject({ method: "GET", url: "/metrics" });
    expect(response.headers["content-type"]).toMatch(/^text\/plain/);
    expect(response.body).toContain('convene_http_request_duration_seconds_count{method="GET",route="/healthz",status="200"}');
    expect(response.body).toContain("convene_process_resident_memory_bytes");
  });

  it("documents every API route in /docs/json and serves the /docs page", async () => {
    const document = (await t.app.inject({ method: "GET", url: "/docs/json" })).json();
    expect(document.openapi).toMatch(/^3\./);
    const documented = new Set<string>();
    for (const [path, operations] of Object.entries(document.paths as Record<string, object>)) {
      for (const method of Object.keys(operations)) documented.add(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ":$1")}`);
    }
    const apiRoutes = t.app.routeCatalog.filter((route) => route.url.startsWith("/api/") && route.method !== "HEAD");
    expect(apiRoutes.length).toBeGreaterThan(5);
    for (const route of apiRoutes) expect(documented, `${route.method} ${route.url} is not documented`).toContain(`${route.method} ${route.url}`);
    expect(document.paths["/api/v1/me"].get.security).toEqual([{ sessionCookie: [] }, { apiKey: [] }]);
    const page = await t.app.inject({ method: "GET", url: "/docs" });
    expect([200, 302]).toContain(page.statusCode);
  });

  it("lists every error code with its status at /docs/errors", async () => {
    const { codes } = (await t.app.inject({ method: "GET", url: "/docs/errors" })).json();
    expect(codes).toEqual(expect.arrayContaining([{ code: "NOT_FOUND", status: 404, title: "Not found" }]));
  });
});
