// Google's error bodies, as documented for the OAuth 2.0 token endpoint and for
// the Calendar API v3 ("Handle API errors"), so a client's error mapping is tested
// against the shapes it will meet in production.
import type { ServerResponse } from "node:http";
import type { z } from "zod";

/** A Calendar API failure; the router turns it into Google's JSON error body. */
export class GoogleApiError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
    readonly extra: { domain?: string; location?: string; locationType?: string; headers?: Record<string, string> } = {},
  ) {
    super(message);
  }
}

/** An OAuth 2.0 endpoint failure: `{"error": ..., "error_description": ...}`. */
export class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(description);
  }
}

const STATUS_NAMES: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  409: "ALREADY_EXISTS",
  410: "NOT_FOUND",
  429: "RESOURCE_EXHAUSTED",
  500: "INTERNAL",
};

export function sendApiError(res: ServerResponse, failure: GoogleApiError): void {
  const { domain = "global", location, locationType, headers = {} } = failure.extra;
  const item: Record<string, string> = { domain, reason: failure.reason, message: failure.message };
  if (location) item.location = location;
  if (locationType) item.locationType = locationType;
  sendJson(res, failure.status, { error: { code: failure.status, message: failure.message, errors: [item], status: STATUS_NAMES[failure.status] ?? "UNKNOWN" } }, headers);
}

export function sendOAuthError(res: ServerResponse, failure: OAuthError): void {
  sendJson(res, failure.status, { error: failure.error, error_description: failure.description });
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json; charset=UTF-8", ...headers });
  res.end(JSON.stringify(body));
}

export const badRequest = (message: string, reason = "invalid") => new GoogleApiError(400, reason, message);
export const notFound = () => new GoogleApiError(404, "notFound", "Not Found");

/** A request body checked against a schema, or Google's 400 naming the first bad field. */
export function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.join(".");
  const isMissing = issue.code === "invalid_type" && issue.input === undefined;
  throw badRequest(isMissing ? `Required: ${field}` : `Invalid value for ${field}: ${issue.message}`, isMissing ? "required" : "invalid");
}
