// One account's requests to a CalDAV server: Basic credentials on every
// request, through the safe fetch.
import { CalendarFailure } from "../../../core/calendars/calendar-errors.js";
import { statusFailure } from "../http-failure.js";
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
