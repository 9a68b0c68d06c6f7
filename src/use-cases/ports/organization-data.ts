// The organisation as a whole: its data for an export, read page by page so a
// large organisation is never held in memory at once, and its deletion.
import type { ExportSection } from "../../core/account/organization-export.js";
import type { TenantId } from "../../core/tenancy.js";

/** Rows as they go into the export (secrets, password and token hashes already left out); cursor: where the next page starts, null after the last. */
export type ExportPage = { rows: Record<string, unknown>[]; nextCursor: string | null };

export interface OrganizationDataRepository {
  exportPage(tenantId: TenantId, section: ExportSection, cursor: string | null, limit: number): Promise<ExportPage>;
  /**
   * Deletes the tenant and every row of it: what references the tenant goes
   * with it (tenant_id cascades), and what names it otherwise (idempotent
   * booking answers, dev-outbox mail to its users, audit entries about its users) is deleted here.
   */
  deleteEverything(tenantId: TenantId): Promise<void>;
}
