// Changes a template (PATCH semantics); the audit log keeps the old and new values of what changed.
// Bookings already made keep the answers they were given; new bookings are asked the new questions.
import { isDeepStrictEqual } from "node:util";
import { validateQuestions } from "../../core/booking/questions.js";
import { ConveneError } from "../../core/errors.js";
import type { AuthContext } from "../auth/authenticate.js";
import type { TemplateFields, UseCaseDeps } from "../ports.js";

export async function updateTemplate(
  deps: UseCaseDeps,
  auth: AuthContext,
  templateId: string,
  changes: Partial<TemplateFields>,
  meta: { ip: string | null },
  nowMs: number,
) {
  const cleaned: Partial<TemplateFields> = changes.questions ? { ...changes, questions: validateQuestions(changes.questions) } : changes;
  return deps.store.transaction(async (repos) => {
    const before = await repos.templates.get(auth.tenantId, templateId);
    if (!before) throw new ConveneError("NOT_FOUND", "No such template.");
    // Deep equality, not JSON text: jsonb hands objects back with their keys reordered.
    const changed = (Object.keys(cleaned) as (keyof TemplateFields)[]).filter((key) => !isDeepStrictEqual(before[key], cleaned[key]));
    if (changed.length === 0) return before;
    const after = await repos.templates.update(auth.tenantId, templateId, cleaned, nowMs);
    if (!after) throw new ConveneError("NOT_FOUND", "No such template.");
    await repos.audit.record({
      tenantId: auth.tenantId,
      actor: auth.actor,
      action: "template.updated",
      target: { type: "template", id: templateId },
      ip: meta.ip,
      changes: Object.fromEntries(changed.map((key) => [key, { old: before[key], new: after[key] }])),
      atMs: nowMs,
    });
    return after;
  });
}
