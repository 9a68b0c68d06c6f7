// The fuzzer's own pieces: what it calls a failure, and that a seed gives the same requests.
import { describe, expect, it } from "vitest";
import { plansFor } from "../../scripts/fuzz/plans.js";
import { Pools } from "../../scripts/fuzz/pools.js";
import { buildRequest, percentEncode } from "../../scripts/fuzz/request.js";
import { operationsOf, type OpenApiDocument } from "../../scripts/fuzz/spec.js";
import { judge } from "../../scripts/fuzz/verdict.js";

const request = { method: "POST", path: "/api/v1/links", headersText: "", bodyText: '{"title":"x"}' };
const problem = (code: string) => JSON.stringify({ type: `/docs/errors#${code}`, title: "t", status: 400, code });

describe("fuzz verdict", () => {
  it("passes a problem+json error with a code", () => {
    expect(judge(request, { status: 400, contentType: "application/problem+json; charset=utf-8", body: problem("VALIDATION_FAILED"), durationMs: 3 }, 5_000)).toEqual([]);
  });

  it("fails a 5xx, a plain-text error, a problem without a code, and a slow answer", () => {
    expect(judge(request, { status: 500, contentType: "application/problem+json", body: problem("INTERNAL"), durationMs: 3 }, 5_000)).toEqual(["500"]);
    expect(judge(request, { status: 431, contentType: "", body: "", durationMs: 3 }, 5_000)).toEqual(["error is not problem+json (no content-type)"]);
    expect(judge(request, { status: 400, contentType: "application/problem+json", body: "{}", durationMs: 3 }, 5_000)).toEqual(["problem without a code"]);
    expect(judge(request, { status: 200, contentType: "application/json", body: "{}", durationMs: 6_000 }, 5_000)).toEqual(["slow (6000 ms)"]);
    expect(judge(request, { error: "ECONNRESET", durationMs: 1 }, 5_000)).toEqual(["no answer (ECONNRESET)"]);
  });

  it("fails internals in a body unless the request carried them", () => {
    const leak = JSON.stringify({ code: "VALIDATION_FAILED", detail: 'Failed query: select "id" from "users" where "email" = $1\n    at PgSession.query (/work/main/node_modules/drizzle-orm/x.js:1:2)' });
    const reasons = judge(request, { status: 400, contentType: "application/problem+json", body: leak, durationMs: 3 }, 5_000);
    expect(reasons.join(" ")).toMatch(/drizzle query/);
    expect(reasons.join(" ")).toMatch(/node_modules/);
    expect(reasons.join(" ")).toMatch(/SQL text/);
    const slugTaken = JSON.stringify({ code: "SLUG_TAKEN", detail: "The slug is taken at /fuzz-owner/intro." });
    expect(judge(request, { status: 409, contentType: "application/problem+json", body: slugTaken, durationMs: 3 }, 5_000)).toEqual([]);
    const echoed = { ...request, bodyText: '{"title":"select name from users"}' };
    expect(judge(echoed, { status: 201, contentType: "application/json", body: '{"title":"select name from users"}', durationMs: 3 }, 5_000)).toEqual([]);
  });
});

describe("fuzz plans", () => {
  const document: OpenApiDocument = {
    paths: {
      "/api/v1/links/{id}": {
        patch: {
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
          requestBody: { required: true, content: { "application/json": { schema: { type: "object", properties: { title: { type: "string", maxLength: 200 } }, required: ["title"] } } } },
          security: [{ apiKey: [] }],
        },
      },
    },
  };
  const operations = operationsOf(document);

  it("draws the same requests from the same seed", () => {
    expect(plansFor(operations, 42, 50)).toEqual(plansFor(operations, 42, 50));
    expect(plansFor(operations, 42, 50)).not.toEqual(plansFor(operations, 43, 50));
  });

  it("sends lone surrogates as the bytes a client would, and NUL as JSON escapes", () => {
    expect(percentEncode("a\ud800b")).toBe("a%ED%A0%80b");
    const pools = new Pools();
    pools.add("victimLinkId", "11111111-1111-4111-8111-111111111111");
    const wire = buildRequest(
      {
        operationIndex: 0,
        auth: "apiKey",
        path: { id: { $ref: "linkId", pick: 0 } },
        query: {},
        body: { title: "ok" },
        idempotencyKey: null,
        mutation: { kind: "body-field", pick: 0, value: { label: "NUL", json: "a\u0000b" } },
      },
      operations[0]!,
      pools,
      { apiKey: "cv_key", cookie: "c=1", csrfToken: "t", email: "e", password: "p" },
      Date.parse("2026-06-01T00:00:00Z"),
      "fuzz-1",
    );
    expect(wire.path).toBe("/api/v1/links/11111111-1111-4111-8111-111111111111");
    expect(wire.body?.toString("utf8")).toBe('{"title":"a\\u0000b"}');
    expect(wire.input).toBe("body.title ← NUL");
    expect(wire.headers["authorization"]).toBe("Bearer cv_key");
  });
});
