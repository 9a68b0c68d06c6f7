// The one way the Google and Microsoft Graph clients call their APIs: JSON
// over the deployment's fetch limits with the connection's bearer token. A
// 401 refreshes the token once and repeats the call; a second 401 is the
// grant refused (CalendarFailure "auth"). Throttling (429, 503, and 403s the
// provider marks as rate limits) honours Retry-After: a short wait is waited
// here, a longer one ends the sync with the time to wait, for the scheduler.
// Any other answer goes back to the caller, who knows what a 404 or 410 means.
import { CalendarFailure } from "../../core/calendars/calendar-errors.js";
import type { OAuthAccess } from "../../use-cases/ports/calendars.js";
import type { SafeFetch, SafeResponse } from "./safe-fetch.js";

export type ApiRequest = {
  method?: string;
  /** Query parameters; undefined values are left out. */
  query?: Record<string, string | number | boolean | undefined>;
  /** Sent as application/json. */
  json?: unknown;
  headers?: Record<string, string>;
};

export type ApiResponse = { status: number; headers: Headers; url: string; json: unknown };

export type OAuthApiOptions = {
  /** The API's base URL (GOOGLE_API_URL, MICROSOFT_GRAPH_URL); paths are appended, absolute URLs (next links) used as they are. */
  baseUrl: string;
  access: OAuthAccess;
  fetch: SafeFetch;
  /** Whether a 403 answer is the provider throttling (Google: usageLimits reasons), not a permission. */
  isRateLimited?: (response: ApiResponse) => boolean;
  /** The longest Retry-After waited in place; longer ones fail the call as "unavailable" with the wait. Defaults to 5 s. */
  maxInlineWaitMs?: number;
  /** Throttled answers retried in place before giving up. Defaults to 2. */
  maxThrottleRetries?: number;
  sleep?: (ms: number) => Promise<void>;
};

export type OAuthApi = (path: string, request?: ApiRequest) => Promise<ApiResponse>;

/** When throttled without a Retry-After, the first wait (doubled on each retry). */
const DEFAULT_THROTTLE_WAIT_MS = 1_000;

/** Retry-After as delta-seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or unreadable. */
export function retryAfterMs(headers: Headers, nowMs: number = Date.now()): number | null {
  const value = headers.get("retry-after")?.trim();
  if (!value) return null;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}

function parseBody(response: SafeResponse): unknown {
  if (response.body.trim() === "") return null;
  try {
    return JSON.parse(response.body);
  } catch {
    // An HTML error page from a proxy: the status still says what happened.
    return null;
  }
}

export function createOAuthApi(options: OAuthApiOptions): OAuthApi {
  const maxInlineWaitMs = options.maxInlineWaitMs ?? 5_000;
  const maxThrottleRetries = options.maxThrottleRetries ?? 2;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const base = options.baseUrl.replace(/\/+$/, "");

  const urlOf = (path: string, query: ApiRequest["query"]) => {
    const url = new URL(/^https?:\/\//.test(path) ? path : `${base}${path.startsWith("/") ? "" : "/"}${path}`);
    for (const [name, value] of Object.entries(query ?? {})) if (value !== undefined) url.searchParams.set(name, String(value));
    return url.toString();
  };

  return async (path, request = {}) => {
    const url = urlOf(path, request.query);
    const method = request.method ?? "GET";
    const send = async (token: string): Promise<ApiResponse> => {
      const headers: Record<string, string> = { accept: "application/json", authorization: `Bearer ${token}`, ...request.headers };
      if (request.json !== undefined) headers["content-type"] = "application/json";
      const response = await options.fetch(url, { method, headers, ...(request.json !== undefined ? { body: JSON.stringify(request.json) } : {}) });
      return { status: response.status, headers: response.headers, url: response.url, json: parseBody(response) };
    };

    let token = await options.access.accessToken();
    let refreshed = false;
    for (let throttled = 0; ; ) {
      const response = await send(token);
      if (response.status === 401) {
        if (refreshed) throw new CalendarFailure("auth", `${method} ${new URL(url).pathname}: the token was refused again after a refresh`, { status: 401 });
        token = await options.access.refreshAfterRejection(token);
        refreshed = true;
        continue;
      }
      const isThrottled = response.status === 429 || response.status === 503 || (response.status === 403 && (options.isRateLimited?.(response) ?? false));
      if (!isThrottled) return response;
      const askedMs = retryAfterMs(response.headers);
      const waitMs = askedMs ?? DEFAULT_THROTTLE_WAIT_MS * 2 ** throttled;
      if (throttled >= maxThrottleRetries || waitMs > maxInlineWaitMs) {
        throw new CalendarFailure("unavailable", `${method} ${new URL(url).pathname}: throttled (${response.status})${askedMs !== null ? `, retry after ${Math.ceil(askedMs / 1000)} s` : ""}`, {
          status: response.status,
          retryAfterMs: waitMs,
        });
      }
      throttled += 1;
      await sleep(waitMs);
    }
  };
}
