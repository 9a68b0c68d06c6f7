// Campaigns over Drizzle. Names are unique per organisation in any case (an
// index on lower(name)); ensureByNames is INSERT … ON CONFLICT DO NOTHING, so
// two imports naming one new campaign both end with the same row.
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { ConveneError } from "../../core/errors.js";
import type { CampaignRepository } from "../../use-cases/ports/campaigns.js";
import { databaseError, type Db } from "./client.js";
import { campaigns } from "./schema.js";

const NAME_INDEX = "campaigns_tenant_name_key";

function nameTaken(name: string, cause: unknown): ConveneError {
  return new ConveneError("CAMPAIGN_NAME_TAKEN", `A campaign named ${name} already exists.`, { cause });
}

export function campaignRepository(db: Db): CampaignRepository {
  return {
    async create(tenantId, fields, nowMs) {
      const [row] = await db
        .insert(campaigns)
        .values({ ...fields, tenantId, createdAt: new Date(nowMs) })
        // No target: the name index (an expression) is the table's only unique key besides the random id.
        .onConflictDoNothing()
        .returning();
      if (!row) throw nameTaken(fields.name, undefined);
      return row;
    },
    async get(tenantId, campaignId) {
      const [row] = await db.select().from(campaigns).where(and(eq(campaigns.tenantId, tenantId), eq(campaigns.id, campaignId)));
      return row ?? null;
    },
    async list(tenantId) {
      return db.select().from(campaigns).where(eq(campaigns.tenantId, tenantId)).orderBy(asc(sql`lower(${campaigns.name})`), asc(campaigns.createdAt));
    },
    async update(tenantId, campaignId, changes) {
      try {
        const [row] = await db.update(campaigns).set(changes).where(and(eq(campaigns.tenantId, tenantId), eq(campaigns.id, campaignId))).returning();
        return row ?? null;
      } catch (error) {
        if (databaseError(error).constraint === NAME_INDEX) throw nameTaken(changes.name ?? "", error);
        throw error;
      }
    },
    async ensureByNames(tenantId, names, nowMs) {
      const byKey = new Map<string, string>();
      for (const name of names) if (!byKey.has(name.toLowerCase())) byKey.set(name.toLowerCase(), name);
      if (byKey.size === 0) return new Map();
      await db
        .insert(campaigns)
        .values([...byKey.values()].map((name) => ({ tenantId, name, createdAt: new Date(nowMs) })))
        // No target: the name index (an expression) is the table's only unique key besides the random id.
        .onConflictDoNothing();
      const rows = await db
        .select({ id: campaigns.id, key: sql<string>`lower(${campaigns.name})` })
        .from(campaigns)
        .where(and(eq(campaigns.tenantId, tenantId), inArray(sql`lower(${campaigns.name})`, [...byKey.keys()])));
      return new Map(rows.map((row) => [row.key, row.id]));
    },
  };
}
