import { describe, expect, it } from "vitest";
import { ConveneError } from "../errors.js";
import { MAX_LONG_TEXT_CHARS, MAX_QUESTIONS, MAX_SHORT_TEXT_CHARS, validateAnswers, validateQuestions, type TemplateQuestion } from "./questions.js";

const q = (id: string, type: TemplateQuestion["type"], extra: Partial<TemplateQuestion> = {}): TemplateQuestion => ({
  id,
  label: `Question ${id}`,
  type,
  isRequired: false,
  ...(type === "single_choice" || type === "multiple_choice" ? { options: ["Red", "Green", "Blue"] } : {}),
  ...extra,
});

/** The error's code and field errors, or a failure when fn does not throw a ConveneError. */
function errorsOf(fn: () => unknown): { code: string; errors: { path: string; message: string }[]; message: string } {
  try {
    fn();
  } catch (error) {
    if (!(error instanceof ConveneError)) throw error;
    return { code: error.code, errors: (error.details?.["errors"] ?? []) as { path: string; message: string }[], message: error.message };
  }
  throw new Error("expected a ConveneError");
}

const pathsOf = (fn: () => unknown) => errorsOf(fn).errors.map((e) => e.path);

describe("validateQuestions", () => {
  it("accepts every question type with the right options", () => {
    expect(() =>
      validateQuestions([
        q("company", "short_text", { isRequired: true }),
        q("about", "long_text"),
        q("workEmail", "email"),
        q("phone", "phone"),
        q("size", "single_choice"),
        q("topics", "multiple_choice"),
        q("terms", "checkbox", { isRequired: true }),
      ]),
    ).not.toThrow();
  });

  it("accepts no questions at all", () => {
    expect(validateQuestions([])).toEqual([]);
  });

  it("returns the questions as stored: labels trimmed, options only on choices", () => {
    expect(
      validateQuestions([
        { id: "a", label: "  Company ", type: "short_text", isRequired: true, options: [] },
        { id: "b", label: "Size", type: "single_choice", isRequired: false, options: ["S", "M"] },
      ]),
    ).toEqual([
      { id: "a", label: "Company", type: "short_text", isRequired: true },
      { id: "b", label: "Size", type: "single_choice", isRequired: false, options: ["S", "M"] },
    ]);
  });

  it("refuses repeated and unsafe ids with their paths", () => {
    const result = errorsOf(() => validateQuestions([q("a", "short_text"), q("a", "long_text"), q("has space", "email"), q("__proto__", "phone"), q("1st", "phone"), q("", "phone")]));
    expect(result.code).toBe("INVALID_QUESTIONS");
    expect(result.errors.map((e) => e.path)).toEqual(["questions.1.id", "questions.2.id", "questions.3.id", "questions.4.id", "questions.5.id"]);
    expect(result.errors[0]!.message).toContain('repeats the id "a"');
    expect(result.message).toContain("questions.1.id");
  });

  it("accepts ids up to 64 characters of letters, digits, - and _", () => {
    expect(() => validateQuestions([q(`a${"b-_9".repeat(15)}xyz`, "short_text")])).not.toThrow();
    expect(pathsOf(() => validateQuestions([q(`a${"b".repeat(64)}`, "short_text")]))).toEqual(["questions.0.id"]);
  });

  it("needs a label", () => {
    expect(pathsOf(() => validateQuestions([q("a", "short_text", { label: "   " }), q("b", "short_text", { label: "x".repeat(501) })]))).toEqual([
      "questions.0.label",
      "questions.1.label",
    ]);
  });

  it("needs at least one option, unique and non-blank, on choice questions", () => {
    const paths = pathsOf(() =>
      validateQuestions([
        q("a", "single_choice", { options: [] }),
        q("b", "multiple_choice", { options: undefined }),
        q("c", "single_choice", { options: ["Yes", "Yes"] }),
        q("d", "multiple_choice", { options: ["ok", ""] }),
        q("e", "single_choice", { options: [" padded "] }),
      ]),
    );
    expect(paths).toEqual(["questions.0.options", "questions.1.options", "questions.2.options", "questions.3.options.1", "questions.4.options.0"]);
  });

  it("refuses options on questions that are not choices, but tolerates an empty list", () => {
    expect(pathsOf(() => validateQuestions([q("a", "short_text", { options: ["x"] }), q("b", "checkbox", { options: ["y"] })]))).toEqual([
      "questions.0.options",
      "questions.1.options",
    ]);
    expect(() => validateQuestions([q("a", "email", { options: [] })])).not.toThrow();
  });

  it("refuses an unknown type and a non-boolean isRequired (input that bypassed the schema)", () => {
    const bad = [{ id: "a", label: "A", type: "date", isRequired: "yes" }] as unknown as TemplateQuestion[];
    expect(pathsOf(() => validateQuestions(bad))).toEqual(["questions.0.type", "questions.0.isRequired"]);
  });

  it(`allows at most ${MAX_QUESTIONS} questions`, () => {
    const many = Array.from({ length: MAX_QUESTIONS + 1 }, (_, i) => q(`q${i}`, "short_text"));
    expect(pathsOf(() => validateQuestions(many))).toEqual(["questions"]);
    expect(() => validateQuestions(many.slice(1))).not.toThrow();
  });

  it("lists every problem at once", () => {
    expect(pathsOf(() => validateQuestions([q("x", "single_choice", { label: "", options: [] }), q("x", "short_text")]))).toEqual([
      "questions.0.label",
      "questions.0.options",
      "questions.1.id",
    ]);
  });
});

describe("validateAnswers", () => {
  it("returns trimmed answers and leaves unanswered optional questions out", () => {
    const questions = [
      q("name", "short_text", { isRequired: true }),
      q("about", "long_text"),
      q("mail", "email"),
      q("phone", "phone"),
      q("color", "single_choice"),
      q("colors", "multiple_choice"),
      q("news", "checkbox"),
      q("skipped", "short_text"),
    ];
    expect(
      validateAnswers(questions, {
        name: "  Ada  ",
        about: "\nLine one\nLine two\n",
        mail: " ada@example.com ",
        phone: " +49 (30) 123-4567 ",
        color: " Green ",
        colors: ["Blue", "Red", "Blue"],
        news: false,
      }),
    ).toEqual({
      name: "Ada",
      about: "Line one\nLine two",
      mail: "ada@example.com",
      phone: "+49 (30) 123-4567",
      color: "Green",
      colors: ["Red", "Blue"],
      news: false,
    });
  });

  it("accepts no answers when nothing is required", () => {
    expect(validateAnswers([q("a", "short_text"), q("b", "checkbox")], {})).toEqual({});
    expect(validateAnswers([], {})).toEqual({});
  });

  it("treats null, blank text and an empty selection as no answer", () => {
    const questions = [q("a", "short_text"), q("b", "email"), q("c", "multiple_choice"), q("d", "checkbox"), q("e", "single_choice")];
    expect(validateAnswers(questions, { a: "   ", b: null, c: [], d: null, e: "" })).toEqual({});
  });

  it("requires an answer to every required question", () => {
    const questions = (["short_text", "long_text", "email", "phone", "single_choice", "multiple_choice"] as const).map((type) => q(type, type, { isRequired: true }));
    const result = errorsOf(() => validateAnswers(questions, { short_text: " ", long_text: null, multiple_choice: [] }));
    expect(result.code).toBe("INVALID_ANSWERS");
    expect(result.errors).toEqual(questions.map((question) => ({ path: `answers.${question.id}`, message: "is required" })));
  });

  it("requires a required checkbox to be checked", () => {
    const terms = [q("terms", "checkbox", { isRequired: true })];
    expect(validateAnswers(terms, { terms: true })).toEqual({ terms: true });
    expect(errorsOf(() => validateAnswers(terms, { terms: false })).errors).toEqual([{ path: "answers.terms", message: "must be checked" }]);
    expect(errorsOf(() => validateAnswers(terms, {})).errors).toEqual([{ path: "answers.terms", message: "is required" }]);
    expect(errorsOf(() => validateAnswers(terms, { terms: "true" })).errors).toEqual([{ path: "answers.terms", message: "must be true or false" }]);
  });

  it("refuses answers to questions that do not exist", () => {
    const result = errorsOf(() => validateAnswers([q("a", "short_text")], { a: "ok", b: "?", constructor: "x" }));
    expect(result.errors.map((e) => e.path)).toEqual(["answers.b", "answers.constructor"]);
    expect(result.errors[0]!.message).toContain("not a question");
  });

  it("does not read answers from the prototype chain", () => {
    const answers = Object.create({ a: "inherited" }) as Record<string, unknown>;
    expect(errorsOf(() => validateAnswers([q("a", "short_text", { isRequired: true })], answers)).errors).toEqual([{ path: "answers.a", message: "is required" }]);
  });

  it("limits short text to 500 and long text to 5000 characters (after trimming)", () => {
    const questions = [q("s", "short_text"), q("l", "long_text")];
    expect(validateAnswers(questions, { s: ` ${"x".repeat(MAX_SHORT_TEXT_CHARS)} `, l: "y".repeat(MAX_LONG_TEXT_CHARS) })).toEqual({
      s: "x".repeat(MAX_SHORT_TEXT_CHARS),
      l: "y".repeat(MAX_LONG_TEXT_CHARS),
    });
    expect(pathsOf(() => validateAnswers(questions, { s: "x".repeat(MAX_SHORT_TEXT_CHARS + 1), l: "y".repeat(MAX_LONG_TEXT_CHARS + 1) }))).toEqual(["answers.s", "answers.l"]);
  });

  it("wants text for text questions", () => {
    const questions = [q("a", "short_text"), q("b", "long_text"), q("c", "email"), q("d", "phone"), q("e", "single_choice")];
    const result = errorsOf(() => validateAnswers(questions, { a: 42, b: ["x"], c: true, d: 4930123456, e: { pick: "Red" } }));
    expect(result.errors).toEqual(questions.map((question) => ({ path: `answers.${question.id}`, message: "must be text" })));
  });

  it.each(["ada@example.com", "a.b+tag@sub.example.co.uk", "x@y.z"])("accepts the email %s", (email) => {
    expect(validateAnswers([q("m", "email")], { m: email })).toEqual({ m: email });
  });

  it.each(["ada", "ada@", "@example.com", "ada@example", "ada @example.com", "ada@@example.com", "ada@example..com", `${"a".repeat(250)}@x.io`])(
    "refuses the email %s",
    (email) => {
      expect(errorsOf(() => validateAnswers([q("m", "email")], { m: email })).errors).toEqual([{ path: "answers.m", message: "must be an email address" }]);
    },
  );

  it.each(["+1 555-0100", "(030) 1234567", "12345", "+44 20 7946 0958"])("accepts the phone number %s", (phone) => {
    expect(validateAnswers([q("p", "phone")], { p: phone })).toEqual({ p: phone });
  });

  it.each(["1234", "+1 555 CALL", "555.0100", "(--- ---)", "1".repeat(33), "+1 555-0100 ext 2"])("refuses the phone number %s", (phone) => {
    expect(pathsOf(() => validateAnswers([q("p", "phone")], { p: phone }))).toEqual(["answers.p"]);
  });

  it("takes a single choice only from the options, matched exactly", () => {
    const color = [q("c", "single_choice")];
    expect(validateAnswers(color, { c: "Blue" })).toEqual({ c: "Blue" });
    const result = errorsOf(() => validateAnswers(color, { c: "blue" }));
    expect(result.errors).toEqual([{ path: "answers.c", message: 'must be one of: "Red", "Green", "Blue"' }]);
  });

  it("takes a multiple choice as a list drawn from the options", () => {
    const colors = [q("c", "multiple_choice")];
    expect(validateAnswers(colors, { c: [" Green "] })).toEqual({ c: ["Green"] });
    expect(errorsOf(() => validateAnswers(colors, { c: ["Red", "Purple"] })).errors).toEqual([{ path: "answers.c", message: 'not an option: "Purple"' }]);
    expect(errorsOf(() => validateAnswers(colors, { c: "Red" })).errors).toEqual([{ path: "answers.c", message: "must be a list of options" }]);
    expect(errorsOf(() => validateAnswers(colors, { c: ["Red", 2] })).errors).toEqual([{ path: "answers.c", message: "must be a list of options" }]);
  });

  it("lists every problem at once, in question order after unknown ids", () => {
    const questions = [q("name", "short_text", { isRequired: true }), q("mail", "email"), q("terms", "checkbox", { isRequired: true })];
    const result = errorsOf(() => validateAnswers(questions, { mail: "nope", extra: 1 }));
    expect(result.errors.map((e) => e.path)).toEqual(["answers.extra", "answers.name", "answers.mail", "answers.terms"]);
    expect(result.message).toBe(result.errors.map((e) => `${e.path}: ${e.message}`).join("; "));
  });

  it("refuses answers that are not an object", () => {
    for (const answers of [null, [], "x"]) {
      expect(errorsOf(() => validateAnswers([q("a", "short_text")], answers as unknown as Record<string, unknown>)).errors).toEqual([
        { path: "answers", message: "must be an object of answers by question id" },
      ]);
    }
  });

  it("keeps an answer whose question id looks like an Object property", () => {
    expect(validateAnswers([q("toString", "short_text"), q("hasOwnProperty", "checkbox")], { toString: "x", hasOwnProperty: true })).toEqual({
      toString: "x",
      hasOwnProperty: true,
    });
  });
});
