// Changes a template (PATCH semantics); the audit log keeps the old and new values of what changed.
// Bookings already made keep the answers they were given; new bookings are asked the new questions.
import { changedFields, hasChanges } from "../../core/changes.js";
import { validateQuestions } from "../../core/booking/questions.js";
import { ConveneError } from "../../core/errors.js";
import type { TemplateFields, TemplateRecord } from "../ports/links.js";
import type { Repositories, UseCaseDeps } from "../ports/store.js";
import { recordAudit, type RequestContext } from "../request-context.js";

export async function updateTemplate(deps: UseCaseDeps, ctx: RequestContext, templateId: string, changes: Partial<TemplateFields>) {
  return deps.store.transaction((repos) => updateTemplateIn(repos, ctx, templateId, changes));
}

/** The same inside the caller's transaction (a link saved with its questions). */
export async function updateTemplateIn(repos: Repositories, ctx: RequestContext, templateId: string, changes: Partial<TemplateFields>): Promise<TemplateRecord> {
  const { tenantId } = ctx.auth;
  const cleaned: Partial<TemplateFields> = changes.questions ? { ...changes, questions: validateQuestions(changes.questions) } : changes;
  const before = await repos.templates.get(tenantId, templateId);
  if (!before) throw new ConveneError("NOT_FOUND", "No such template.");
  const changed = changedFields(before, cleaned);
  if (!hasChanges(changed)) return before;
  const after = await repos.templates.update(tenantId, templateId, cleaned, ctx.nowMs);
  if (!after) throw new ConveneError("NOT_FOUND", "No such template.");
  await recordAudit(repos, ctx, "template.updated", { type: "template", id: templateId }, changed);
  return after;
}
