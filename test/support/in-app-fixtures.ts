// For the in-app notification suites: deliver what a change caused now (fan-out
// and every due delivery, on Convene's channels), and read the bell.
import type { FastifyInstance } from "fastify";
import { expect } from "vitest";
import { defaultChannels } from "../../src/main.js";
import { deliverTenantNow } from "../../src/use-cases/deliveries/deliver-now.js";
import { mintTenantIdForTest } from "./tenant.js";
import { bearer, type Owner, type TestApp } from "./test-app.js";

export async function tenantIdOf(app: FastifyInstance, owner: Owner): Promise<string> {
  return (await app.inject({ method: "GET", url: "/api/v1/me", headers: bearer(owner) })).json().organization.id;
}

/** Fans out and delivers everything due for the owner's organisation; fails on an undelivered one. */
export async function deliverAll(t: TestApp, owner: Owner): Promise<void> {
  const undelivered = await deliverTenantNow(t.deps.store, defaultChannels(t.deps), mintTenantIdForTest(await tenantIdOf(t.app, owner)), t.clock.nowMs);
  expect(undelivered.map((delivery) => `${delivery.channel}:${delivery.kind}: ${delivery.lastError}`)).toEqual([]);
}

export type BellItem = { id: number; kind: string; title: string; body: string | null; bookingId: string | null; sourceId: string | null; createdAt: string; readAt: string | null };

export async function bell(app: FastifyInstance, owner: Owner, query = ""): Promise<{ unreadCount: number; items: BellItem[]; nextCursor: string | null }> {
  const response = await app.inject({ method: "GET", url: `/api/v1/notifications${query}`, headers: bearer(owner) });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}
