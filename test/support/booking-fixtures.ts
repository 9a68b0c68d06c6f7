// Links and bookings for the booking suites: a New York weekday link and the
// public calls an invitee makes.
import type { FastifyInstance } from "fastify";
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
