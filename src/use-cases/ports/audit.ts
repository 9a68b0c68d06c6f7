// The audit log: who changed what, from where, when.
import type { Actor, TenantId } from "../../core/tenancy.js";

export type AuditEntry = {
  tenantId: TenantId | null;
  actor: Actor;
  action: string;
  target?: { type: string; id: string };
  ip?: string | null;
  changes?: Record<string, unknown>;
  atMs: number;
};

export type AuditRecord = Omit<AuditEntry, "atMs" | "tenantId"> & { id: number; tenantId: string | null; at: Date };

export interface AuditRepository {
  record(entry: AuditEntry): Promise<void>;
  list(tenantId: TenantId, options: { limit: number; beforeId?: number }): Promise<AuditRecord[]>;
  /** How many `action` entries about `targetId` happened since sinceMs (any tenant): used for lockouts. */
  countSince(action: string, targetId: string, sinceMs: number): Promise<number>;
  /** Instants (epoch ms) of the latest `action` entries about `targetId` from this IP since sinceMs, newest first, at most `limit`. */
  recentFromIp(action: string, targetId: string, ip: string | null, sinceMs: number, limit: number): Promise<number[]>;
}
