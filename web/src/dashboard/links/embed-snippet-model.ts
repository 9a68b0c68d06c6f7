// The HTML a site pastes to show a booking link with embed.js: inline, a popup
// button, or a floating button, with the prefill the owner chose (placeholder
// values the site replaces with its visitor's details).

export const EMBED_MODES = ["inline", "popup", "floating"] as const;
export type EmbedMode = (typeof EMBED_MODES)[number];
export const PREFILL_FIELDS = ["name", "email", "company", "topic", "lead", "utm"] as const;
export type PrefillField = (typeof PREFILL_FIELDS)[number];

const PLACEHOLDERS: Record<Exclude<PrefillField, "utm">, string> = { name: "Visitor Name", email: "visitor@example.com", company: "Visitor Company", topic: "What to discuss", lead: "your-lead-id" };
const UTM_PLACEHOLDERS = { "utm-source": "website", "utm-medium": "embed", "utm-campaign": "spring" };

export type SnippetChoice = { mode: EmbedMode; prefill: readonly PrefillField[]; label: string };

const escapeAttribute = (value: string) => value.replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("<", "&lt;");
const escapeText = (value: string) => value.replaceAll("&", "&amp;").replaceAll("<", "&lt;");

/** The snippet for a link's booking address; embed.js is served by the same Convene as the address. */
export function embedSnippet(bookingUrl: string, choice: SnippetChoice): string {
  const scriptUrl = `${new URL(bookingUrl).origin}/embed.js`;
  const attributes = [`data-url="${escapeAttribute(bookingUrl)}"`];
  for (const field of PREFILL_FIELDS) {
    if (!choice.prefill.includes(field)) continue;
    if (field === "utm") for (const [name, value] of Object.entries(UTM_PLACEHOLDERS)) attributes.push(`data-${name}="${value}"`);
    else attributes.push(`data-${field}="${PLACEHOLDERS[field]}"`);
  }
  const label = choice.label.trim() || "Book a meeting";
  const script = `<script src="${scriptUrl}" async></script>`;
  if (choice.mode === "inline") return `<div data-convene-inline ${attributes.join(" ")}></div>\n${script}`;
  if (choice.mode === "popup") return `<button type="button" data-convene-popup ${attributes.join(" ")}>${escapeText(label)}</button>\n${script}`;
  return `<script src="${scriptUrl}" data-convene-floating ${attributes.join(" ")} data-label="${escapeAttribute(label)}" async></script>`;
}
