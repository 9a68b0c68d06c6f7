// Turns a plan into bytes: resolves its references against the pools, applies
// its mutation, and serialises path, query, headers and body exactly as they go
// on the wire (lone surrogates percent-encoded as the WTF-8 bytes a client would
// send, raw JSON spliced in after JSON.stringify).
import { rawJsonText, type HostileValue } from "./hostile.js";
import type { Plan } from "./plans.js";
import type { Credentials, Pools } from "./pools.js";
import { isRef, type Ref } from "./schema-values.js";
import type { Operation } from "./spec.js";

export type WireRequest = {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer | null;
  /** What makes this request bad, for reports: "valid", "body.name ← NUL", … */
  input: string;
  /** The body as readable text, cut short, for reports and curl lines. */
  bodyPreview: string;
};

/** Encodes any JS string, lone surrogates included (encodeURIComponent throws on them). */
export function percentEncode(text: string): string {
  let out = "";
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff) out += `%${(0xe0 | (code >> 12)).toString(16).toUpperCase()}%${(0x80 | ((code >> 6) & 0x3f)).toString(16).toUpperCase()}%${(0x80 | (code & 0x3f)).toString(16).toUpperCase()}`;
    else out += encodeURIComponent(char);
  }
  return out;
}

const QUARTER_HOUR_MS = 15 * 60_000;

function resolveRef(ref: Ref, operation: Operation, pools: Pools, nowMs: number): unknown {
  const { $ref: kind, pick } = ref;
  if (kind === "instant") {
    const baseMs = Math.ceil(nowMs / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
    const days = (pick % 430) - 30;
    return new Date(baseMs + days * 86_400_000 + (Math.floor(pick / 430) % 96) * QUARTER_HOUR_MS).toISOString();
  }
  if (kind === "handle" || kind === "slug") {
    if (operation.pathParams.some((parameter) => parameter.name === kind)) {
      const pair = pools.pairs.length > 0 ? pools.pairs[pick % pools.pairs.length]! : { handle: "nobody", slug: "nothing" };
      return pair[kind];
    }
    return pools.pick(kind, pick) ?? "fuzz";
  }
  // Changing or deleting takes only links the fixtures can spare.
  const isDestructiveOnLink = kind === "linkId" && (operation.method === "PATCH" || operation.method === "DELETE") && operation.pathTemplate === "/api/v1/links/{id}";
  const value = pools.pick(isDestructiveOnLink ? "victimLinkId" : kind, pick);
  if (value !== undefined) return value;
  return kind.endsWith("Token") ? "missing-token-000000000000" : "00000000-0000-4000-8000-000000000000";
}

function resolveAll(value: unknown, resolve: (ref: Ref) => unknown): unknown {
  if (isRef(value)) return resolve(value);
  if (Array.isArray(value)) return value.map((item) => resolveAll(item, resolve));
  if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, resolveAll(child, resolve)]));
  return value;
}

/** Every place in a JSON value that a mutation can hit, as key paths. */
function placesOf(value: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (Array.isArray(value)) value.forEach((item, index) => placesOf(item, [...at, index], out));
  else if (typeof value === "object" && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      out.push([...at, key]);
      placesOf(child, [...at, key], out);
    }
  }
  return out;
}

function setAt(root: unknown, path: (string | number)[], value: unknown) {
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path.at(-1)!] = value;
}

function deleteAt(root: unknown, path: (string | number)[]) {
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  if (Array.isArray(node)) node.splice(Number(path.at(-1)), 1);
  else delete node[path.at(-1)!];
}

/** A value placed in JSON: raw ones go in as a marker string swapped for their text after stringify. */
function place(value: HostileValue, raws: string[]): unknown {
  if (!value.raw) return value.json;
  raws.push(rawJsonText(value.raw));
  return `@@fuzz-raw-${raws.length - 1}@@`;
}

function serialise(body: unknown, raws: string[]): string {
  let text = JSON.stringify(body) ?? "";
  raws.forEach((raw, index) => (text = text.replace(`"@@fuzz-raw-${index}@@"`, () => raw)));
  return text;
}

function queryString(query: Record<string, unknown>, encodedOverride?: { name: string; value: string }): string {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (encodedOverride?.name === name) parts.push(`${percentEncode(name)}=${encodedOverride.value}`);
    else parts.push(`${percentEncode(name)}=${percentEncode(Array.isArray(value) ? value.join(",") : String(value))}`);
  }
  if (encodedOverride && !(encodedOverride.name in query)) parts.push(`${percentEncode(encodedOverride.name)}=${encodedOverride.value}`);
  return parts.join("&");
}

const keyPath = (path: (string | number)[]) => path.map((key) => (typeof key === "number" ? `[${key}]` : `.${key}`)).join("");

export function buildRequest(plan: Plan, operation: Operation, pools: Pools, credentials: Credentials, nowMs: number, requestId: string): WireRequest {
  const resolve = (ref: Ref) => resolveRef(ref, operation, pools, nowMs);
  const pathValues = resolveAll(plan.path, resolve) as Record<string, unknown>;
  const query = resolveAll(plan.query, resolve) as Record<string, unknown>;
  let body = resolveAll(plan.body, resolve);
  const mutation = plan.mutation;
  const raws: string[] = [];
  let input = "valid";
  let method = operation.method;
  let contentType: string | null = "application/json";
  let bodyText: string | null = null;
  let bodyBytes: Buffer | null = null;
  const headers: Record<string, string> = { "x-request-id": requestId };

  // Path
  const encodedPath: Record<string, string> = Object.fromEntries(Object.entries(pathValues).map(([name, value]) => [name, percentEncode(String(value))]));
  if (mutation.kind === "path-value" && operation.pathParams.length > 0) {
    const parameter = operation.pathParams[mutation.pick % operation.pathParams.length]!;
    encodedPath[parameter.name] = mutation.isEncoded ? mutation.value.value : percentEncode(mutation.value.value);
    input = `path.${parameter.name} ← ${mutation.value.label}`;
  }
  let path = operation.pathTemplate.replace(/\{(\w+)\}/g, (_, name: string) => encodedPath[name] ?? "");
  if (mutation.kind === "path-extra") {
    path += mutation.suffix;
    input = `path ← ${mutation.label}`;
  }

  // Query
  let search = "";
  if (mutation.kind === "query-value" && operation.queryParams.length > 0) {
    const parameter = operation.queryParams[mutation.pick % operation.queryParams.length]!;
    search = queryString(query, { name: parameter.name, value: mutation.isEncoded ? mutation.value.value : percentEncode(mutation.value.value) });
    input = `query.${parameter.name} ← ${mutation.value.label}`;
  } else search = queryString(query);
  if (mutation.kind === "query-extra") {
    search = search ? `${search}&${mutation.query}` : mutation.query;
    input = `query ← ${mutation.label}`;
  }
  if (search) path += `?${search}`;

  // Body
  if (operation.body) {
    if (mutation.kind === "body-field" || mutation.kind === "body-missing-field") {
      const places = placesOf(body);
      if (places.length === 0) {
        if (mutation.kind === "body-field") {
          body = place(mutation.value, raws);
          input = `body ← ${mutation.value.label}`;
        } else input = "body (nothing to remove)";
      } else {
        const target = places[mutation.pick % places.length]!;
        if (mutation.kind === "body-field") {
          setAt(body, target, place(mutation.value, raws));
          input = `body${keyPath(target)} ← ${mutation.value.label}`;
        } else {
          deleteAt(body, target);
          input = `body${keyPath(target)} removed`;
        }
      }
    }
    if (mutation.kind === "body-unknown-field") {
      body = typeof body === "object" && body !== null && !Array.isArray(body) ? { ...body } : {};
      Object.defineProperty(body, mutation.name, { value: place(mutation.value, raws), enumerable: true, configurable: true, writable: true });
      input = `body.${JSON.stringify(mutation.name)} (unknown) ← ${mutation.value.label}`;
    }
    bodyText = body === undefined ? null : serialise(body, raws);
  }
  if (mutation.kind === "body-whole") {
    input = mutation.label;
    const raw = mutation.body;
    if ("text" in raw) bodyText = raw.text;
    else if ("raw" in raw) bodyText = rawJsonText(raw.raw);
    else if ("bytesHex" in raw) bodyBytes = Buffer.from(raw.bytesHex, "hex");
    else {
      const template = typeof body === "object" && body !== null && !Array.isArray(body) ? body : {};
      const firstText = Object.entries(template).find(([, value]) => typeof value === "string")?.[0] ?? "name";
      const skeleton = serialise({ ...template, [firstText]: "" }, []);
      bodyText = serialise({ ...template, [firstText]: "y".repeat(Math.max(0, raw.paddedBytes - skeleton.length)) }, []);
    }
  }
  if (mutation.kind === "content-type") {
    contentType = mutation.contentType;
    input = mutation.label;
    if (contentType?.includes("urlencoded") && typeof body === "object" && body !== null) {
      bodyText = Object.entries(body)
        .map(([key, value]) => `${percentEncode(key)}=${percentEncode(typeof value === "string" ? value : JSON.stringify(value))}`)
        .join("&");
    }
  }
  if (bodyBytes === null && bodyText !== null) bodyBytes = Buffer.from(bodyText, "utf8");
  if (bodyBytes !== null && contentType !== null) headers["content-type"] = contentType;

  // Method
  if (mutation.kind === "method") {
    method = mutation.method;
    input = `method ${method}`;
  }

  // Auth
  switch (plan.auth) {
    case "apiKey":
      headers["authorization"] = `Bearer ${credentials.apiKey}`;
      break;
    case "cookie":
      headers["cookie"] = credentials.cookie;
      headers["x-csrf-token"] = credentials.csrfToken;
      break;
    case "cookieWithoutCsrf":
      headers["cookie"] = credentials.cookie;
      break;
    case "unknownKey":
      headers["authorization"] = "Bearer cv_unknownunknownunknownunknownunknown0000";
      break;
    case "none":
      break;
  }
  if (plan.idempotencyKey) headers["idempotency-key"] = plan.idempotencyKey;

  // Headers
  if (mutation.kind === "header") {
    Object.assign(headers, mutation.headers);
    if (mutation.padBytes) headers["x-fuzz-pad"] = "p".repeat(mutation.padBytes);
    input = `header: ${mutation.label}`;
  }
  if (plan.auth !== "apiKey" && plan.auth !== "cookie" && operation.isAuthenticated) input += ` [auth: ${plan.auth}]`;

  const preview = bodyBytes ? (bodyBytes.length > 300 ? `${bodyBytes.subarray(0, 300).toString("utf8")}… (${bodyBytes.length} bytes)` : bodyBytes.toString("utf8")) : "";
  return { method, path, headers, body: bodyBytes, input, bodyPreview: preview };
}
