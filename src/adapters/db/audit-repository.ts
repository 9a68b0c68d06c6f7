// The audit log: who did what, when, from where, and what changed.
import { and, count, desc, eq, gte, isNull, lt } from "drizzle-orm";
import type { Actor } from "../../core/tenancy.js";
import type { AuditRepository } from "../../use-cases/ports/audit.js";
import type { Db } from "./client.js";
import { auditLog } from "./schema.js";

export function auditRepository(db: Db): AuditRepository {
  return {
    async record(entry) {
      await db.insert(auditLog).values({
        tenantId: entry.tenantId,
        actorType: entry.actor.type,
        actorId: entry.actor.id,
        action: entry.action,
        targetType: entry.target?.type ?? null,
        targetId: entry.target?.id ?? null,
        ip: entry.ip ?? null,
        changes: entry.changes ?? null,
        at: new Date(entry.atMs),
      });
    },
    async list(tenantId, { limit, beforeId }) {
      const rows = await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.tenantId, tenantId), beforeId === undefined ? undefined : lt(auditLog.id, beforeId)))
        .orderBy(desc(auditLog.id))
        .limit(limit);
      return rows.map((row) => ({
        id: row.id,
        tenantId: row.tenantId,
        actor: { type: row.actorType, id: row.actorId } as Actor,
        action: row.action,
        ...(row.targetType && row.targetId ? { target: { type: row.targetType, id: row.targetId } } : {}),
        ip: row.ip,
        ...(row.changes ? { changes: row.changes } : {}),
        at: row.at,
      }));
    },
    async countSince(action, targetId, sinceMs) {
      const [row] = await db
        .select({ n: count() })
        .from(auditLog)
        .where(and(eq(auditLog.action, action), eq(auditLog.targetId, targetId), gte(auditLog.at, new Date(sinceMs))));
      return row?.n ?? 0;
    },
    async recentFromIp(action, targetId, ip, sinceMs, limit) {
      const rows = await db
        .select({ at: auditLog.at })
        .from(auditLog)
        .where(and(eq(auditLog.action, action), eq(auditLog.targetId, targetId), ip === null ? isNull(auditLog.ip) : eq(auditLog.ip, ip), gte(auditLog.at, new Date(sinceMs))))
        .orderBy(desc(auditLog.at))
        .limit(limit);
      return rows.map((row) => row.at.getTime());
    },
  };
}
