// Outbound webhook endpoints over Drizzle; every query is scoped by tenant.
import { and, arrayContains, asc, eq, isNull, sql } from "drizzle-orm";
import type { WebhookEndpointRecord, WebhookEndpointRepository } from "../../use-cases/ports/webhooks.js";
import type { Db } from "./client.js";
import { webhookEndpoints } from "./schema.js";

type EndpointRow = typeof webhookEndpoints.$inferSelect;

const msOf = (date: Date | null) => date?.getTime() ?? null;
const dateOf = (ms: number | null | undefined) => (ms === undefined ? undefined : ms === null ? null : new Date(ms));

function toRecord(row: EndpointRow): WebhookEndpointRecord {
  return {
    id: row.id,
    tenantId: row.tenantId,
    url: row.url,
    eventTypes: row.eventTypes,
    description: row.description,
    secretSealed: row.secretSealed,
    previousSecretSealed: row.previousSecretSealed,
    previousExpiresAtMs: msOf(row.previousExpiresAt),
    disabledAtMs: msOf(row.disabledAt),
    disabledReason: row.disabledReason,
    failingSinceMs: msOf(row.failingSince),
    createdByUserId: row.createdByUserId,
    createdAtMs: row.createdAt.getTime(),
    updatedAtMs: row.updatedAt.getTime(),
  };
}

export function webhookEndpointRepository(db: Db): WebhookEndpointRepository {
  const ofEndpoint = (tenantId: string, id: string) => and(eq(webhookEndpoints.tenantId, tenantId), eq(webhookEndpoints.id, id));
  return {
    async create(tenantId, endpoint) {
      const at = new Date(endpoint.createdAtMs);
      const [row] = await db
        .insert(webhookEndpoints)
        .values({ tenantId, url: endpoint.url, eventTypes: endpoint.eventTypes, description: endpoint.description, secretSealed: endpoint.secretSealed, createdByUserId: endpoint.createdByUserId, createdAt: at, updatedAt: at })
        .returning();
      return toRecord(row!);
    },
    async get(tenantId, id) {
      const [row] = await db.select().from(webhookEndpoints).where(ofEndpoint(tenantId, id));
      return row ? toRecord(row) : null;
    },
    async list(tenantId) {
      const rows = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.tenantId, tenantId)).orderBy(asc(webhookEndpoints.createdAt), asc(webhookEndpoints.id));
      return rows.map(toRecord);
    },
    async listSubscribed(tenantId, eventType) {
      const rows = await db
        .select()
        .from(webhookEndpoints)
        .where(and(eq(webhookEndpoints.tenantId, tenantId), isNull(webhookEndpoints.disabledAt), arrayContains(webhookEndpoints.eventTypes, [eventType])))
        .orderBy(asc(webhookEndpoints.createdAt), asc(webhookEndpoints.id));
      return rows.map(toRecord);
    },
    async update(tenantId, id, changes, nowMs) {
      const [row] = await db
        .update(webhookEndpoints)
        .set({
          url: changes.url,
          eventTypes: changes.eventTypes,
          description: changes.description,
          secretSealed: changes.secretSealed,
          previousSecretSealed: changes.previousSecretSealed,
          previousExpiresAt: dateOf(changes.previousExpiresAtMs),
          disabledAt: dateOf(changes.disabledAtMs),
          disabledReason: changes.disabledReason,
          failingSince: dateOf(changes.failingSinceMs),
          updatedAt: new Date(nowMs),
        })
        .where(ofEndpoint(tenantId, id))
        .returning();
      return row ? toRecord(row) : null;
    },
    async markFailing(tenantId, id, nowMs) {
      // Two failing deliveries at once: the first failure's time wins (coalesce), never a later one.
      const [row] = await db
        .update(webhookEndpoints)
        .set({ failingSince: sql`coalesce(${webhookEndpoints.failingSince}, ${new Date(nowMs).toISOString()}::timestamptz)` })
        .where(ofEndpoint(tenantId, id))
        .returning({ failingSince: webhookEndpoints.failingSince });
      return row?.failingSince?.getTime() ?? nowMs;
    },
    async delete(tenantId, id) {
      const rows = await db.delete(webhookEndpoints).where(ofEndpoint(tenantId, id)).returning({ id: webhookEndpoints.id });
      return rows.length > 0;
    },
  };
}
