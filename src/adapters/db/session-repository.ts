// Sign-in sessions, found by the hash of their cookie token.
import { and, desc, eq, gt, lte, ne } from "drizzle-orm";
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
    listForUser(tenantId, userId, nowMs) {
      return db
        .select({ id: sessions.id, createdAt: sessions.createdAt, expiresAt: sessions.expiresAt, ip: sessions.ip, userAgent: sessions.userAgent })
        .from(sessions)
        .where(and(eq(sessions.tenantId, tenantId), eq(sessions.userId, userId), gt(sessions.expiresAt, new Date(nowMs))))
        .orderBy(desc(sessions.createdAt), desc(sessions.id));
    },
    async deleteOneForUser(tenantId, userId, sessionId) {
      const deleted = await db
        .delete(sessions)
        .where(and(eq(sessions.tenantId, tenantId), eq(sessions.userId, userId), eq(sessions.id, sessionId)))
        .returning({ id: sessions.id });
      return deleted.length > 0;
    },
    async deleteForUser(tenantId, userId, exceptSessionId) {
      const mine = and(eq(sessions.tenantId, tenantId), eq(sessions.userId, userId));
      const deleted = await db
        .delete(sessions)
        .where(exceptSessionId ? and(mine, ne(sessions.id, exceptSessionId)) : mine)
        .returning({ id: sessions.id });
      return deleted.length;
    },
    async deleteExpired(nowMs) {
      const deleted = await db.delete(sessions).where(lte(sessions.expiresAt, new Date(nowMs))).returning({ id: sessions.id });
      return deleted.length;
    },
  };
}
