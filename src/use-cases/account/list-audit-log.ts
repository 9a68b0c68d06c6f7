// The organisation's audit log, newest first, one page at a time (paged by id).
import type { AuditRecord } from "../ports/audit.js";
import type { UseCaseDeps } from "../ports/store.js";
import type { RequestContext } from "../request-context.js";

export type AuditPage = { entries: AuditRecord[]; nextBeforeId: number | null };

export async function listAuditLog(deps: UseCaseDeps, ctx: RequestContext, page: { limit: number; beforeId?: number | undefined }): Promise<AuditPage> {
  const entries = await deps.store.audit.list(ctx.auth.tenantId, { limit: page.limit, ...(page.beforeId ? { beforeId: page.beforeId } : {}) });
  // A full page may have more behind it; a short one is the last.
  return { entries, nextBeforeId: entries.length === page.limit ? (entries.at(-1)?.id ?? null) : null };
}
