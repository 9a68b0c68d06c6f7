// One fuzz request as data (a plan): which operation, how it authenticates,
// valid values for its path, query and body, and the one mutation that makes it
// bad. Plans are drawn by fast-check from a seed, so a run is reproducible; they
// hold references and sizes, not 100 KB strings, and become bytes only when sent.
import fc from "fast-check";
import {
  hostileEncodedSegment,
  hostileJsonValue,
  hostileString,
  overLongSegment,
  rawJson,
  type HostileValue,
  type Labelled,
  type RawJson,
} from "./hostile.js";
import { valueOf, type Ref } from "./schema-values.js";
import type { Operation } from "./spec.js";

export type AuthMode = "apiKey" | "cookie" | "cookieWithoutCsrf" | "none" | "unknownKey";

/** A whole body sent as given: text, raw JSON too big to build, or bytes that are not UTF-8. */
export type RawBody = { text: string } | { raw: RawJson } | { bytesHex: string } | { paddedBytes: number };

export type Mutation =
  | { kind: "valid" }
  | { kind: "body-field"; pick: number; value: HostileValue }
  | { kind: "body-missing-field"; pick: number }
  | { kind: "body-unknown-field"; name: string; value: HostileValue }
  | { kind: "body-whole"; label: string; body: RawBody }
  | { kind: "content-type"; label: string; contentType: string | null }
  | { kind: "query-value"; pick: number; value: Labelled<string>; isEncoded: boolean }
  | { kind: "query-extra"; label: string; query: string }
  | { kind: "path-value"; pick: number; value: Labelled<string>; isEncoded: boolean }
  | { kind: "path-extra"; label: string; suffix: string }
  | { kind: "header"; label: string; headers: Record<string, string>; padBytes?: number }
  | { kind: "method"; method: string };

export type Plan = {
  operationIndex: number;
  auth: AuthMode;
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
  idempotencyKey: string | null;
  mutation: Mutation;
};

export const BODY_LIMIT_BYTES = 1024 * 1024;

const labelled = <T>(entries: [string, T][]) => fc.constantFrom(...entries.map(([label, value]) => ({ label, value })));

const wholeBodies: fc.Arbitrary<{ label: string; body: RawBody }> = fc.oneof(
  labelled<RawBody>([
    ["empty body", { text: "" }],
    ["JSON null", { text: "null" }],
    ["JSON array", { text: "[]" }],
    ["JSON string", { text: '"text"' }],
    ["JSON number", { text: "1" }],
    ["JSON 1e999", { text: '{"a":1e999}' }],
    ["truncated JSON", { text: '{"name":' }],
    ["two JSON documents", { text: '{"a":1}{"b":2}' }],
    ["BOM before JSON", { text: "\uFEFF{}" }],
    ["NaN literal", { text: "NaN" }],
    ["raw control char in string", { text: '{"name":"a\u0001b"}' }],
    ["escaped NUL key", { text: '{"\\u0000":1}' }],
    ["escaped lone surrogate key", { text: '{"\\ud800":1}' }],
    ["__proto__ key", { text: '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}}}' }],
    ["duplicate keys", { text: '{"name":"a","name":{"x":1}}' }],
    ["invalid UTF-8 bytes", { bytesHex: "7b226e616d65223a22ff fe c0af22 7d".replaceAll(" ", "") }],
    ["UTF-16 JSON", { bytesHex: "fffe7b007d00" }],
  ]).map(({ label, value }) => ({ label, body: value })),
  rawJson.map(({ label, value }) => ({ label: `body: ${label}`, body: { raw: value } })),
  fc
    .constantFrom(BODY_LIMIT_BYTES - 1_000, BODY_LIMIT_BYTES + 1, 3 * BODY_LIMIT_BYTES)
    .map((bytes) => ({ label: `body of ${bytes} bytes (a string field)`, body: { paddedBytes: bytes } })),
);

const contentTypes = labelled<string | null>([
  ["text/plain", "text/plain"],
  ["form-urlencoded", "application/x-www-form-urlencoded"],
  ["multipart", "multipart/form-data; boundary=x"],
  ["json utf-16", "application/json; charset=utf-16"],
  ["json latin1", "application/json; charset=iso-8859-1"],
  ["xml", "application/xml"],
  ["json-patch", "application/json-patch+json"],
  ["jsonx", "application/jsonx"],
  ["upper-case JSON", "APPLICATION/JSON"],
  ["broken parameters", "application/json;;;=;"],
  ["empty content-type", ""],
  ["no content-type", null],
]).map(({ label, value }) => ({ kind: "content-type" as const, label: `content-type: ${label}`, contentType: value }));

const headerAttacks: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constantFrom(4_000, 8_000, 16_500, 40_000, 100_000).map((padBytes) => ({ kind: "header" as const, label: `header of ${padBytes} bytes`, headers: {}, padBytes })),
  labelled<Record<string, string>>([
    ["150 headers", Object.fromEntries(Array.from({ length: 150 }, (_, index) => [`x-fuzz-${index}`, "v"]))],
    ["Basic auth", { authorization: "Basic Zm9vOmJhcg==" }],
    ["empty Bearer", { authorization: "Bearer" }],
    ["Bearer garbage", { authorization: "Bearer ' OR 1=1 --" }],
    ["Bearer fake cv_ key", { authorization: `Bearer cv_${"A".repeat(43)}` }],
    ["Bearer 10k", { authorization: `Bearer ${"a".repeat(10_000)}` }],
    ["Bearer latin1", { authorization: "Bearer cv_\u00ff\u00fe" }],
    ["cookie bad escape", { cookie: "convene_session=%zz%E0%A4%A" }],
    ["cookie 6k", { cookie: `convene_session=${"a".repeat(6_000)}` }],
    ["cookie twice", { cookie: "convene_session=a; convene_session=b" }],
    ["cookie encoded NUL", { cookie: "convene_session=a%00b" }],
    ["csrf garbage", { "x-csrf-token": "' OR 1=1 --" }],
    ["idempotency-key 10k", { "idempotency-key": "k".repeat(10_000) }],
    ["idempotency-key latin1", { "idempotency-key": "\u00e9\u00ff" }],
    ["idempotency-key blank", { "idempotency-key": " " }],
    ["x-request-id junk", { "x-request-id": "../../etc/passwd\u00ff" }],
    ["x-request-id 10k", { "x-request-id": "r".repeat(10_000) }],
    ["accept xml", { accept: "application/xml" }],
    ["accept bad q", { accept: "*/*;q=abc, text/html;q=2" }],
    ["host evil", { host: "evil.example" }],
    ["x-forwarded-for junk", { "x-forwarded-for": "1.1.1.1, <script>, ::ffff:999.1.1.1" }],
    ["accept-encoding junk", { "accept-encoding": "gzip;q=abc, br;q=-1, *;q=1e999" }],
    ["if-none-match junk", { "if-none-match": '"\u00ff", W/' }],
    ["range", { range: "bytes=0-1,2-3,-1" }],
  ]).map(({ label, value }) => ({ kind: "header" as const, label, headers: value })),
);

const methods = fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD", "TRACE");

const pathValue = (isEncoded: boolean, value: fc.Arbitrary<Labelled<string>>) =>
  fc.record({ pick: fc.nat(), value }).map(({ pick, value }) => ({ kind: "path-value" as const, pick, value, isEncoded }));

const queryValue = (isEncoded: boolean, value: fc.Arbitrary<Labelled<string>>) =>
  fc.record({ pick: fc.nat(), value }).map(({ pick, value }) => ({ kind: "query-value" as const, pick, value, isEncoded }));

function mutationsOf(operation: Operation): fc.WeightedArbitrary<Mutation>[] {
  const options: fc.WeightedArbitrary<Mutation>[] = [
    { weight: 12, arbitrary: fc.constant({ kind: "valid" as const }) },
    { weight: 8, arbitrary: headerAttacks },
    { weight: 2, arbitrary: methods.filter((method) => method !== operation.method).map((method) => ({ kind: "method" as const, method })) },
    {
      weight: 3,
      arbitrary: labelled([
        ["unknown query param", "fuzz=1"],
        ["__proto__ query", "__proto__[isAdmin]=1&constructor[prototype][x]=1"],
        ["bracket query", "from[]=1&from[]=2"],
        ["bad query escape", "q=%zz&from=%E0%A4%A"],
        ["encoded NUL query", "q=a%00b"],
        ["query 20k", `q=${"x".repeat(20_000)}`],
        ["1000 params", Array.from({ length: 1_000 }, (_, index) => `p${index}=1`).join("&")],
      ]).map(({ label, value }) => ({ kind: "query-extra" as const, label, query: value })),
    },
    {
      weight: 2,
      arbitrary: labelled([
        ["extra segment", "/x"],
        ["trailing slash", "/"],
        ["double slash", "//"],
        ["dot segment", "/../.."],
        ["encoded NUL segment", "/%00"],
        ["bad escape segment", "/%"],
      ]).map(({ label, value }) => ({ kind: "path-extra" as const, label, suffix: value })),
    },
  ];
  if (operation.body) {
    options.push(
      { weight: 18, arbitrary: fc.record({ pick: fc.nat(), value: hostileJsonValue }).map(({ pick, value }) => ({ kind: "body-field" as const, pick, value })) },
      { weight: 4, arbitrary: fc.nat().map((pick) => ({ kind: "body-missing-field" as const, pick })) },
      {
        weight: 3,
        arbitrary: fc
          .record({ name: fc.constantFrom("fuzz", "__proto__", "constructor", "tenantId", "id", "status", "isAdmin", "\u0000", "\ud800"), value: hostileJsonValue })
          .map(({ name, value }) => ({ kind: "body-unknown-field" as const, name, value })),
      },
      { weight: 6, arbitrary: wholeBodies.map(({ label, body }) => ({ kind: "body-whole" as const, label, body })) },
      { weight: 4, arbitrary: contentTypes },
    );
  } else if (operation.method !== "GET") {
    options.push({ weight: 2, arbitrary: wholeBodies.map(({ label, body }) => ({ kind: "body-whole" as const, label, body })) });
  }
  if (operation.queryParams.length > 0) {
    options.push(
      { weight: 10, arbitrary: queryValue(false, hostileString) },
      { weight: 3, arbitrary: queryValue(true, hostileEncodedSegment) },
    );
  }
  if (operation.pathParams.length > 0) {
    options.push(
      { weight: 6, arbitrary: pathValue(false, hostileString) },
      { weight: 4, arbitrary: pathValue(true, hostileEncodedSegment) },
      { weight: 3, arbitrary: pathValue(false, overLongSegment) },
    );
  }
  return options;
}

/** The real thing a path parameter names, chosen by the route it is in. */
function pathRefOf(operation: Operation, name: string): Ref["$ref"] | null {
  const template = operation.pathTemplate;
  if (name === "handle") return "handle";
  if (name === "slug") return "slug";
  if (name === "token") return template.includes("/manage/") ? "manageToken" : "oneTimeToken";
  if (name !== "id") return null;
  if (template.startsWith("/api/v1/links/")) return "linkId";
  if (template.startsWith("/api/v1/templates/")) return "templateId";
  if (template.startsWith("/api/v1/bookings/")) return "bookingId";
  if (template.startsWith("/api/v1/api-keys/")) return "apiKeyId";
  return null;
}

function pathValuesOf(operation: Operation): fc.Arbitrary<Record<string, unknown>> {
  // handle and slug share one pick, so they name one real link.
  return fc.record({ pick: fc.nat(), isRandom: fc.nat({ max: 19 }) }).chain(({ pick, isRandom }) =>
    fc.record(
      Object.fromEntries(
        operation.pathParams.map((parameter) => {
          const kind = pathRefOf(operation, parameter.name);
          // One in twenty: a well-formed value that names nothing.
          if (!kind || isRandom === 0) return [parameter.name, kind === "linkId" || parameter.name === "id" ? fc.uuid() : valueOf(parameter.schema)];
          return [parameter.name, fc.constant({ $ref: kind, pick })];
        }),
      ),
    ),
  );
}

function queryValuesOf(operation: Operation): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(Object.fromEntries(operation.queryParams.map((parameter) => [parameter.name, valueOf(parameter.schema, parameter.name)])), {
    requiredKeys: operation.queryParams.filter((parameter) => parameter.isRequired).map((parameter) => parameter.name),
  });
}

function authOf(operation: Operation): fc.Arbitrary<AuthMode> {
  if (!operation.isAuthenticated) return fc.constantFrom<AuthMode>("none", "none", "none", "none", "apiKey");
  return fc.oneof(
    { weight: 10, arbitrary: fc.constant<AuthMode>("apiKey") },
    { weight: 7, arbitrary: fc.constant<AuthMode>("cookie") },
    { weight: 1, arbitrary: fc.constant<AuthMode>("cookieWithoutCsrf") },
    { weight: 1, arbitrary: fc.constant<AuthMode>("none") },
    { weight: 1, arbitrary: fc.constant<AuthMode>("unknownKey") },
  );
}

export function planOf(operations: Operation[]): fc.Arbitrary<Plan> {
  return fc.nat({ max: operations.length - 1 }).chain((operationIndex) => {
    const operation = operations[operationIndex]!;
    const hasIdempotencyKey = operation.headerParams.some((parameter) => parameter.name === "idempotency-key");
    return fc.record({
      operationIndex: fc.constant(operationIndex),
      auth: authOf(operation),
      path: pathValuesOf(operation),
      query: queryValuesOf(operation),
      body: operation.body ? valueOf(operation.body) : fc.constant(undefined),
      idempotencyKey: hasIdempotencyKey ? fc.option(fc.stringMatching(/^[A-Za-z0-9-]{8,40}$/), { freq: 2 }) : fc.constant(null),
      mutation: fc.oneof(...mutationsOf(operation)),
    });
  });
}

/** The plans of a run: the same seed and budget give the same plans. */
export function plansFor(operations: Operation[], seed: number, runs: number): Plan[] {
  return fc.sample(planOf(operations), { seed, numRuns: runs });
}
