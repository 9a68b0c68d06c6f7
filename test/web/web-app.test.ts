// The server hands page addresses to the web app and keeps problem+json for
// the API: index.html for /{handle}/{slug}, /t/…, /manage/…, /dashboard/…;
// hashed assets cached for a year; 404 and 405 problems where they were.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildApp, type AppDeps } from "../../src/http/app.js";

let app: FastifyInstance;
let webRoot: string;
const HTML = { accept: "text/html,application/xhtml+xml" };

beforeAll(async () => {
  webRoot = mkdtempSync(path.join(tmpdir(), "convene-web-"));
  mkdirSync(path.join(webRoot, "assets"));
  writeFileSync(path.join(webRoot, "index.html"), "<!doctype html><div id=root></div>");
  writeFileSync(path.join(webRoot, "assets", "index-abc123.js"), "console.log(1)");
  const unused = new Proxy({}, { get: () => { throw new Error("not used by these requests"); } });
  // A booking page's framing depends on its link's organisation: these addresses name no link.
  const noLinks = { links: { findPublic: async () => null }, oneTimeLinks: { findByTokenForBooking: async () => null } };
  const store = new Proxy(noLinks, { get: (target, key) => (key in target ? target[key as keyof typeof target] : unused) });
  app = await buildApp({ publicUrl: "http://convene.test", store, database: unused, clock: Date.now } as unknown as AppDeps, { webRoot });
});

afterAll(async () => {
  await app.close();
  rmSync(webRoot, { recursive: true, force: true });
});

describe("web app serving", () => {
  test.each(["/", "/signin", "/dashboard/links", "/ada/intro-call", "/t/tok123", "/manage/tok456?x=1"])("GET %s from a browser is the app", async (url) => {
    const response = await app.inject({ method: "GET", url, headers: HTML });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toContain("text/html");
    expect(response.body).toContain('<div id=root>');
    expect(response.headers["cache-control"]).toBe("no-cache");
    expect(response.headers["referrer-policy"]).toBe("no-referrer");
  });

  test("hashed assets are cached for a year", async () => {
    const response = await app.inject({ method: "GET", url: "/assets/index-abc123.js" });
    expect(response.statusCode).toBe(200);
    expect(response.headers["cache-control"]).toContain("immutable");
    expect((await app.inject({ method: "GET", url: "/assets/missing.js", headers: HTML })).statusCode).toBe(404);
  });

  test("API and docs addresses keep their problems, even for a browser", async () => {
    const missing = await app.inject({ method: "GET", url: "/api/v1/nope", headers: HTML });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe("ROUTE_NOT_FOUND");
    const wrongMethod = await app.inject({ method: "DELETE", url: "/api/v1/auth/signup" });
    expect(wrongMethod.statusCode).toBe(405);
  });

  test("a program that does not ask for HTML gets a problem, not the page", async () => {
    const response = await app.inject({ method: "GET", url: "/ada/intro-call", headers: { accept: "application/json" } });
    expect(response.statusCode).toBe(404);
    expect(response.headers["content-type"]).toContain("application/problem+json");
  });
});
