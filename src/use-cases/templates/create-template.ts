// Creates a booking template: the questions a link asks its invitees.
import { validateQuestions } from "../../core/booking/questions.js";
import type { AuthContext } from "../auth/authenticate.js";
import type { TemplateFields, UseCaseDeps } from "../ports.js";

export type TemplateInput = Omit<TemplateFields, "sendsFollowUp"> & { sendsFollowUp?: boolean };

export async function createTemplate(deps: UseCaseDeps, auth: AuthContext, input: TemplateInput, meta: { ip: string | null }, nowMs: number) {
  const fields: TemplateFields = { name: input.name, questions: validateQuestions(input.questions), sendsFollowUp: input.sendsFollowUp ?? false };
  return deps.store.transaction(async (repos) => {
    const template = await repos.templates.create(auth.tenantId, fields, nowMs);
    await repos.audit.record({
      tenantId: auth.tenantId,
      actor: auth.actor,
      action: "template.created",
      target: { type: "template", id: template.id },
      ip: meta.ip,
      changes: { ...fields },
      atMs: nowMs,
    });
    return template;
  });
}
