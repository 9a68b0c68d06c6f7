// Input checks that hold for every route, so no schema has to remember them:
// JSON bodies nested deeper than any Convene request needs are refused before
// they are parsed (recursive code downstream — hashing, validation, logging —
// would overflow the stack), and text that PostgreSQL cannot store or that is
// not valid Unicode (NUL, unpaired surrogates) is refused in bodies, query
// strings and path parameters alike, naming the field.
import type { FastifyInstance, FastifyRequest } from "fastify";
import { ConveneError } from "../core/errors.js";

/** Deepest JSON nesting accepted; Convene's deepest schema (answers) needs a handful of levels. */
export const MAX_JSON_DEPTH = 32;

const OPEN_BRACE = 123;
const OPEN_BRACKET = 91;
const CLOSE_BRACE = 125;
const CLOSE_BRACKET = 93;
const QUOTE = 34;
const BACKSLASH = 92;

/** True when arrays and objects in a JSON text nest deeper than maxDepth; brackets inside strings do not count. One linear pass. */
export function isJsonDeeperThan(text: string, maxDepth: number): boolean {
  let depth = 0;
  let isInString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (isInString) {
      if (char === BACKSLASH) i++;
      else if (char === QUOTE) isInString = false;
    } else if (char === QUOTE) {
      isInString = true;
    } else if (char === OPEN_BRACE || char === OPEN_BRACKET) {
      if (++depth > maxDepth) return true;
    } else if (char === CLOSE_BRACE || char === CLOSE_BRACKET) {
      depth--;
    }
  }
  return false;
}

// A high surrogate not followed by a low one, or a low one not preceded by a high one
// (String.prototype.isWellFormed is ES2024; our lib target is ES2023).
const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why a string cannot be stored, or null when it can. */
function textProblemOf(text: string): string | null {
  if (text.includes("\u0000")) return "must not contain NUL characters";
  if (UNPAIRED_SURROGATE.test(text)) return "must be valid Unicode (no unpaired surrogates)";
  return null;
}

export type FieldProblem = { path: string; message: string };

/**
 * The first string (value or object key) in a parsed value that cannot be stored, with its
 * path in the form validation errors use ("body.answers.topic.1"). Iterative, so a
 * deep value cannot overflow the stack here either.
 */
export function findBadText(root: unknown, rootPath: string): FieldProblem | null {
  const pending: { value: unknown; path: string }[] = [{ value: root, path: rootPath }];
  while (pending.length > 0) {
    const { value, path } = pending.pop()!;
    if (typeof value === "string") {
      const message = textProblemOf(value);
      if (message) return { path, message };
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) pending.push({ value: value[i], path: `${path}.${i}` });
    } else if (value !== null && typeof value === "object") {
      const keys = Object.keys(value);
      for (const key of keys) {
        const message = textProblemOf(key);
        if (message) return { path, message: `a field name ${message}` };
      }
      for (let i = keys.length - 1; i >= 0; i--) pending.push({ value: (value as Record<string, unknown>)[keys[i]!], path: `${path}.${keys[i]!}` });
    }
  }
  return null;
}

function badTextError(problem: FieldProblem): ConveneError {
  return new ConveneError("VALIDATION_FAILED", `${problem.path}: ${problem.message}`, { details: { errors: [problem] } });
}

/** Checks what a request carries before its route's schema sees it. */
function checkRequestText(request: FastifyRequest): void {
  for (const [value, part] of [
    [request.params, "params"],
    [request.query, "querystring"],
    [request.body, "body"],
  ] as const) {
    const problem = findBadText(value, part);
    if (problem) throw badTextError(problem);
  }
}

/** Replaces Fastify's JSON parser with one that refuses deep nesting first, and checks every request's text. */
export function registerInputGuards(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser("error", "error");
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (request, body, done) => {
    const text = body as string;
    if (isJsonDeeperThan(text, MAX_JSON_DEPTH)) {
      done(new ConveneError("JSON_TOO_DEEP", `JSON bodies may nest at most ${MAX_JSON_DEPTH} levels deep.`), undefined);
      return;
    }
    parseJson(request, text, done);
  });
  app.addHook("preValidation", async (request) => {
    checkRequestText(request);
  });
}
