// A link saved with its questions (the link wizard): the questions go into the
// template the link ends up with, in the link's own transaction, so a refused
// link (slug taken, bad rules) leaves no template behind, and a refused
// question leaves no link.
import type { TemplateQuestion } from "../../core/booking/questions.js";
import type { Repositories } from "../ports/store.js";
import type { RequestContext } from "../request-context.js";
import { createTemplateIn } from "../templates/create-template.js";
import { updateTemplateIn } from "../templates/update-template.js";

/** Absent questions leave the link's template as it is; a name only names a template made or changed here. */
export type LinkQuestions = { questions?: TemplateQuestion[] | undefined; templateName?: string | undefined };

/**
 * The template id the link is saved with: its template (the one named, or the
 * one it has; checkLink has found it) with these questions, or a new template
 * for them named after the link. No template and no questions: none.
 */
export async function saveLinkQuestions(repos: Repositories, ctx: RequestContext, link: { title: string; templateId: string | null }, input: LinkQuestions): Promise<string | null> {
  if (input.questions === undefined) return link.templateId;
  const name = input.templateName?.trim() || undefined;
  if (link.templateId !== null) {
    const changed = await updateTemplateIn(repos, ctx, link.templateId, { questions: input.questions, ...(name ? { name } : {}) });
    return changed.id;
  }
  if (input.questions.length === 0) return null;
  const created = await createTemplateIn(repos, ctx, { name: name ?? `${link.title} questions`, questions: input.questions });
  return created.id;
}
