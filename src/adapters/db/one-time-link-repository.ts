// One-time links. Rows are found by the token's SHA-256 digest (indexed, unique)
// and the stored token is then compared in constant time; the token itself is
// kept so the owner can copy the URL again. Booking and revoking are conditional
// updates, so a link is used at most once even when requests race.
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { hashToken, tokensEqual } from "../../core/token-digest.js";
import type { OneTimeLinkRecord, OneTimeLinkRepository } from "../../use-cases/ports/links.js";
import type { Db } from "./client.js";
import { oneTimeLinks } from "./schema.js";

type OneTimeLinkRow = typeof oneTimeLinks.$inferSelect;

/** Drivers differ on timestamptz[] (Date objects or strings); both read as epoch ms. */
function epochMsOf(value: Date | string): number {
  return typeof value === "string" ? Date.parse(value) : value.getTime();
}

function toRecord(row: OneTimeLinkRow): OneTimeLinkRecord {
  const { tokenHash: _tokenHash, slotStarts, ...rest } = row;
  return { ...rest, slotStartsMs: slotStarts === null ? null : slotStarts.map(epochMsOf).sort((a, b) => a - b) };
}

export function oneTimeLinkRepository(db: Db): OneTimeLinkRepository {
  /** The row with this token (in this tenant, when given), compared in constant time after the digest lookup. */
  async function findRow(token: string, tenantId: string | null): Promise<OneTimeLinkRow | null> {
    const byDigest = eq(oneTimeLinks.tokenHash, hashToken(token));
    const [row] = await db
      .select()
      .from(oneTimeLinks)
      .where(tenantId === null ? byDigest : and(byDigest, eq(oneTimeLinks.tenantId, tenantId)));
    return row && tokensEqual(row.token, token) ? row : null;
  }

  return {
    async create(tenantId, { slotStartsMs, expiresAtMs, ...fields }, nowMs) {
      const [row] = await db
        .insert(oneTimeLinks)
        .values({
          ...fields,
          tenantId,
          tokenHash: hashToken(fields.token),
          slotStarts: slotStartsMs === null ? null : slotStartsMs.map((startMs) => new Date(startMs)),
          expiresAt: new Date(expiresAtMs),
          createdAt: new Date(nowMs),
        })
        .returning();
      return toRecord(row!);
    },
    async listForLink(tenantId, linkId) {
      const rows = await db
        .select()
        .from(oneTimeLinks)
        .where(and(eq(oneTimeLinks.tenantId, tenantId), eq(oneTimeLinks.linkId, linkId)))
        .orderBy(desc(oneTimeLinks.createdAt), desc(oneTimeLinks.id));
      return rows.map(toRecord);
    },
    async findByToken(tenantId, token) {
      const row = await findRow(token, tenantId);
      return row ? toRecord(row) : null;
    },
    async revokeByToken(tenantId, token, nowMs) {
      const found = await findRow(token, tenantId);
      if (!found) return null;
      const [row] = await db
        .update(oneTimeLinks)
        .set({ revokedAt: new Date(nowMs) })
        .where(and(eq(oneTimeLinks.tenantId, tenantId), eq(oneTimeLinks.id, found.id), isNull(oneTimeLinks.bookingId), isNull(oneTimeLinks.revokedAt)))
        .returning();
      return row ? toRecord(row) : null;
    },
    async findByTokenForBooking(token) {
      const row = await findRow(token, null);
      return row ? toRecord(row) : null;
    },
    async markBooked(tenantId, oneTimeLinkId, bookingId) {
      const rows = await db
        .update(oneTimeLinks)
        .set({ bookingId })
        .where(and(eq(oneTimeLinks.tenantId, tenantId), eq(oneTimeLinks.id, oneTimeLinkId), isNull(oneTimeLinks.bookingId), isNull(oneTimeLinks.revokedAt)))
        .returning({ id: oneTimeLinks.id });
      return rows.length === 1;
    },
    async recordEmailed(tenantId, oneTimeLinkId, nowMs) {
      const [row] = await db
        .update(oneTimeLinks)
        .set({ emailedAt: new Date(nowMs), emailCount: sql`${oneTimeLinks.emailCount} + 1` })
        .where(and(eq(oneTimeLinks.tenantId, tenantId), eq(oneTimeLinks.id, oneTimeLinkId)))
        .returning();
      return row ? toRecord(row) : null;
    },
  };
}
