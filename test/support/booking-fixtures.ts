// Links and bookings for the booking suites: a New York weekday link, the
// public calls an invitee makes, and a meeting (a link with one booking on it).
import type { FastifyInstance } from "fastify";
import { expect } from "vitest";
import { bearer, PUBLIC_URL, type Owner } from "./test-app.js";

export const NY_WEEKDAYS = {
  timeZone: "America/New_York",
  weeklyHours: [{ days: [1, 2, 3, 4, 5], start: "09:00", end: "17:00" }],
};

export async function createLink(app: FastifyInstance, owner: Owner, fields: Record<string, unknown> = {}) {
  const response = await app.inject({
    method: "POST",
    url: "/api/v1/links",
    headers: bearer(owner),
    payload: { title: "Intro call", durationsMin: [30], slotIntervalMin: 30, maxDaysAhead: 60, ...NY_WEEKDAYS, ...fields },
  });
  if (response.statusCode !== 201) throw new Error(`link: ${response.statusCode} ${response.body}`);
  const link = response.json();
  return { ...link, apiPath: new URL(link.apiUrl).pathname } as { id: string; apiUrl: string; apiPath: string; bookingUrl: string; slug: string };
}

export function invitee(overrides: Record<string, unknown> = {}) {
  return { durationMin: 30, timeZone: "Europe/London", name: "Ada Lovelace", email: "ada@example.com", answers: {}, ...overrides };
}

export async function book(app: FastifyInstance, apiPath: string, start: string, overrides: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  return app.inject({ method: "POST", url: `${apiPath}/bookings`, headers, payload: { start, ...invitee(overrides) } });
}

export function managePath(manageApiUrl: string): string {
  return manageApiUrl.slice(PUBLIC_URL.length);
}

/** Tuesday 1 December 2026, 09:00 in New York: a free NY_WEEKDAYS slot inside the test clock's 60-day window. */
export const MEETING_START = "2026-12-01T14:00:00.000Z";

export type MeetingOptions = { link?: Record<string, unknown>; start?: string; invitee?: Record<string, unknown>; headers?: Record<string, string> };

/**
 * A new link of the owner's and one booking on it, which must succeed: the link, the booking as the invitee
 * got it, and the booking's manage API path and token.
 */
export async function createLinkAndBook(app: FastifyInstance, owner: Owner, options: MeetingOptions = {}) {
  const link = await createLink(app, owner, options.link);
  const response = await book(app, link.apiPath, options.start ?? MEETING_START, options.invitee, options.headers);
  expect(response.statusCode, response.body).toBe(201);
  const booking = response.json() as { id: string; start: string; end: string; status: string; manageUrl: string; manageApiUrl: string };
  return { link, response, booking, managePath: managePath(booking.manageApiUrl), manageToken: new URL(booking.manageUrl).pathname.split("/").at(-1)! };
}

/** GET /api/v1/bookings/{id} as the owner: the booking with its history, events and deliveries. */
export async function bookingDetail(app: FastifyInstance, owner: Owner, bookingId: string) {
  const response = await app.inject({ method: "GET", url: `/api/v1/bookings/${bookingId}`, headers: bearer(owner) });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}
