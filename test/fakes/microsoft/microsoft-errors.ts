// Microsoft's error bodies: Graph's `{"error": {code, message, innerError}}` and the
// identity platform's AADSTS-coded OAuth errors, plus the strict JSON body parsing
// whose failures Graph answers with 415 or 400.
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { z } from "zod";

/** A Graph failure; the router turns it into Graph's JSON error body. */
export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** A token endpoint failure, carrying the AADSTS number Microsoft puts in the description. */
export class OAuthError extends Error {
  constructor(
    readonly error: string,
    readonly aadsts: number,
    readonly description: string,
    readonly status = 400,
  ) {
    super(description);
  }
}

export function sendGraphError(response: ServerResponse, error: GraphError, nowMs: number): void {
  const headers = { ...error.headers };
  sendJson(
    response,
    error.status,
    { error: { code: error.code, message: error.message, innerError: { date: new Date(nowMs).toISOString(), "request-id": randomUUID() } } },
    headers,
  );
}

export function sendOAuthError(response: ServerResponse, error: OAuthError, nowMs: number): void {
  sendJson(response, error.status, {
    error: error.error,
    error_description: `AADSTS${error.aadsts}: ${error.description}`,
    error_codes: [error.aadsts],
    timestamp: new Date(nowMs).toISOString(),
    trace_id: randomUUID(),
    correlation_id: randomUUID(),
  });
}

export function parseJson(request: IncomingMessage, rawBody: string): unknown {
  if (!(request.headers["content-type"] ?? "").startsWith("application/json")) {
    throw new GraphError(415, "UnsupportedMediaType", "A supported MIME type could not be found that matches the content type of the response.");
  }
  try {
    return JSON.parse(rawBody) as unknown;
  } catch {
    throw new GraphError(400, "BadRequest", "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.");
  }
}

/** Strict: Graph rejects unknown properties, so the schemas are strictObjects. */
export function parseBody<T extends z.ZodType>(schema: T, json: unknown): z.infer<T> {
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new GraphError(400, "RequestBodyRead", `Invalid request body at '${issue.path.join(".")}': ${issue.message}`);
  }
  return parsed.data;
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { "content-type": "application/json; odata.metadata=minimal", ...headers }).end(JSON.stringify(body));
}

export function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { "content-type": "text/plain; charset=utf-8" }).end(text);
}
