// The organisation's allow-list of sites that may frame its booking pages (core/embedding/embed-origins.ts).
import type { TenantId } from "../../core/tenancy.js";

export interface EmbedOriginRepository {
  /** The tenant's allowed origins, normalised, in the order the owner gave them; empty when none (or no such tenant). */
  get(tenantId: TenantId): Promise<string[]>;
  /** Replaces the whole list (already normalised by core). */
  set(tenantId: TenantId, origins: string[]): Promise<void>;
}
