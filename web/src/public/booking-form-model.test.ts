// The invitee's booking form: the messages each field shows, the answers sent,
// a one-time link's prefill, and the server's field errors put back on fields.
import { describe, expect, it } from "vitest";
import { ApiProblem } from "../api/client";
import { answersOf, guestList, initialValues, serverFieldErrors, validateForm, type FormValues } from "./booking-form-model";
import type { LinkPage, Question } from "./public-api";

const question = (id: string, type: string, isRequired = false, label = id): Question => ({ id, label, type, isRequired });
const QUESTIONS = [
  question("company", "short_text", true, "Company"),
  question("workEmail", "email"),
  question("phone", "phone"),
  question("topics", "multiple_choice"),
  question("terms", "checkbox", true, "I accept the terms"),
];
const filled: FormValues = { name: "Ada Lovelace", email: "ada@example.com", answers: { company: "Engines Ltd", terms: true }, guests: "", notes: "" };

const page = (questions: Question[], prefill: NonNullable<LinkPage["oneTime"]>["prefill"] | null): LinkPage => ({
  title: "Intro call",
  description: "",
  owner: { name: "Owner", handle: "owner" },
  durationsMin: [30],
  defaultDurationMin: 30,
  hostMode: "single",
  location: { type: "jitsi", kind: "Jitsi video call", value: null },
  timeZone: "America/New_York",
  bookableUntil: null,
  questions,
  oneTime: prefill ? { expiresAt: "2026-12-01T00:00:00.000Z", slots: null, prefill } : null,
  viewId: "view-token",
  embedOrigins: [],
});

describe("validateForm", () => {
  it("passes a complete form", () => {
    expect(validateForm(filled, QUESTIONS)).toEqual({});
  });

  it("asks for name and email, and says what an email address looks like", () => {
    expect(validateForm({ ...filled, name: "  ", email: "" }, [])).toEqual({ name: "Please enter your name.", email: "Please enter your email address." });
    expect(validateForm({ ...filled, email: "ada@example" }, []).email).toBe("Enter an email address like name@example.com.");
    expect(validateForm({ ...filled, email: "  ada@example.com " }, [])).toEqual({});
  });

  it("asks required questions to be answered and a required box to be ticked", () => {
    const errors = validateForm({ ...filled, answers: { company: "   ", terms: false } }, QUESTIONS);
    expect(errors).toEqual({ "answers.company": "Please answer this question.", "answers.terms": "Please tick this box to continue." });
  });

  it("checks email and phone answers only when given", () => {
    expect(validateForm({ ...filled, answers: { ...filled.answers, workEmail: "", phone: "" } }, QUESTIONS)).toEqual({});
    const errors = validateForm({ ...filled, answers: { ...filled.answers, workEmail: "ada at work", phone: "call me" } }, QUESTIONS);
    expect(errors).toEqual({ "answers.workEmail": "Enter an email address like name@example.com.", "answers.phone": "Enter a phone number: digits, spaces, +, -, ( and )." });
    expect(validateForm({ ...filled, answers: { ...filled.answers, phone: "+44 (20) 7946-0000" } }, QUESTIONS)).toEqual({});
    expect(validateForm({ ...filled, answers: { ...filled.answers, phone: "+() -1" } }, QUESTIONS)["answers.phone"]).toBeDefined();
  });

  it("takes up to ten guests separated by commas, spaces or semicolons, and names a bad one", () => {
    expect(guestList(" a@example.com,b@example.com; c@example.com\nd@example.com ")).toEqual(["a@example.com", "b@example.com", "c@example.com", "d@example.com"]);
    const ten = Array.from({ length: 10 }, (_, i) => `guest${i}@example.com`).join(", ");
    expect(validateForm({ ...filled, guests: ten }, [])).toEqual({});
    expect(validateForm({ ...filled, guests: `${ten}, one.more@example.com` }, []).guests).toBe("At most 10 guests.");
    expect(validateForm({ ...filled, guests: "a@example.com, bob" }, []).guests).toBe("Not an email address: bob");
  });
});

describe("answersOf", () => {
  it("sends trimmed text and leaves unanswered questions out", () => {
    const values = { ...filled, answers: { company: "  Engines Ltd ", workEmail: "  ", topics: [], terms: true, phone: "" } };
    expect(answersOf(values, QUESTIONS)).toEqual({ company: "Engines Ltd", terms: true });
    expect(answersOf({ ...values, answers: { topics: ["Pricing"], terms: false } }, QUESTIONS)).toEqual({ topics: ["Pricing"] });
  });
});

describe("initialValues", () => {
  it("opens empty on an evergreen link", () => {
    expect(initialValues(page(QUESTIONS, null))).toEqual({ name: "", email: "", answers: {}, guests: "", notes: "" });
  });

  it("fills a one-time link's recipient, and its company and topic into the text questions that ask for them", () => {
    const questions = [question("org", "short_text", false, "Organisation"), question("agenda", "long_text", false, "What should we discuss?"), question("size", "single_choice", false, "Company size")];
    const values = initialValues(page(questions, { name: "Pat", email: "pat@prospect.example", company: "Prospect GmbH", topic: "Pricing" }));
    expect(values).toMatchObject({ name: "Pat", email: "pat@prospect.example", answers: { org: "Prospect GmbH", agenda: "Pricing" } });
    expect(values.answers).not.toHaveProperty("size");
  });

  it("fills an embedding site's prefill from the address first, then the one-time link's", () => {
    const questions = [question("company", "short_text", false, "Company"), question("topic", "short_text", false, "Topic")];
    const values = initialValues(page(questions, { name: "Pat", email: "pat@prospect.example", company: "Prospect GmbH", topic: null }), { email: "pat@site.example", topic: "Demo" });
    expect(values).toMatchObject({ name: "Pat", email: "pat@site.example", answers: { company: "Prospect GmbH", topic: "Demo" } });
    expect(initialValues(page(questions, null), { name: "Sam", company: "Site Ltd" })).toMatchObject({ name: "Sam", email: "", answers: { company: "Site Ltd" } });
  });

  it("leaves the questions empty when the link has no company or topic", () => {
    const values = initialValues(page([question("company", "short_text")], { name: "Pat", email: "pat@prospect.example", company: null, topic: null }));
    expect(values.answers).toEqual({});
  });
});

describe("serverFieldErrors", () => {
  it("puts a validation problem's paths on the form's fields in the form's words", () => {
    const problem = new ApiProblem(400, {
      code: "INVALID_ANSWERS",
      errors: [
        { path: "body.email", message: "must be an email address" },
        { path: "answers.company", message: "is required" },
        { path: "answers.terms", message: "must be checked" },
        { path: "guests.3", message: "not an address" },
      ],
    });
    expect(serverFieldErrors(problem)).toEqual({
      email: "Enter an email address like name@example.com.",
      "answers.company": "Please answer this question.",
      "answers.terms": "Please tick this box to continue.",
      guests: "Not an address.",
    });
  });

  it("is null for other problems and for a problem without field errors", () => {
    expect(serverFieldErrors(new ApiProblem(409, { code: "SLOT_TAKEN", errors: [{ path: "start", message: "taken" }] }))).toBeNull();
    expect(serverFieldErrors(new ApiProblem(400, { code: "VALIDATION_FAILED" }))).toBeNull();
    expect(serverFieldErrors(new Error("offline"))).toBeNull();
  });
});
