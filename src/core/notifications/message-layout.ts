// The one shape every Convene email has — greeting, paragraphs, a table of
// facts, action links, a footer — written out as plain text and as HTML. Every
// string in a layout is plain text; the HTML writer escapes all of it, so no
// message can forget to escape a user-supplied value. Pure.

/** One fact of the meeting; `href` makes the value a link (web URLs only). Values may span lines. */
export type LayoutRow = { label: string; value: string; href?: string | null };

/** A call to action, such as the manage link. Dropped unless the URL is http(s). */
export type LayoutAction = { label: string; url: string };

export type MessageLayout = {
  /** One line; see singleLine. */
  subject: string;
  greeting: string;
  paragraphs: string[];
  rows: LayoutRow[];
  /** Paragraphs after the facts that say what the action links are for. */
  actionIntro: string[];
  actions: LayoutAction[];
  footer: { text: string; url: string | null };
};

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!);
}

/**
 * True for absolute http(s) URLs. Only these become links: an owner-typed
 * location such as "javascript:…" stays visible text, never an href.
 */
export function isWebUrl(text: string): boolean {
  if (!/^https?:\/\//i.test(text)) return false;
  try {
    new URL(text);
    return true;
  } catch {
    return false;
  }
}

/** Subjects are one header line: control characters and line breaks become spaces (no header injection). */
export function singleLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029\s]+/g, " ").trim();
}

function lines(text: string): string[] {
  return text.replace(/\r\n?/g, "\n").split("\n");
}

function textRow(row: LayoutRow): string {
  const valueLines = lines(row.value);
  const link = row.href && isWebUrl(row.href) && row.href !== row.value ? ` <${row.href}>` : "";
  if (valueLines.length === 1) return `${row.label}: ${row.value}${link}`;
  return [`${row.label}:${link}`, ...valueLines.map((line) => `  ${line}`)].join("\n");
}

/** The plain-text body: blocks separated by blank lines, URLs written out in full. */
export function renderText(layout: MessageLayout): string {
  const actions = layout.actions.filter((action) => isWebUrl(action.url));
  const blocks = [
    layout.greeting,
    ...layout.paragraphs,
    layout.rows.map(textRow).join("\n"),
    ...layout.actionIntro,
    ...actions.map((action) => `${action.label}: ${action.url}`),
    layout.footer.url ? `${layout.footer.text}: ${layout.footer.url}` : layout.footer.text,
  ].filter((block) => block.length > 0);
  return `${blocks.join("\n\n")}\n`;
}

/** Escaped text with its line breaks kept. */
function htmlText(text: string): string {
  return lines(text).map(escapeHtml).join("<br>");
}

function htmlLink(url: string, content: string, style = ""): string {
  return `<a href="${escapeHtml(url)}"${style ? ` style="${style}"` : ""}>${content}</a>`;
}

const FONT = "font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Helvetica,Arial,sans-serif;font-size:15px;line-height:1.5;color:#1f2328";
const BUTTON = "display:inline-block;padding:10px 18px;border-radius:6px;background:#1f6feb;color:#ffffff;text-decoration:none;font-weight:600";

function htmlRow(row: LayoutRow): string {
  const value = row.href && isWebUrl(row.href) ? htmlLink(row.href, htmlText(row.value)) : htmlText(row.value);
  return (
    `<tr><th align="left" valign="top" style="padding:4px 16px 4px 0;font-weight:600;white-space:nowrap">${htmlText(row.label)}</th>` +
    `<td valign="top" style="padding:4px 0">${value}</td></tr>`
  );
}

/** The HTML body: inline styles only (mail clients drop <style>), one column, no images. */
export function renderHtml(layout: MessageLayout): string {
  const paragraph = (text: string) => `<p style="margin:0 0 16px">${htmlText(text)}</p>`;
  const actions = layout.actions.filter((action) => isWebUrl(action.url));
  const footer = layout.footer.url ? htmlLink(layout.footer.url, htmlText(layout.footer.text), "color:#656d76") : htmlText(layout.footer.text);
  return [
    "<!doctype html>",
    '<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">',
    `<title>${escapeHtml(layout.subject)}</title></head>`,
    `<body style="margin:0;padding:24px;${FONT}">`,
    '<div style="max-width:600px;margin:0 auto">',
    paragraph(layout.greeting),
    ...layout.paragraphs.map(paragraph),
    layout.rows.length > 0 ? `<table role="presentation" cellpadding="0" cellspacing="0" style="margin:0 0 16px;border-collapse:collapse">${layout.rows.map(htmlRow).join("")}</table>` : "",
    ...layout.actionIntro.map(paragraph),
    ...actions.map((action) => `<p style="margin:0 0 16px">${htmlLink(action.url, htmlText(action.label), BUTTON)}</p>`),
    `<p style="margin:24px 0 0;font-size:13px;color:#656d76">${footer}</p>`,
    "</div></body></html>",
  ]
    .filter((part) => part.length > 0)
    .join("\n")
    .concat("\n");
}
