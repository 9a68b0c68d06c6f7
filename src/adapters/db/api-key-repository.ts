// API keys: stored as a hash with a display prefix; revoked keys stay for the record.
import { and, desc, eq, isNull } from "drizzle-orm";
import type { ApiKeyRecord, ApiKeyRepository } from "../../use-cases/ports/accounts.js";
import type { Db } from "./client.js";
import { apiKeys, users } from "./schema.js";

const publicColumns = {
  id: apiKeys.id,
  tenantId: apiKeys.tenantId,
  userId: apiKeys.userId,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
};

export function apiKeyRepository(db: Db): ApiKeyRepository {
  return {
    async create(tenantId, key) {
      const [row] = await db
        .insert(apiKeys)
        .values({ ...key, tenantId })
        .returning(publicColumns);
      return row!;
    },
    list(tenantId, filter = {}): Promise<ApiKeyRecord[]> {
      const ofUser = filter.userId === undefined ? undefined : eq(apiKeys.userId, filter.userId);
      return db.select(publicColumns).from(apiKeys).where(and(eq(apiKeys.tenantId, tenantId), ofUser)).orderBy(desc(apiKeys.createdAt));
    },
    async revoke(tenantId, keyId, nowMs, filter = {}) {
      const ofUser = filter.userId === undefined ? undefined : eq(apiKeys.userId, filter.userId);
      const [row] = await db
        .update(apiKeys)
        .set({ revokedAt: new Date(nowMs) })
        .where(and(eq(apiKeys.tenantId, tenantId), eq(apiKeys.id, keyId), isNull(apiKeys.revokedAt), ofUser))
        .returning(publicColumns);
      return row ?? null;
    },
    async findLiveByHash(keyHash) {
      const [row] = await db
        .select({ ...publicColumns, role: users.role })
        .from(apiKeys)
        .innerJoin(users, eq(users.id, apiKeys.userId))
        .where(and(eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt)));
      return row ?? null;
    },
    async markUsed(tenantId, keyId, nowMs) {
      await db
        .update(apiKeys)
        .set({ lastUsedAt: new Date(nowMs) })
        .where(and(eq(apiKeys.tenantId, tenantId), eq(apiKeys.id, keyId)));
    },
  };
}
