// The questions a booking template asks, and the answers an invitee gives to
// them. Questions are checked once when a template is saved; answers on every
// booking, and come back cleaned (trimmed, deduplicated) for storage. Pure.
import { ConveneError } from "../errors.js";

export const QUESTION_TYPES = ["short_text", "long_text", "email", "phone", "single_choice", "multiple_choice", "checkbox"] as const;

export type QuestionType = (typeof QUESTION_TYPES)[number];

/** A question on a booking template; `options` only for the choice types. */
export type TemplateQuestion = {
  id: string;
  label: string;
  type: QuestionType;
  isRequired: boolean;
  options?: string[];
};

export const MAX_QUESTIONS = 50;
export const MAX_LABEL_CHARS = 500;
export const MAX_OPTIONS = 100;
export const MAX_OPTION_CHARS = 200;
export const MAX_SHORT_TEXT_CHARS = 500;
export const MAX_LONG_TEXT_CHARS = 5000;
/** RFC 5321's limit on a forward path. */
export const MAX_EMAIL_CHARS = 254;

/**
 * Question ids end up in URLs, form field names and answer keys. Starting with a
 * letter keeps "__proto__" and friends out, so an id is always a safe object key.
 */
const QUESTION_ID = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
// Deliberately loose: one @, no spaces, a dot in the domain. Deliverability is the mailer's problem.
const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;
const PHONE = /^[0-9+\-() ]{5,32}$/;
/** A phone number needs some digits; "(-- -)" has the right characters but is not a number. */
const MIN_PHONE_DIGITS = 5;

type FieldError = { path: string; message: string };

const isChoice = (type: QuestionType) => type === "single_choice" || type === "multiple_choice";

/**
 * Returns the questions as stored (labels trimmed; `options` only on choice
 * questions), or throws INVALID_QUESTIONS listing every problem with its path
 * (questions.<index>.<field>).
 */
export function validateQuestions(questions: readonly TemplateQuestion[]): TemplateQuestion[] {
  const errors: FieldError[] = [];
  const check = (isValid: boolean, path: string, message: string) => {
    if (!isValid) errors.push({ path, message });
  };
  check(questions.length <= MAX_QUESTIONS, "questions", `at most ${MAX_QUESTIONS} questions`);
  const seenIds = new Set<string>();
  questions.forEach((question, i) => {
    const path = `questions.${i}`;
    check(typeof question.id === "string" && QUESTION_ID.test(question.id), `${path}.id`, "a letter, then letters, digits, - or _ (up to 64)");
    check(!seenIds.has(question.id), `${path}.id`, `repeats the id "${question.id}"`);
    seenIds.add(question.id);
    const label = typeof question.label === "string" ? question.label.trim() : "";
    check(label.length > 0 && label.length <= MAX_LABEL_CHARS, `${path}.label`, `must be 1 to ${MAX_LABEL_CHARS} characters`);
    check(QUESTION_TYPES.includes(question.type), `${path}.type`, `must be one of ${QUESTION_TYPES.join(", ")}`);
    check(typeof question.isRequired === "boolean", `${path}.isRequired`, "must be true or false");
    const options = question.options ?? [];
    if (!isChoice(question.type)) {
      check(options.length === 0, `${path}.options`, `only ${QUESTION_TYPES.filter(isChoice).join(" and ")} questions have options`);
      return;
    }
    check(options.length >= 1 && options.length <= MAX_OPTIONS, `${path}.options`, `a choice needs 1 to ${MAX_OPTIONS} options`);
    options.forEach((option, j) =>
      check(typeof option === "string" && option.trim() === option && option.length > 0 && option.length <= MAX_OPTION_CHARS, `${path}.options.${j}`, `must be 1 to ${MAX_OPTION_CHARS} characters, without surrounding spaces`),
    );
    check(new Set(options).size === options.length, `${path}.options`, "must not repeat an option");
  });
  if (errors.length > 0) {
    throw new ConveneError("INVALID_QUESTIONS", errors.map((e) => `${e.path}: ${e.message}`).join("; "), { details: { errors } });
  }
  return questions.map((question) => ({
    id: question.id,
    label: question.label.trim(),
    type: question.type,
    isRequired: question.isRequired,
    ...(isChoice(question.type) ? { options: [...(question.options ?? [])] } : {}),
  }));
}

/**
 * Checks an invitee's answers against the questions and returns them cleaned:
 * strings trimmed, multiple choices deduplicated in the options' order, and
 * unanswered optional questions left out. Throws INVALID_ANSWERS listing every
 * problem (paths "answers.<questionId>"); an answer to no question is a problem
 * too, so a typo in a field name never goes unnoticed.
 */
export function validateAnswers(questions: readonly TemplateQuestion[], answers: Record<string, unknown>): Record<string, unknown> {
  const errors: FieldError[] = [];
  const cleaned: [string, unknown][] = [];
  if (typeof answers !== "object" || answers === null || Array.isArray(answers)) {
    throw invalidAnswers([{ path: "answers", message: "must be an object of answers by question id" }]);
  }
  const known = new Set(questions.map((question) => question.id));
  for (const id of Object.keys(answers)) {
    if (!known.has(id)) errors.push({ path: `answers.${id}`, message: "is not a question of this booking link" });
  }
  for (const question of questions) {
    const given = Object.hasOwn(answers, question.id) ? answers[question.id] : undefined;
    const outcome = cleanAnswer(question, given);
    if ("error" in outcome) errors.push({ path: `answers.${question.id}`, message: outcome.error });
    else if (outcome.value !== undefined) cleaned.push([question.id, outcome.value]);
  }
  if (errors.length > 0) throw invalidAnswers(errors);
  return Object.fromEntries(cleaned);
}

function invalidAnswers(errors: FieldError[]): ConveneError {
  return new ConveneError("INVALID_ANSWERS", errors.map((e) => `${e.path}: ${e.message}`).join("; "), { details: { errors } });
}

/** The cleaned value (undefined: no answer), or why the answer is not acceptable. */
type Outcome = { value: unknown } | { error: string };

function cleanAnswer(question: TemplateQuestion, given: unknown): Outcome {
  const missing: Outcome = question.isRequired ? { error: "is required" } : { value: undefined };
  if (given === undefined || given === null) return missing;
  switch (question.type) {
    case "checkbox":
      if (typeof given !== "boolean") return { error: "must be true or false" };
      if (question.isRequired && !given) return { error: "must be checked" };
      return { value: given };
    case "multiple_choice": {
      if (!Array.isArray(given) || !given.every((item) => typeof item === "string")) return { error: "must be a list of options" };
      const picked = new Set(given.map((item: string) => item.trim()));
      const unknown = [...picked].filter((item) => !(question.options ?? []).includes(item));
      if (unknown.length > 0) return { error: `not an option: ${unknown.map((item) => JSON.stringify(item)).join(", ")}` };
      if (picked.size === 0) return missing;
      return { value: (question.options ?? []).filter((option) => picked.has(option)) };
    }
    default: {
      if (typeof given !== "string") return { error: "must be text" };
      const text = given.trim();
      if (text === "") return missing;
      const error = textError(question, text);
      return error === null ? { value: text } : { error };
    }
  }
}

/** Why a non-empty trimmed text answer does not fit its question, or null. */
function textError(question: TemplateQuestion, text: string): string | null {
  switch (question.type) {
    case "short_text":
      return text.length <= MAX_SHORT_TEXT_CHARS ? null : `must be at most ${MAX_SHORT_TEXT_CHARS} characters`;
    case "long_text":
      return text.length <= MAX_LONG_TEXT_CHARS ? null : `must be at most ${MAX_LONG_TEXT_CHARS} characters`;
    case "email":
      return text.length <= MAX_EMAIL_CHARS && EMAIL.test(text) ? null : "must be an email address";
    case "phone":
      return PHONE.test(text) && text.replace(/\D/g, "").length >= MIN_PHONE_DIGITS
        ? null
        : "must be a phone number: digits, spaces, +, -, ( and ), 5 to 32 characters";
    case "single_choice":
      return (question.options ?? []).includes(text) ? null : `must be one of: ${(question.options ?? []).map((option) => JSON.stringify(option)).join(", ")}`;
    default:
      return "cannot be answered with text";
  }
}
