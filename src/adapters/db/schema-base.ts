// What every table file shares: the tenants table, the tenant column that
// cascades from it, and the creation timestamp. It imports no other schema
// module, so the table modules can import it in any order.
import { sql } from "drizzle-orm";
import { pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
/** The owning tenant; deleting a tenant deletes everything it owns. */
export const tenantRef = () =>
  uuid("tenant_id")
    .notNull()
    .references(() => tenants.id, { onDelete: "cascade" });

export const tenants = pgTable("tenants", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  /** Origins (scheme://host[:port]) whose pages may frame this organisation's booking pages (core/embedding/embed-origins.ts). */
  embedOrigins: text("embed_origins").array().notNull().default(sql`'{}'::text[]`),
  createdAt: createdAt(),
});

