// The sentence an owner pastes into a reply to an interested lead, with the
// lead's booking link in it: a template in the owner's words with a small,
// closed set of placeholders. Pure.

export const DEFAULT_LINK_SENTENCE = "Based on your interest, let's schedule a {duration}-minute call: {link}";

export const LINK_SENTENCE_PLACEHOLDERS = ["name", "firstName", "company", "topic", "duration", "link"] as const;
export type LinkSentencePlaceholder = (typeof LINK_SENTENCE_PLACEHOLDERS)[number];

/** Long enough for a short paragraph; a template is a sentence, not an email. */
export const LINK_SENTENCE_MAX_CHARS = 1000;

export type LinkSentenceValues = Record<LinkSentencePlaceholder, string>;

const PLACEHOLDER = /\{([^{}]*)\}/g;

/** Placeholders the template names that are not ours ("{Name}", "{email}"), in order, each once. */
export function unknownPlaceholdersOf(template: string): string[] {
  const known = new Set<string>(LINK_SENTENCE_PLACEHOLDERS);
  const unknown = new Set<string>();
  for (const match of template.matchAll(PLACEHOLDER)) if (!known.has(match[1]!)) unknown.add(match[1]!);
  return [...unknown];
}

/** Why the template cannot be used, or null; a template without {link} would send no link. */
export function linkSentenceProblemOf(template: string): string | null {
  if (template.trim().length === 0) return "must not be blank";
  if (template.length > LINK_SENTENCE_MAX_CHARS) return `must be at most ${LINK_SENTENCE_MAX_CHARS} characters`;
  const unknown = unknownPlaceholdersOf(template);
  if (unknown.length > 0) {
    return `unknown placeholder${unknown.length > 1 ? "s" : ""} ${unknown.map((name) => `{${name}}`).join(", ")}; use ${LINK_SENTENCE_PLACEHOLDERS.map((name) => `{${name}}`).join(", ")}`;
  }
  if (!template.includes("{link}")) return "must contain {link}";
  return null;
}

/** The first word of a name, for "Hi {firstName}"; empty for no name. */
export function firstNameOf(name: string): string {
  return name.trim().split(/\s+/)[0] ?? "";
}

/**
 * Fills each placeholder in one pass, so a value that itself looks like a
 * placeholder (a company called "{link}") is left as written. An empty value
 * leaves the text around it as it is: the owner words their template for that.
 */
export function renderLinkSentence(template: string | null, values: LinkSentenceValues): string {
  return (template ?? DEFAULT_LINK_SENTENCE).replace(PLACEHOLDER, (whole, name: string) =>
    Object.hasOwn(values, name) ? values[name as LinkSentencePlaceholder] : whole,
  );
}
