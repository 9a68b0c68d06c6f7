// The one way calendar adapters reach a URL a user typed in: only http(s), never
// a private, loopback, link-local, CGNAT or unique-local address (unless the
// deployment allows it), every redirect checked again, a total time limit and a
// cap on the body. The address is checked where the socket connects (a lookup
// hook on the connection pool), so a name that resolves to a public address for
// a check and a private one for the connection (DNS rebinding) is refused too.
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from "node:dns";
import { isIP, type LookupFunction } from "node:net";
import { Agent, fetch as undiciFetch, type Dispatcher } from "undici";
import { CalendarFailure } from "../../core/calendars/calendar-errors.js";
import { isPrivateAddress } from "./private-address.js";

export type SafeFetchOptions = {
  /** Lets URLs reach private and loopback addresses: a self-hosted calendar on the same network (CALENDAR_ALLOW_PRIVATE_URLS). */
  allowPrivateUrls: boolean;
  /** For the whole exchange: connection, every redirect and reading the body. */
  timeoutMs: number;
  maxBodyBytes: number;
  /**
   * Replaces undici's fetch (instrumentation, tests). It is handed the guarded
   * connection pool as `dispatcher`; a fetch that ignores it skips the check at
   * connect time, and only IP-literal URLs are then still refused.
   */
  fetch?: typeof fetch;
  /** Defaults to 5. */
  maxRedirects?: number;
};

export type SafeRequest = { method?: string; headers?: Record<string, string>; body?: string };

/** A response read to the end: `url` is where it came from after redirects. */
export type SafeResponse = { status: number; headers: Headers; url: string; body: string };

export type SafeFetch = (url: string, request?: SafeRequest) => Promise<SafeResponse>;

type FetchWithDispatcher = (url: string, init: RequestInit & { dispatcher: Dispatcher }) => Promise<Response>;

const DEFAULT_MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Thrown from the connect-time lookup; recognised in fetch's error causes. */
class PrivateAddressError extends Error {
  constructor(hostname: string, address: string) {
    super(`${hostname} resolves to the private address ${address}`);
  }
}

export function createSafeFetch(options: SafeFetchOptions): SafeFetch {
  const dispatcher = new Agent({ connect: options.allowPrivateUrls ? {} : { lookup: publicOnlyLookup } });
  // undici's fetch and the global one take the same arguments; the types differ only in where Response is declared.
  const doFetch = (options.fetch ?? undiciFetch) as unknown as FetchWithDispatcher;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;

  return async (url, request = {}) => {
    const signal = AbortSignal.timeout(options.timeoutMs);
    let target = url;
    let method = request.method ?? "GET";
    let body = request.body;
    const headers: Record<string, string> = { "user-agent": "Convene calendar sync", ...request.headers };
    for (let redirects = 0; ; redirects += 1) {
      const parsed = checkUrl(target, options.allowPrivateUrls);
      let response: Response;
      try {
        response = await doFetch(parsed.href, { method, headers, body, redirect: "manual", signal, dispatcher });
      } catch (error) {
        throw fetchFailure(parsed, error, options.timeoutMs);
      }
      const location = response.headers.get("location");
      if (!REDIRECT_STATUSES.has(response.status) || location === null) {
        return { status: response.status, headers: response.headers, url: parsed.href, body: await readCapped(response, parsed, options) };
      }
      await response.body?.cancel().catch(() => undefined);
      if (redirects >= maxRedirects) throw new CalendarFailure("rejected", `${parsed.origin} redirected more than ${maxRedirects} times`, { status: response.status });
      const next = new URL(location, parsed);
      // 303 (and 301/302 after a POST, as browsers do) turns the request into a GET.
      if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === "POST")) {
        method = method === "HEAD" ? "HEAD" : "GET";
        body = undefined;
      }
      // The credentials were meant for an encrypted connection; a redirect to plain http does not get them.
      if (parsed.protocol === "https:" && next.protocol === "http:") delete headers.authorization;
      target = next.href;
    }
  };
}

function checkUrl(url: string, allowPrivateUrls: boolean): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    throw new CalendarFailure("rejected", `"${url}" is not a URL`, { cause: error });
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") throw new CalendarFailure("rejected", `${parsed.protocol} URLs are not supported: use https`);
  if (parsed.username || parsed.password) throw new CalendarFailure("rejected", "credentials in the URL are not supported: give them separately");
  // An IP literal connects without a lookup, so it is checked here.
  const host = parsed.hostname.replace(/^\[|\]$/g, "");
  if (!allowPrivateUrls && isIP(host) !== 0 && isPrivateAddress(host)) throw privateAddressFailure(`${host} is a private address`);
  return parsed;
}

const publicOnlyLookup: LookupFunction = (hostname, lookupOptions, callback) => {
  dnsLookup(hostname, { ...(lookupOptions as LookupOptions), all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, "");
    const refused = addresses.find((candidate) => isPrivateAddress(candidate.address));
    if (refused) return callback(new PrivateAddressError(hostname, refused.address), "");
    if (lookupOptions.all) return callback(null, addresses);
    const first = addresses[0];
    if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" }), "");
    callback(null, first.address, first.family);
  });
};

function privateAddressFailure(reason: string, cause?: unknown): CalendarFailure {
  return new CalendarFailure("refused", `refused to connect to a private address (${reason}); set CALENDAR_ALLOW_PRIVATE_URLS=true to allow calendars on the local network`, { cause });
}

function fetchFailure(url: URL, error: unknown, timeoutMs: number): CalendarFailure {
  for (let cause: unknown = error; cause instanceof Error; cause = cause.cause) {
    if (cause instanceof PrivateAddressError) return privateAddressFailure(cause.message, error);
    if (cause.name === "TimeoutError") return new CalendarFailure("unavailable", `${url.origin} did not answer within ${timeoutMs} ms`, { cause: error });
  }
  const code = networkErrorCode(error);
  return new CalendarFailure("unavailable", `${url.origin} could not be reached${code ? ` (${code})` : ""}`, { cause: error });
}

function networkErrorCode(error: unknown): string | null {
  for (let cause: unknown = error; cause instanceof Error; cause = cause.cause) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === "string") return code;
  }
  return null;
}

async function readCapped(response: Response, url: URL, { maxBodyBytes, timeoutMs }: SafeFetchOptions): Promise<string> {
  const tooLarge = () => new CalendarFailure("rejected", `the response from ${url.origin} is larger than ${maxBodyBytes} bytes`, { status: response.status });
  const declaredBytes = Number(response.headers.get("content-length") ?? NaN);
  if (declaredBytes > maxBodyBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let totalBytes = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      totalBytes += value.byteLength;
      if (totalBytes > maxBodyBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof CalendarFailure) throw error;
    const isTimeout = error instanceof Error && error.name === "TimeoutError";
    throw new CalendarFailure("unavailable", isTimeout ? `${url.origin} did not finish its answer within ${timeoutMs} ms` : `${url.origin} broke the connection mid-answer`, { cause: error });
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}
