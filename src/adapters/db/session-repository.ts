// Sign-in sessions, found by the hash of their cookie token.
import { and, eq, gt, lte } from "drizzle-orm";
import type { SessionRepository } from "../../use-cases/ports/accounts.js";
import type { Db } from "./client.js";
import { sessions, users } from "./schema.js";

export function sessionRepository(db: Db): SessionRepository {
  return {
    async create(tenantId, session) {
      const { expiresAtMs, ...rest } = session;
      const [row] = await db
        .insert(sessions)
        .values({ ...rest, tenantId, expiresAt: new Date(expiresAtMs) })
        .returning();
      return row!;
    },
    async findLiveByTokenHash(tokenHash, nowMs) {
      const [row] = await db
        .select({ session: sessions, role: users.role })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, new Date(nowMs))));
      return row ? { ...row.session, role: row.role } : null;
    },
    async delete(tenantId, sessionId) {
      await db.delete(sessions).where(and(eq(sessions.tenantId, tenantId), eq(sessions.id, sessionId)));
    },
    async deleteExpired(nowMs) {
      const deleted = await db.delete(sessions).where(lte(sessions.expiresAt, new Date(nowMs))).returning({ id: sessions.id });
      return deleted.length;
    },
  };
}
