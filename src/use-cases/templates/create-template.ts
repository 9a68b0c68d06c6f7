// Creates a booking template: the questions a link asks its invitees.
import { validateQuestions } from "../../core/booking/questions.js";
import type { TemplateFields, TemplateRecord } from "../ports/links.js";
import type { Repositories, UseCaseDeps } from "../ports/store.js";
import { recordAudit, type RequestContext } from "../request-context.js";

export type TemplateInput = Omit<TemplateFields, "sendsFollowUp"> & { sendsFollowUp?: boolean };

export async function createTemplate(deps: UseCaseDeps, ctx: RequestContext, input: TemplateInput) {
  return deps.store.transaction((repos) => createTemplateIn(repos, ctx, input));
}

/** The same inside the caller's transaction (a link saved with its questions). */
export async function createTemplateIn(repos: Repositories, ctx: RequestContext, input: TemplateInput): Promise<TemplateRecord> {
  const fields: TemplateFields = { name: input.name, questions: validateQuestions(input.questions), sendsFollowUp: input.sendsFollowUp ?? false };
  const template = await repos.templates.create(ctx.auth.tenantId, fields, ctx.nowMs);
  await recordAudit(repos, ctx, "template.created", { type: "template", id: template.id }, { ...fields });
  return template;
}
