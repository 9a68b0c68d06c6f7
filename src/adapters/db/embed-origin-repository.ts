// The tenants.embed_origins column: which sites may frame the organisation's booking pages.
import { eq } from "drizzle-orm";
import type { EmbedOriginRepository } from "../../use-cases/ports/embed-origins.js";
import type { Db } from "./client.js";
import { tenants } from "./schema.js";

export function embedOriginRepository(db: Db): EmbedOriginRepository {
  return {
    async get(tenantId) {
      const [row] = await db.select({ embedOrigins: tenants.embedOrigins }).from(tenants).where(eq(tenants.id, tenantId));
      return row?.embedOrigins ?? [];
    },
    async set(tenantId, origins) {
      await db.update(tenants).set({ embedOrigins: origins }).where(eq(tenants.id, tenantId));
    },
  };
}
