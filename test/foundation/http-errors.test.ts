// Bad input never gets a 500 or a stack: every failure is problem+json with a code and the request id.
import { describe, expect, it } from "vitest";
import { bearer, useTestApp } from "../support/test-app.js";

describe("problem+json for bad input", () => {
  const t = useTestApp("pglite", { bodyLimitBytes: 16 * 1024, owners: { owner: "owner" } });

  function expectProblem(response: { statusCode: number; headers: Record<string, unknown>; json(): any; body: string }, status: number, code: string) {
    expect(response.statusCode, response.body).toBe(status);
    expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
    const body = response.json();
    expect(body).toMatchObject({ status, code, type: `/docs/errors#${code}` });
    expect(typeof body.title).toBe("string");
    expect(body.requestId).toBe(response.headers["x-request-id"]);
    expect(response.body).not.toMatch(/at .*\.(ts|js):\d+/); // no stack trace
  }

  const signupUrl = "/api/v1/auth/signup";
  const json = { "content-type": "application/json" };

  it("malformed JSON → 400 MALFORMED_JSON", async () => {
    expectProblem(await t.app.inject({ method: "POST", url: signupUrl, headers: json, payload: '{"email": ' }), 400, "MALFORMED_JSON");
  });

  it("an empty JSON body → 400", async () => {
    const response = await t.app.inject({ method: "POST", url: signupUrl, headers: json, payload: "" });
    expect(response.statusCode).toBe(400);
    expect(["MALFORMED_JSON", "VALIDATION_FAILED"]).toContain(response.json().code);
  });

  it("unknown fields → 400 VALIDATION_FAILED naming the field", async () => {
    const response = await t.app.inject({ method: "POST", url: "/api/v1/api-keys", headers: bearer(t.owner), payload: { name: "x", isAdmin: true } });
    expectProblem(response, 400, "VALIDATION_FAILED");
    expect(response.json().detail).toContain("isAdmin");
  });

  it("wrong types → 400 VALIDATION_FAILED with the field path", async () => {
    const response = await t.app.inject({ method: "POST", url: "/api/v1/api-keys", headers: bearer(t.owner), payload: { name: 42 } });
    expectProblem(response, 400, "VALIDATION_FAILED");
    expect(response.json().errors).toEqual([expect.objectContaining({ path: "body.name" })]);
  });

  it("a bad query parameter → 400 VALIDATION_FAILED", async () => {
    expectProblem(await t.app.inject({ method: "GET", url: "/api/v1/audit-log?limit=lots", headers: bearer(t.owner) }), 400, "VALIDATION_FAILED");
  });

  it("an oversize body → 413 BODY_TOO_LARGE", async () => {
    const payload = JSON.stringify({ name: "x".repeat(20 * 1024) });
    expectProblem(await t.app.inject({ method: "POST", url: "/api/v1/api-keys", headers: { ...bearer(t.owner), ...json }, payload }), 413, "BODY_TOO_LARGE");
  });

  it("a non-JSON content type → 415 UNSUPPORTED_MEDIA_TYPE", async () => {
    const response = await t.app.inject({ method: "POST", url: "/api/v1/api-keys", headers: { ...bearer(t.owner), "content-type": "text/xml" }, payload: "<name/>" });
    expectProblem(response, 415, "UNSUPPORTED_MEDIA_TYPE");
  });

  it("an unknown route → 404 ROUTE_NOT_FOUND", async () => {
    expectProblem(await t.app.inject({ method: "GET", url: "/api/v1/nothing-here" }), 404, "ROUTE_NOT_FOUND");
  });

  it("a wrong method → 405 METHOD_NOT_ALLOWED with Allow", async () => {
    const response = await t.app.inject({ method: "PUT", url: "/api/v1/me", headers: bearer(t.owner) });
    expectProblem(response, 405, "METHOD_NOT_ALLOWED");
    expect(response.headers["allow"]).toContain("GET");
  });

  it("a malformed id → 404 like an unknown one", async () => {
    expectProblem(await t.app.inject({ method: "DELETE", url: "/api/v1/api-keys/not-a-uuid", headers: bearer(t.owner) }), 404, "NOT_FOUND");
    expectProblem(
      await t.app.inject({ method: "DELETE", url: "/api/v1/api-keys/00000000-0000-4000-8000-000000000000", headers: bearer(t.owner) }),
      404,
      "NOT_FOUND",
    );
  });

  it("no credentials, or a bad key → 401 UNAUTHENTICATED", async () => {
    expectProblem(await t.app.inject({ method: "GET", url: "/api/v1/me" }), 401, "UNAUTHENTICATED");
    expectProblem(await t.app.inject({ method: "GET", url: "/api/v1/me", headers: { authorization: "Bearer cv_nope" } }), 401, "UNAUTHENTICATED");
  });

  it("keeps a caller's request id and makes one otherwise", async () => {
    const given = await t.app.inject({ method: "GET", url: "/api/v1/me", headers: { "x-request-id": "trace-123" } });
    expect(given.headers["x-request-id"]).toBe("trace-123");
    expect(given.json().requestId).toBe("trace-123");
    const made = await t.app.inject({ method: "GET", url: "/healthz" });
    expect(made.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("an unexpected failure → bare 500 INTERNAL with only the request id", async () => {
    const failing = { ...t.deps.store.users, get: async () => Promise.reject(new Error("secret internals")) };
    const original = t.deps.store.users;
    Object.assign(t.deps.store, { users: failing });
    try {
      const response = await t.app.inject({ method: "GET", url: "/api/v1/me", headers: bearer(t.owner) });
      expectProblem(response, 500, "INTERNAL");
      expect(response.body).not.toContain("secret internals");
      expect(response.json().detail).toBeUndefined();
    } finally {
      Object.assign(t.deps.store, { users: original });
    }
  });
});
