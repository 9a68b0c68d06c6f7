// Booking links; a deleted link keeps its row (and its bookings) with deleted_at set.
import { and, asc, eq, isNull, or, sql } from "drizzle-orm";
import { normalizeLinkLocation } from "../../core/booking/meeting-location.js";
import { ConveneError } from "../../core/errors.js";
import type { LinkRecord, LinkRepository } from "../../use-cases/ports/links.js";
import { databaseError, type Db } from "./client.js";
import { links, users } from "./schema.js";

type LinkRow = typeof links.$inferSelect;

/** Rows written before today's location names are read in them (no data migration: see normalizeLinkLocation). */
function toRecord(row: LinkRow): LinkRecord {
  const { deletedAt: _deletedAt, hostMode, location, ...rest } = row;
  return { ...rest, hostMode, location: normalizeLinkLocation(location) };
}

function rethrowSlugClash(error: unknown, slug: string | undefined): never {
  if (databaseError(error).constraint === "links_owner_slug_key") {
    throw new ConveneError("SLUG_TAKEN", `You already have a link at /${slug ?? ""}; pick another slug.`, { cause: error });
  }
  throw error;
}

export function linkRepository(db: Db): LinkRepository {
  const live = (tenantId: string, linkId: string) => and(eq(links.tenantId, tenantId), eq(links.id, linkId), isNull(links.deletedAt));
  return {
    async create(tenantId, ownerUserId, link) {
      try {
        const [row] = await db.insert(links).values({ ...link, tenantId, ownerUserId }).returning();
        return toRecord(row!);
      } catch (error) {
        rethrowSlugClash(error, link.slug);
      }
    },
    async get(tenantId, linkId) {
      if (linkId === null) return null;
      const [row] = await db.select().from(links).where(live(tenantId, linkId));
      return row ? toRecord(row) : null;
    },
    async list(tenantId, filter = {}) {
      // Within the tenant's index: a tenant's links are few, so the owner-or-host test is a filter on them.
      const userId = filter.ownedOrHostedBy;
      const ofUser = userId === undefined ? undefined : or(eq(links.ownerUserId, userId), sql`${userId}::uuid = any(${links.hostUserIds})`);
      const rows = await db.select().from(links).where(and(eq(links.tenantId, tenantId), isNull(links.deletedAt), ofUser)).orderBy(asc(links.createdAt));
      return rows.map(toRecord);
    },
    async update(tenantId, linkId, changes, nowMs) {
      try {
        const [row] = await db.update(links).set({ ...changes, updatedAt: new Date(nowMs) }).where(live(tenantId, linkId)).returning();
        return row ? toRecord(row) : null;
      } catch (error) {
        rethrowSlugClash(error, changes.slug);
      }
    },
    async softDelete(tenantId, linkId, nowMs) {
      const [row] = await db.update(links).set({ deletedAt: new Date(nowMs), isActive: false }).where(live(tenantId, linkId)).returning();
      return row ? toRecord(row) : null;
    },
    async isSlugTaken(tenantId, ownerUserId, slug) {
      const rows = await db
        .select({ id: links.id })
        .from(links)
        .where(and(eq(links.tenantId, tenantId), eq(links.ownerUserId, ownerUserId), eq(links.slug, slug), isNull(links.deletedAt)))
        .limit(1);
      return rows.length > 0;
    },
    async findPublic(handle, slug) {
      const [row] = await db
        .select({ link: links })
        .from(links)
        .innerJoin(users, eq(users.id, links.ownerUserId))
        .where(and(eq(users.handle, handle), eq(links.slug, slug), isNull(links.deletedAt)));
      return row ? toRecord(row.link) : null;
    },
  };
}
