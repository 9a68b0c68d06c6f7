// Convene over fetch, for suites that talk to a `convene serve` child process
// as the web app and programs do: an owner signs up and makes links, an
// invitee books. In-process suites use app.inject (test-app.ts) instead.
import { expect } from "vitest";

export type AnswerBody = Record<string, unknown> & { code?: string };

/** A response read whole: its status and its JSON body ({} when it has none), typed as the caller expects it. */
export type Answer<B extends object = AnswerBody> = { status: number; body: B };

/** A signed-in owner: the session cookie and the CSRF token its writes send. */
export type HttpOwner = { email: string; cookie: string; csrfToken: string };

export type HttpLink = { id: string; apiPath: string };

/** Every hour of every day: a link whose times never depend on when the test runs. */
export const ALL_WEEK = [{ days: [0, 1, 2, 3, 4, 5, 6], start: "00:00", end: "24:00" }];

const DAY_MS = 86_400_000;

/** An instant `days` after today's UTC midnight, at hour:minute UTC: booking times for a process on the real clock. */
export function daysAhead(days: number, hour: number, minute = 0): string {
  return new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS + days * DAY_MS + hour * 3_600_000 + minute * 60_000).toISOString();
}

export async function call<B extends object = AnswerBody>(baseUrl: string, method: string, path: string, body?: unknown, owner?: HttpOwner): Promise<Answer<B>> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers["content-type"] = "application/json";
  if (owner) Object.assign(headers, { cookie: owner.cookie, "x-csrf-token": owner.csrfToken });
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as B };
}

/** Signs up host@example.com (one organisation per database) and keeps its session. */
export async function signUpOverHttp(baseUrl: string, fields: { organization?: string; timeZone?: string } = {}): Promise<HttpOwner> {
  const email = "host@example.com";
  const response = await fetch(`${baseUrl}/api/v1/auth/signup`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: "a long password", name: "Host", organization: "Org", timeZone: "UTC", ...fields }),
  });
  expect(response.status, await response.clone().text()).toBe(201);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { email, cookie: response.headers.get("set-cookie")!.split(";")[0]!, csrfToken };
}

/** A link of the owner's, open all week unless fields say otherwise. */
export async function createLinkOverHttp(baseUrl: string, owner: HttpOwner, fields: Record<string, unknown>): Promise<HttpLink> {
  const created = await call(baseUrl, "POST", "/api/v1/links", { durationsMin: [30], weeklyHours: ALL_WEEK, ...fields }, owner);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return { id: created.body["id"] as string, apiPath: new URL(created.body["apiUrl"] as string).pathname };
}

/** An invitee books 30 minutes (unless told) on the link; the answer is the test's to check. */
export function bookOverHttp(baseUrl: string, link: HttpLink, start: string, invitee: { email: string; name?: string; durationMin?: number }): Promise<Answer> {
  return call(baseUrl, "POST", `${link.apiPath}/bookings`, { start, durationMin: 30, timeZone: "UTC", name: "Invitee", answers: {}, ...invitee });
}
