// The organisation's data as one JSON document (format convene-export/1),
// produced as a stream of text: each section is read a page at a time, so a
// large organisation is never held in memory at once. The pages are separate
// reads, not one snapshot: a change made during the export may show in a
// later section and not an earlier one.
import { EXPORT_FORMAT, EXPORT_PAGE_ROWS, EXPORT_SECTIONS, type ExportSection } from "../../core/account/organization-export.js";
import { formatIsoInstant } from "../../core/time/iso-instant.js";
import { ConveneError } from "../../core/errors.js";
import type { TenantId } from "../../core/tenancy.js";
import { requireScope } from "../auth/authenticate.js";
import type { UseCaseDeps } from "../ports/store.js";
import { recordAudit, type RequestContext } from "../request-context.js";

export type OrganizationExport = { fileName: string; chunks: AsyncIterable<string> };

async function* sectionRows(deps: UseCaseDeps, tenantId: TenantId, section: ExportSection): AsyncGenerator<string> {
  let cursor: string | null = null;
  let separator = "";
  do {
    const page = await deps.store.organizationData.exportPage(tenantId, section, cursor, EXPORT_PAGE_ROWS);
    for (const row of page.rows) {
      yield separator + JSON.stringify(row);
      separator = ",";
    }
    cursor = page.nextCursor;
  } while (cursor !== null);
}

/** Checks and records the export, then answers the document to stream (read lazily, section by section). */
export async function exportOrganization(deps: UseCaseDeps, ctx: RequestContext): Promise<OrganizationExport> {
  requireScope(ctx.auth, "organization.export");
  const tenantId = ctx.auth.tenantId;
  const tenant = await deps.store.tenants.get(tenantId);
  if (!tenant) throw new ConveneError("NOT_FOUND", "No such organisation.");
  await recordAudit(deps.store, ctx, "organization.exported", { type: "organization", id: tenant.id });
  const exportedAt = formatIsoInstant(ctx.nowMs);
  async function* chunks(): AsyncGenerator<string> {
    yield `{"format":${JSON.stringify(EXPORT_FORMAT)},"exportedAt":${JSON.stringify(exportedAt)},"organization":${JSON.stringify(tenant)}`;
    for (const section of EXPORT_SECTIONS) {
      yield `,${JSON.stringify(section)}:[`;
      yield* sectionRows(deps, tenantId, section);
      yield "]";
    }
    yield "}\n";
  }
  return { fileName: `convene-export-${exportedAt.slice(0, 10)}.json`, chunks: chunks() };
}
