// OAuth consents in flight (oauth_states). A state is taken with one DELETE …
// RETURNING that also checks its session and expiry, so two callbacks racing
// with the same state (a replay, a double click) cannot both get it.
import { and, eq, gt, lte } from "drizzle-orm";
import type { OAuthStateRecord, OAuthStateRepository } from "../../use-cases/ports/oauth.js";
import type { Db } from "./client.js";
import { oauthStates } from "./schema.js";

function toRecord(row: typeof oauthStates.$inferSelect): OAuthStateRecord {
  const { createdAt: _createdAt, expiresAt, ...rest } = row;
  return { ...rest, expiresAtMs: expiresAt.getTime() };
}

export function oauthStateRepository(db: Db): OAuthStateRepository {
  return {
    async create(tenantId, { expiresAtMs, ...state }, nowMs) {
      await db.insert(oauthStates).values({ ...state, tenantId, createdAt: new Date(nowMs), expiresAt: new Date(expiresAtMs) });
    },
    async consume(stateHash, sessionId, nowMs) {
      const [row] = await db
        .delete(oauthStates)
        .where(and(eq(oauthStates.stateHash, stateHash), eq(oauthStates.sessionId, sessionId), gt(oauthStates.expiresAt, new Date(nowMs))))
        .returning();
      return row ? toRecord(row) : null;
    },
    async deleteExpired(nowMs) {
      const deleted = await db.delete(oauthStates).where(lte(oauthStates.expiresAt, new Date(nowMs))).returning({ stateHash: oauthStates.stateHash });
      return deleted.length;
    },
  };
}
