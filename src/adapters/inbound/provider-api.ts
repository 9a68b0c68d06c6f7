// The one way the Cal.com and Calendly clients call their providers: JSON with
// the source's bearer token over the deployment's fetch limits, and one mapping
// of a provider's answer to Convene's codes. 401 and 403 are the token refused
// (the owner must paste a new one); 5xx, timeouts and refused connections are
// the provider down (the backfill tries again on its schedule); 429 waits once
// when Retry-After is short, and is the provider down otherwise. Other 4xx
// answers go back to the caller, who knows what a 404 or a 409 means there.
import type { z } from "zod";
import { ConveneError } from "../../core/errors.js";
import { isCalendarFailure } from "../../core/calendars/calendar-errors.js";
import { retryAfterMs } from "../calendars/oauth-api.js";
import { createSafeFetch, type SafeFetch } from "../calendars/safe-fetch.js";

export type ProviderApiOptions = {
  /** The provider's base URL (CALCOM_API_URL, CALENDLY_API_URL): the operator's configuration, so private addresses are allowed (tests use loopback fakes). */
  baseUrl: string;
  /** Replaces undici's fetch (instrumentation, tests). */
  fetch?: typeof fetch;
  /** For one whole exchange. Defaults to 15 s. */
  timeoutMs?: number;
  /** Defaults to 5 MB: a page of 100 bookings is far smaller. */
  maxBodyBytes?: number;
  /** The longest Retry-After waited in place (once); a longer one fails the call as unreachable. Defaults to 5 s. */
  maxInlineWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
};

export type ProviderRequest = {
  method?: "GET" | "POST" | "DELETE";
  path: string;
  query?: Record<string, string | number | undefined>;
  json?: unknown;
  headers?: Record<string, string>;
};

export type ProviderResponse = { status: number; json: unknown };

export type ProviderApi = (token: string, request: ProviderRequest) => Promise<ProviderResponse>;

const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_MAX_BODY_BYTES = 5_000_000;
const DEFAULT_MAX_INLINE_WAIT_MS = 5_000;

export function createProviderApi(providerName: string, options: ProviderApiOptions): ProviderApi {
  const safeFetch: SafeFetch = createSafeFetch({
    allowPrivateUrls: true,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const maxInlineWaitMs = options.maxInlineWaitMs ?? DEFAULT_MAX_INLINE_WAIT_MS;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const base = options.baseUrl.replace(/\/+$/, "");

  return async (token, request) => {
    const url = new URL(`${base}${request.path}`);
    for (const [name, value] of Object.entries(request.query ?? {})) if (value !== undefined) url.searchParams.set(name, String(value));
    const method = request.method ?? "GET";
    const action = `${providerName} ${method} ${url.pathname}`;
    const headers: Record<string, string> = { accept: "application/json", authorization: `Bearer ${token}`, ...request.headers };
    if (request.json !== undefined) headers["content-type"] = "application/json";

    for (let attempt = 0; ; attempt += 1) {
      let response;
      try {
        response = await safeFetch(url.href, { method, headers, ...(request.json !== undefined ? { body: JSON.stringify(request.json) } : {}) });
      } catch (error) {
        if (isCalendarFailure(error)) throw new ConveneError("INBOUND_PROVIDER_UNREACHABLE", `${action}: ${error.message}`, { cause: error });
        throw error;
      }
      const json = parseJson(response.body);
      const { status } = response;
      if (status === 401 || status === 403) {
        throw new ConveneError("INBOUND_PROVIDER_AUTH_FAILED", `${action}: ${providerName} refused the token (${status}${providerMessage(json)})`, { details: { providerStatus: status } });
      }
      if (status === 429) {
        const waitMs = retryAfterMs(response.headers);
        if (attempt === 0 && waitMs !== null && waitMs <= maxInlineWaitMs) {
          await sleep(waitMs);
          continue;
        }
        throw new ConveneError("INBOUND_PROVIDER_UNREACHABLE", `${action}: ${providerName} is rate limiting Convene${waitMs !== null ? `; retry after ${Math.ceil(waitMs / 1000)} s` : ""}`, {
          details: { providerStatus: status, ...(waitMs !== null ? { retryAfterMs: waitMs } : {}) },
        });
      }
      if (status >= 500) throw new ConveneError("INBOUND_PROVIDER_UNREACHABLE", `${action}: ${providerName} answered ${status}`, { details: { providerStatus: status } });
      return { status, json };
    }
  };
}

/** A 4xx the caller did not expect: the provider refused what Convene sent, in its own words. */
export function rejectedBy(providerName: string, action: string, response: ProviderResponse): ConveneError {
  return new ConveneError("INBOUND_PROVIDER_REJECTED", `${providerName} rejected ${action} (${response.status}${providerMessage(response.json)})`, { details: { providerStatus: response.status } });
}

/** A 2xx whose body is not what the provider documents: Convene cannot use it, and retrying later is all it can do. */
export function unexpectedAnswer(providerName: string, action: string, problem: string): ConveneError {
  return new ConveneError("INBOUND_PROVIDER_UNREACHABLE", `${providerName} answered ${action} with something Convene does not understand: ${problem}`);
}

function parseJson(body: string): unknown {
  if (body.trim() === "") return null;
  try {
    return JSON.parse(body);
  } catch {
    // An HTML page from a proxy: the status still says what happened.
    return null;
  }
}

/** Calendly: {title, message}; Cal.com: {error: {code, message}}. */
function providerMessage(json: unknown): string {
  if (typeof json !== "object" || json === null) return "";
  const record = json as Record<string, unknown>;
  const nested = typeof record.error === "object" && record.error !== null ? (record.error as Record<string, unknown>) : null;
  const message = record.message ?? nested?.message;
  return typeof message === "string" && message.length > 0 ? `: ${message.slice(0, 300)}` : "";
}

/** zod's issues as one line for a problem's detail: where and what. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join(".") : "(body)"}: ${issue.message}`)
    .join("; ");
}
