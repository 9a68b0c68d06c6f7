// Deletes a template softly. A template that live links still use stays: deleting
// it would leave those links asking questions nobody can read or answer.
import { ConveneError } from "../../core/errors.js";
import type { UseCaseDeps } from "../ports/store.js";
import { recordAudit, type RequestContext } from "../request-context.js";

export async function deleteTemplate(deps: UseCaseDeps, ctx: RequestContext, templateId: string) {
  const { auth } = ctx;
  await deps.store.transaction(async (repos) => {
    const template = await repos.templates.get(auth.tenantId, templateId);
    if (!template) throw new ConveneError("NOT_FOUND", "No such template.");
    const linkIds = await repos.templates.linkIdsUsing(auth.tenantId, templateId);
    if (linkIds.length > 0) {
      throw new ConveneError("TEMPLATE_IN_USE", `${linkIds.length} link(s) use this template; give them another template (or none) first.`, {
        details: { linkIds },
      });
    }
    await repos.templates.softDelete(auth.tenantId, templateId, ctx.nowMs);
    await recordAudit(repos, ctx, "template.deleted", { type: "template", id: templateId }, { name: template.name });
  });
}
