// What the invitee types into the booking form, checked as the server checks
// it (core/booking/questions.ts), turned into the booking request, and the
// server's field errors mapped back onto the form's fields.
import { isProblem } from "../api/client";
import { en, type Messages } from "./i18n/en";
import type { Prefill } from "./embed-mode";
import type { LinkPage, Question } from "./public-api";

export type AnswerValue = string | boolean | string[];

export type FormValues = { name: string; email: string; answers: Record<string, AnswerValue>; guests: string; notes: string };

/** Messages by field: "name", "email", "guests", "notes", "answers.<questionId>". */
export type FieldErrors = Record<string, string>;

const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;
const PHONE = /^[0-9+\-() ]{5,32}$/;
const MAX_GUESTS = 10;
const COMPANY_QUESTION = /company|organi[sz]ation|business|employer/i;
const TOPIC_QUESTION = /topic|subject|agenda|about|discuss/i;

export const answerField = (question: Question) => `answers.${question.id}`;

/**
 * The form as the page opens: empty, or prefilled with a one-time link's recipient and the matching
 * questions; an embedding site's prefill (from the address) fills what it names first.
 */
export function initialValues(page: LinkPage, given: Prefill = {}): FormValues {
  const oneTime = page.oneTime?.prefill;
  const prefill = { name: given.name ?? oneTime?.name, email: given.email ?? oneTime?.email, company: given.company ?? oneTime?.company, topic: given.topic ?? oneTime?.topic };
  const answers: Record<string, AnswerValue> = {};
  const fill = (pattern: RegExp, value: string | null | undefined) => {
    const question = value ? page.questions.find((q) => (q.type === "short_text" || q.type === "long_text") && (pattern.test(q.id) || pattern.test(q.label)) && !(q.id in answers)) : undefined;
    if (question && value) answers[question.id] = value;
  };
  fill(COMPANY_QUESTION, prefill?.company);
  fill(TOPIC_QUESTION, prefill?.topic);
  return { name: prefill?.name ?? "", email: prefill?.email ?? "", answers, guests: "", notes: "" };
}

export function guestList(guests: string): string[] {
  return guests
    .split(/[\s,;]+/)
    .map((email) => email.trim())
    .filter(Boolean);
}

function answerError(question: Question, value: AnswerValue | undefined, t: Messages): string | null {
  const isEmpty = value === undefined || value === false || (typeof value === "string" && value.trim() === "") || (Array.isArray(value) && value.length === 0);
  if (isEmpty) return question.isRequired ? (question.type === "checkbox" ? t.tickBox : t.answerQuestion) : null;
  if (typeof value !== "string") return null;
  const text = value.trim();
  if (question.type === "email" && !EMAIL.test(text)) return t.emailFormat;
  if (question.type === "phone" && (!PHONE.test(text) || text.replace(/\D/g, "").length < 5)) return t.phoneFormat;
  return null;
}

/** The form's errors in the page's language (English by default). */
export function validateForm(values: FormValues, questions: Question[], t: Messages = en): FieldErrors {
  const errors: FieldErrors = {};
  if (!values.name.trim()) errors.name = t.enterName;
  if (!values.email.trim()) errors.email = t.enterEmail;
  else if (!EMAIL.test(values.email.trim())) errors.email = t.emailFormat;
  const guests = guestList(values.guests);
  if (guests.length > MAX_GUESTS) errors.guests = t.tooManyGuests(MAX_GUESTS);
  else if (guests.some((email) => !EMAIL.test(email))) errors.guests = t.notAnEmail(guests.find((email) => !EMAIL.test(email)) ?? "");
  for (const question of questions) {
    const error = answerError(question, values.answers[question.id], t);
    if (error) errors[answerField(question)] = error;
  }
  return errors;
}

/** The answers as the server takes them: trimmed text, unanswered questions left out. */
export function answersOf(values: FormValues, questions: Question[]): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const question of questions) {
    const value = values.answers[question.id];
    if (typeof value === "string" ? value.trim() !== "" : Array.isArray(value) ? value.length > 0 : value === true) {
      answers[question.id] = typeof value === "string" ? value.trim() : value;
    }
  }
  return answers;
}

/** Field errors from a VALIDATION_FAILED or INVALID_ANSWERS problem ("body.email", "answers.size"), or null; messages the catalogue lacks stay the server's. */
export function serverFieldErrors(error: unknown, t: Messages = en): FieldErrors | null {
  if (!isProblem(error, "VALIDATION_FAILED", "INVALID_ANSWERS")) return null;
  const list = Array.isArray(error.body.errors) ? (error.body.errors as { path?: unknown; message?: unknown }[]) : [];
  const errors: FieldErrors = {};
  for (const item of list) {
    if (typeof item.path !== "string") continue;
    const path = item.path.replace(/^body\./, "");
    const field = path.startsWith("answers.") ? path : path.split(".")[0]!;
    const message = typeof item.message === "string" ? item.message : "is not valid";
    const known = Object.hasOwn(t.fieldMessages, message) ? t.fieldMessages[message as keyof Messages["fieldMessages"]] : undefined;
    errors[field] ??= known ?? `${message.charAt(0).toUpperCase()}${message.slice(1)}.`;
  }
  return Object.keys(errors).length > 0 ? errors : null;
}
