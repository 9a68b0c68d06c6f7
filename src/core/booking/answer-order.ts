// An invitee's answers in the order the form asked them. Answers are stored as
// a jsonb object, and PostgreSQL's jsonb keeps its keys sorted by length, not as
// written: every place that shows answers (emails, the booking's detail) orders
// them by the link's questions here. Pure.
import type { TemplateQuestion } from "./questions.js";

export type OrderedAnswer = { questionId: string; label: string; value: string };

/** A stored answer as text: a multiple choice joined with commas, a checkbox as true/false. */
export function answerText(value: unknown): string {
  return Array.isArray(value) ? value.join(", ") : String(value);
}

/**
 * The answers in question order, each under its question's label. Answers to
 * questions removed since (the template changed after the booking) follow, in
 * the order stored, under their question id: nothing an invitee said is dropped.
 */
export function orderedAnswers(questions: readonly Pick<TemplateQuestion, "id" | "label">[], answers: Readonly<Record<string, unknown>>): OrderedAnswer[] {
  const asked = questions.filter((question) => Object.hasOwn(answers, question.id)).map((question) => ({ questionId: question.id, label: question.label, value: answerText(answers[question.id]) }));
  const askedIds = new Set(questions.map((question) => question.id));
  const others = Object.keys(answers)
    .filter((id) => !askedIds.has(id))
    .map((id) => ({ questionId: id, label: id, value: answerText(answers[id]) }));
  return [...asked, ...others];
}

/** The stored answers object with its keys in question order (JSON readers that keep key order show the form's order). */
export function answersInFormOrder(questions: readonly Pick<TemplateQuestion, "id">[], answers: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const askedIds = questions.map((question) => question.id).filter((id) => Object.hasOwn(answers, id));
  const keys = [...askedIds, ...Object.keys(answers).filter((id) => !askedIds.includes(id))];
  return Object.fromEntries(keys.map((id) => [id, answers[id]]));
}
