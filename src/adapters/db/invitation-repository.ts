// Invitations over Drizzle: "open" means neither accepted nor revoked (expiry is
// the use case's to judge, against the request's clock).
import { and, desc, eq, isNull } from "drizzle-orm";
import { normalizeEmail } from "../../core/account/limits.js";
import { ConveneError } from "../../core/errors.js";
import type { InvitationRepository } from "../../use-cases/ports/invitations.js";
import { databaseError, type Db } from "./client.js";
import { invitations } from "./schema.js";

const isOpen = and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt));

export function invitationRepository(db: Db): InvitationRepository {
  const open = (tenantId: string, invitationId: string) => and(eq(invitations.tenantId, tenantId), eq(invitations.id, invitationId), isOpen);
  return {
    async create(tenantId, invitation) {
      const { expiresAtMs, nowMs, ...fields } = invitation;
      try {
        const [row] = await db
          .insert(invitations)
          .values({ ...fields, tenantId, email: normalizeEmail(fields.email), expiresAt: new Date(expiresAtMs), lastSentAt: new Date(nowMs), createdAt: new Date(nowMs) })
          .returning();
        return row!;
      } catch (error) {
        // Two owners inviting one address at once: the open-email index lets one through.
        if (databaseError(error).constraint === "invitations_open_email_key") {
          throw new ConveneError("INVITATION_PENDING", `An invitation to ${fields.email} is already open; resend it instead.`, { cause: error });
        }
        throw error;
      }
    },
    listOpen(tenantId) {
      return db.select().from(invitations).where(and(eq(invitations.tenantId, tenantId), isOpen)).orderBy(desc(invitations.createdAt));
    },
    async findOpenByEmail(tenantId, email) {
      const [row] = await db
        .select()
        .from(invitations)
        .where(and(eq(invitations.tenantId, tenantId), eq(invitations.email, normalizeEmail(email)), isOpen));
      return row ?? null;
    },
    async renew(tenantId, invitationId, token, fields) {
      const [row] = await db
        .update(invitations)
        .set({
          ...(fields ? { ...fields, email: normalizeEmail(fields.email) } : {}),
          tokenHash: token.tokenHash,
          expiresAt: new Date(token.expiresAtMs),
          lastSentAt: new Date(token.nowMs),
          invitedByUserId: token.invitedByUserId,
        })
        .where(open(tenantId, invitationId))
        .returning();
      return row ?? null;
    },
    async revoke(tenantId, invitationId, nowMs) {
      const [row] = await db.update(invitations).set({ revokedAt: new Date(nowMs) }).where(open(tenantId, invitationId)).returning();
      return row ?? null;
    },
    async findByTokenHash(tokenHash, options) {
      const query = db.select().from(invitations).where(eq(invitations.tokenHash, tokenHash));
      const [row] = await (options?.forUpdate ? query.for("update") : query);
      return row ?? null;
    },
    async markAccepted(tenantId, invitationId, userId, nowMs) {
      await db
        .update(invitations)
        .set({ acceptedAt: new Date(nowMs), acceptedUserId: userId })
        .where(and(eq(invitations.tenantId, tenantId), eq(invitations.id, invitationId)));
    },
  };
}
