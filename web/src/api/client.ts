// The one way the web app talks to Convene: openapi-fetch typed by the server's
// own OpenAPI document (openapi.d.ts). Errors come back as problem+json and are
// thrown as ApiProblem, so screens can switch on the stable `code`.
import createClient from "openapi-fetch";
import type { components, paths } from "./openapi";

export type { paths };

/**
 * Every code a problem can carry: the server's registry (Problem's `code` enum in
 * the OpenAPI document), plus the two this client makes up: NETWORK when Convene
 * was not reached, UNKNOWN for an answer that is not a problem.
 */
export type ProblemCode = components["schemas"]["Problem"]["code"] | "NETWORK" | "UNKNOWN";

/** A problem+json answer (RFC 9457) with Convene's stable `code`. */
export class ApiProblem extends Error {
  readonly status: number;
  readonly code: ProblemCode;
  readonly detail: string;
  readonly body: Record<string, unknown>;

  constructor(status: number, body: Record<string, unknown>) {
    const detail = typeof body.detail === "string" ? body.detail : typeof body.title === "string" ? body.title : `Request failed (${status})`;
    super(detail);
    this.status = status;
    this.code = typeof body.code === "string" ? (body.code as ProblemCode) : "UNKNOWN";
    this.detail = detail;
    this.body = body;
  }
}

let csrfToken: string | null = null;

/** Cookie-authenticated writes need the CSRF token that sign-in and GET /me hand out. */
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

export const api = createClient<paths>({ baseUrl: "", credentials: "same-origin" });

api.use({
  onRequest({ request }) {
    if (csrfToken && request.method !== "GET" && request.method !== "HEAD") request.headers.set("x-csrf-token", csrfToken);
    return request;
  },
});

type Result<T> = { data?: T; error?: unknown; response: Response };

/** The data of a successful answer, or an ApiProblem for anything else. */
export async function unwrap<T>(pending: Promise<Result<T>>): Promise<T> {
  const { data, error, response } = await pending.catch((cause: unknown) => {
    throw new ApiProblem(0, { code: "NETWORK", detail: "Convene could not be reached. Check your connection and try again.", cause: String(cause) });
  });
  if (response.ok) return data as T;
  const body = error && typeof error === "object" ? (error as Record<string, unknown>) : { detail: response.statusText };
  throw new ApiProblem(response.status, body);
}

export function isProblem(error: unknown, ...codes: ProblemCode[]): error is ApiProblem {
  return error instanceof ApiProblem && (codes.length === 0 || codes.includes(error.code));
}
