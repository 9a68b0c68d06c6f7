// One account's requests to a CalDAV server: Basic credentials on every
// request through the safe fetch, and the one mapping from HTTP statuses to
// the failure kinds sync and the calendar channel act on.
import { CalendarFailure } from "../../../core/calendars/calendar-errors.js";
import type { SafeFetch, SafeResponse } from "../safe-fetch.js";
import { parseMultistatus, type Multistatus } from "./dav-xml.js";

export type DavRequest = { depth?: "0" | "1"; body?: string; headers?: Record<string, string> };

export type DavSession = {
  send(method: string, url: string, request?: DavRequest): Promise<SafeResponse>;
  /** A PROPFIND or REPORT that must answer 207; anything else is a failure for `action`. */
  multistatus(method: "PROPFIND" | "REPORT", url: string, request: DavRequest & { action: string }): Promise<{ response: SafeResponse; multistatus: Multistatus }>;
};

export function createDavSession(safeFetch: SafeFetch, credentials: { username: string; password: string }): DavSession {
  const authorization = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`, "utf8").toString("base64")}`;
  const send: DavSession["send"] = (method, url, request = {}) => {
    const headers: Record<string, string> = { authorization, ...request.headers };
    if (request.depth !== undefined) headers.depth = request.depth;
    if (request.body !== undefined && headers["content-type"] === undefined) headers["content-type"] = "application/xml; charset=utf-8";
    return safeFetch(url, { method, headers, body: request.body });
  };
  return {
    send,
    async multistatus(method, url, request) {
      const response = await send(method, url, request);
      if (response.status !== 207) throw statusFailure(response, request.action, { isWrite: false });
      const multistatus = parseMultistatus(response.body);
      if (!multistatus) throw new CalendarFailure("rejected", `${request.action}: ${new URL(url).origin} did not answer as a CalDAV server`, { status: response.status });
      return { response, multistatus };
    },
  };
}

/**
 * 401 is always the credentials. 403 on a read is too (the account lost access,
 * the owner must reconnect); on a write it is the calendar refusing the account
 * (read-only), which reconnecting will not change. 5xx, 408 and 429 are worth
 * retrying later; any other answer is the server rejecting the request.
 */
export function statusFailure(response: SafeResponse, action: string, { isWrite }: { isWrite: boolean }): CalendarFailure {
  const { status } = response;
  const message = `${action}: ${new URL(response.url).origin} answered ${status}`;
  if (status === 401 || (status === 403 && !isWrite)) return new CalendarFailure("auth", `${message}; the credentials were refused`, { status });
  if (status >= 500 || status === 408 || status === 429) return new CalendarFailure("unavailable", message, { status });
  return new CalendarFailure("rejected", status === 403 ? `${message}; the calendar is read-only for this account` : message, { status });
}

export const isSuccess = (response: SafeResponse): boolean => response.status >= 200 && response.status < 300;
