import { describe, expect, it } from "vitest";
import { answersInFormOrder, orderedAnswers } from "./answer-order.js";

const questions = [
  { id: "company", label: "Company" },
  { id: "topic", label: "What shall we talk about?" },
  { id: "size", label: "Team size" },
  { id: "skipped", label: "Optional" },
];

// As PostgreSQL's jsonb gives them back: shorter keys first.
const stored = { size: "11-50", topic: ["Pricing", "Security"], company: "Acme", legacy: true };

describe("answers in form order", () => {
  it("follows the questions, labels each answer, joins lists, keeps answers to removed questions last", () => {
    expect(orderedAnswers(questions, stored)).toEqual([
      { questionId: "company", label: "Company", value: "Acme" },
      { questionId: "topic", label: "What shall we talk about?", value: "Pricing, Security" },
      { questionId: "size", label: "Team size", value: "11-50" },
      { questionId: "legacy", label: "legacy", value: "true" },
    ]);
  });

  it("orders the stored object's keys the same way", () => {
    expect(Object.keys(answersInFormOrder(questions, stored))).toEqual(["company", "topic", "size", "legacy"]);
    expect(orderedAnswers([], {})).toEqual([]);
  });
});
