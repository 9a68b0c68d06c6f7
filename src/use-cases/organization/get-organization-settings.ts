// The organisation's settings any member may read: its name, and the sites that
// may frame its booking pages (the snippet generator says when none are listed).
import { ConveneError } from "../../core/errors.js";
import type { UseCaseDeps } from "../ports/store.js";
import type { RequestContext } from "../request-context.js";

export type OrganizationSettings = { id: string; name: string; embedOrigins: string[] };

export async function getOrganizationSettings(deps: UseCaseDeps, ctx: RequestContext): Promise<OrganizationSettings> {
  const { tenantId } = ctx.auth;
  const tenant = await deps.store.tenants.get(tenantId);
  if (!tenant) throw new ConveneError("NOT_FOUND", "No such organisation.");
  return { id: tenant.id, name: tenant.name, embedOrigins: await deps.store.embedOrigins.get(tenantId) };
}
