// Reading the organisation's templates.
import { ConveneError } from "../../core/errors.js";
import type { TemplateRecord } from "../ports/links.js";
import type { UseCaseDeps } from "../ports/store.js";
import type { RequestContext } from "../request-context.js";

export async function listTemplates(deps: UseCaseDeps, ctx: RequestContext): Promise<TemplateRecord[]> {
  return deps.store.templates.list(ctx.auth.tenantId);
}

export async function getTemplate(deps: UseCaseDeps, ctx: RequestContext, templateId: string): Promise<TemplateRecord> {
  const template = await deps.store.templates.get(ctx.auth.tenantId, templateId);
  if (!template) throw new ConveneError("NOT_FOUND", "No such template.");
  return template;
}
