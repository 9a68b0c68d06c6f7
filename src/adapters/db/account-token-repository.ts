// Account tokens (password reset, email change) over Drizzle.
import { and, desc, eq, gt, isNull } from "drizzle-orm";
import type { AccountTokenRepository } from "../../use-cases/ports/account-tokens.js";
import type { Db } from "./client.js";
import { accountTokens } from "./schema-accounts.js";

const publicColumns = {
  id: accountTokens.id,
  tenantId: accountTokens.tenantId,
  userId: accountTokens.userId,
  purpose: accountTokens.purpose,
  newEmail: accountTokens.newEmail,
  expiresAt: accountTokens.expiresAt,
  usedAt: accountTokens.usedAt,
  createdAt: accountTokens.createdAt,
};

export function accountTokenRepository(db: Db): AccountTokenRepository {
  return {
    async create(tenantId, token) {
      const { expiresAtMs, newEmail, ...rest } = token;
      const [row] = await db
        .insert(accountTokens)
        .values({ ...rest, tenantId, newEmail: newEmail ?? null, expiresAt: new Date(expiresAtMs) })
        .returning(publicColumns);
      return row!;
    },
    async redeem(purpose, tokenHash, nowMs) {
      const now = new Date(nowMs);
      // One statement: of two concurrent redemptions, the second finds used_at set and updates nothing.
      const [row] = await db
        .update(accountTokens)
        .set({ usedAt: now })
        .where(and(eq(accountTokens.tokenHash, tokenHash), eq(accountTokens.purpose, purpose), isNull(accountTokens.usedAt), gt(accountTokens.expiresAt, now)))
        .returning(publicColumns);
      return row ?? null;
    },
    async findByHash(purpose, tokenHash) {
      const [row] = await db
        .select(publicColumns)
        .from(accountTokens)
        .where(and(eq(accountTokens.tokenHash, tokenHash), eq(accountTokens.purpose, purpose)));
      return row ?? null;
    },
    async findOpen(tenantId, userId, purpose, nowMs) {
      const [row] = await db
        .select(publicColumns)
        .from(accountTokens)
        .where(
          and(
            eq(accountTokens.tenantId, tenantId),
            eq(accountTokens.userId, userId),
            eq(accountTokens.purpose, purpose),
            isNull(accountTokens.usedAt),
            gt(accountTokens.expiresAt, new Date(nowMs)),
          ),
        )
        .orderBy(desc(accountTokens.createdAt))
        .limit(1);
      return row ?? null;
    },
    async closeOpen(tenantId, userId, purpose, nowMs) {
      const closed = await db
        .update(accountTokens)
        .set({ usedAt: new Date(nowMs) })
        .where(and(eq(accountTokens.tenantId, tenantId), eq(accountTokens.userId, userId), eq(accountTokens.purpose, purpose), isNull(accountTokens.usedAt)))
        .returning({ id: accountTokens.id });
      return closed.length;
    },
  };
}
