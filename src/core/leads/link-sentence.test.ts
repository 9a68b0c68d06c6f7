import { describe, expect, it } from "vitest";
import { DEFAULT_LINK_SENTENCE, firstNameOf, linkSentenceProblemOf, renderLinkSentence, unknownPlaceholdersOf, type LinkSentenceValues } from "./link-sentence.js";

const values: LinkSentenceValues = {
  name: "Ada Lovelace",
  firstName: "Ada",
  company: "Analytical Engines",
  topic: "the pilot",
  duration: "30",
  link: "https://convene.test/t/abc",
};

describe("lead link sentence", () => {
  it("renders the default when the owner has no template", () => {
    expect(renderLinkSentence(null, values)).toBe("Based on your interest, let's schedule a 30-minute call: https://convene.test/t/abc");
    expect(DEFAULT_LINK_SENTENCE).toContain("{link}");
  });

  it("fills every placeholder, each as often as it appears", () => {
    const template = "Hi {firstName} ({name}, {company}): {duration} min about {topic}. {link} — {firstName}";
    expect(renderLinkSentence(template, values)).toBe(
      "Hi Ada (Ada Lovelace, Analytical Engines): 30 min about the pilot. https://convene.test/t/abc — Ada",
    );
  });

  it("does not expand a value that looks like a placeholder", () => {
    expect(renderLinkSentence("{company} {link}", { ...values, company: "{link}" })).toBe("{link} https://convene.test/t/abc");
  });

  it("leaves empty values empty", () => {
    expect(renderLinkSentence("Hi {firstName}, {link}", { ...values, firstName: "" })).toBe("Hi , https://convene.test/t/abc");
  });

  it("names unknown placeholders once each, in order", () => {
    expect(unknownPlaceholdersOf("{Name} {email} {link} {email} {}")).toEqual(["Name", "email", ""]);
    expect(unknownPlaceholdersOf(DEFAULT_LINK_SENTENCE)).toEqual([]);
  });

  it("refuses templates that would not work, saying why", () => {
    expect(linkSentenceProblemOf(DEFAULT_LINK_SENTENCE)).toBeNull();
    expect(linkSentenceProblemOf("Book here: {link} {email}")).toMatch(/unknown placeholder \{email\}; use \{name\}/);
    expect(linkSentenceProblemOf("Let's talk, {firstName}")).toBe("must contain {link}");
    expect(linkSentenceProblemOf("   ")).toBe("must not be blank");
    expect(linkSentenceProblemOf(`${"x".repeat(1000)}{link}`)).toMatch(/at most 1000/);
  });

  it("takes the first word of a name", () => {
    expect(firstNameOf("  Ada   Lovelace ")).toBe("Ada");
    expect(firstNameOf("")).toBe("");
  });
});
