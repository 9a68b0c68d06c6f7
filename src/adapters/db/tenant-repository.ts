// Tenants: the organisations that own everything else.
import { eq } from "drizzle-orm";
import type { TenantId } from "../../core/tenancy.js";
import type { TenantRepository } from "../../use-cases/ports/accounts.js";
import type { Db } from "./client.js";
import { tenants } from "./schema.js";

export function tenantRepository(db: Db): TenantRepository {
  return {
    async create(name) {
      const [row] = await db.insert(tenants).values({ name }).returning();
      return row!;
    },
    async get(tenantId: TenantId) {
      const [row] = await db.select().from(tenants).where(eq(tenants.id, tenantId));
      return row ?? null;
    },
  };
}
