// Outreach events over Drizzle: stored once per organisation and client id
// (a unique index; ON CONFLICT DO NOTHING makes a concurrent twin wait for the
// first and then store nothing).
import { and, asc, eq, inArray } from "drizzle-orm";
import type { LeadEventRecord, LeadEventRepository } from "../../use-cases/ports/lead-events.js";
import type { Db } from "./client.js";
import { leadEvents } from "./schema.js";

type LeadEventRow = typeof leadEvents.$inferSelect;

function toRecord(row: LeadEventRow): LeadEventRecord {
  return { id: row.id, clientId: row.clientId, leadId: row.leadId, type: row.type, atMs: row.at.getTime(), campaignId: row.campaignId, receivedAt: row.receivedAt };
}

export function leadEventRepository(db: Db): LeadEventRepository {
  return {
    async insertNew(tenantId, events, nowMs) {
      if (events.length === 0) return [];
      const rows = await db
        .insert(leadEvents)
        .values(events.map(({ atMs, ...event }) => ({ ...event, tenantId, at: new Date(atMs), receivedAt: new Date(nowMs) })))
        .onConflictDoNothing({ target: [leadEvents.tenantId, leadEvents.clientId] })
        .returning();
      return rows.map(toRecord);
    },
    async findByClientIds(tenantId, clientIds) {
      if (clientIds.length === 0) return [];
      const rows = await db.select().from(leadEvents).where(and(eq(leadEvents.tenantId, tenantId), inArray(leadEvents.clientId, clientIds)));
      return rows.map(toRecord);
    },
    async listForLead(tenantId, leadId) {
      const rows = await db
        .select()
        .from(leadEvents)
        .where(and(eq(leadEvents.tenantId, tenantId), eq(leadEvents.leadId, leadId)))
        .orderBy(asc(leadEvents.at), asc(leadEvents.id));
      return rows.map(toRecord);
    },
  };
}
