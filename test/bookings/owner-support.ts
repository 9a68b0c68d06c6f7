// Shared steps of the owner-side availability and direct-booking suites:
// members in the owner's organisation, their sessions, memory calendars with
// busy time, and a booking's deliveries run one by one (no timing).
import type { FastifyInstance } from "fastify";
import { expect } from "vitest";
import type { TenantId } from "../../src/core/tenancy.js";
import { defaultChannels } from "../../src/main.js";
import { connectCalendar } from "../../src/use-cases/calendars/connections.js";
import { deliverQueued } from "../../src/use-cases/deliveries/deliver.js";
import { fanOutEvents } from "../../src/use-cases/deliveries/fan-out.js";
import type { RequestContext } from "../../src/use-cases/request-context.js";
import { mintTenantIdForTest } from "../support/tenant.js";
import { bearer, sessionCookieOf, type Owner, type TestApp } from "../support/test-app.js";

export async function tenantOf(t: TestApp, userId: string): Promise<TenantId> {
  const { rows } = await t.database.executeSql("select tenant_id from users where id = $1", [userId]);
  return mintTenantIdForTest((rows[0] as { tenant_id: string }).tenant_id);
}

async function contextOf(t: TestApp, userId: string): Promise<RequestContext> {
  return { auth: { tenantId: await tenantOf(t, userId), userId, role: "owner", actor: { type: "user", id: userId }, sessionId: null, csrfToken: null }, ip: null, nowMs: t.clock.nowMs };
}

/** A member of the owner's organisation, signed in: their id and headers for their session. */
export async function addMember(app: FastifyInstance, owner: Owner, name: string, timeZone: string) {
  const email = `${name.toLowerCase().replace(/\W+/g, "-")}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  const added = await app.inject({ method: "POST", url: "/api/v1/members", headers: bearer(owner), payload: { email, name, timeZone, password: "member password 123" } });
  expect(added.statusCode, added.body).toBe(201);
  const login = await app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email, password: "member password 123" } });
  expect(login.statusCode, login.body).toBe(200);
  return { id: added.json().id as string, name, email, headers: { cookie: sessionCookieOf(login), "x-csrf-token": login.json().csrfToken as string } };
}

/** Connects a memory account (under a row of the given provider: "google" stands in for Google, as in the conference suite) with one calendar. */
export async function connectAs(t: TestApp, userId: string, accountId: string, provider: "google" | "microsoft" | "memory" = "memory") {
  const calendarId = t.calendarServer.addCalendar(accountId, { name: `${accountId} primary` });
  const connection = await connectCalendar(t.deps, await contextOf(t, userId), { kind: "memory", accountId }, { provider, label: accountId, serverUrl: "memory:", username: null });
  return { calendarId, connectionId: connection.id };
}

export function busyEvent(uid: string, start: string, end: string): string {
  const utc = (iso: string) => iso.replace(/[-:]/g, "").replace(/\.\d{3}/, "");
  return ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Convene tests//EN", "BEGIN:VEVENT", `UID:${uid}`, "DTSTAMP:20261101T000000Z", `DTSTART:${utc(start)}`, `DTEND:${utc(end)}`, "SUMMARY:Busy elsewhere", "END:VEVENT", "END:VCALENDAR", ""].join("\r\n");
}

export async function syncNow(app: FastifyInstance, owner: Owner, connectionId: string) {
  const response = await app.inject({ method: "POST", url: `/api/v1/calendars/${connectionId}/sync`, headers: bearer(owner) });
  expect(response.statusCode, response.body).toBe(200);
}

/** Fans the booking's events out and delivers each of its deliveries once, calendar writes first (a Meet link comes from them). */
export async function deliverAll(t: TestApp, userId: string, bookingId: string) {
  const channels = defaultChannels(t.deps);
  await fanOutEvents(t.deps.store, channels, t.clock.nowMs);
  const tenantId = await tenantOf(t, userId);
  const deliveries = (await t.deps.store.deliveries.listForBooking(tenantId, bookingId)).sort((a, b) => Number(b.channel === "calendar") - Number(a.channel === "calendar"));
  for (const delivery of deliveries) {
    if (delivery.runAtMs > t.clock.nowMs) continue;
    await deliverQueued(t.deps.store, channels, delivery.id, t.clock.nowMs, { isFinal: true, retryAtMs: null }).catch(() => undefined);
  }
  return t.deps.store.mailOutbox.list(tenantId, { limit: 100 });
}
