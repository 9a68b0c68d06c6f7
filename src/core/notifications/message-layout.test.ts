import { describe, expect, it } from "vitest";
import { escapeHtml, isWebUrl, renderHtml, renderText, singleLine, type MessageLayout } from "./message-layout.js";

const layout = (overrides: Partial<MessageLayout> = {}): MessageLayout => ({
  subject: "Subject",
  greeting: "Hi Ada,",
  paragraphs: ["First paragraph."],
  rows: [{ label: "What", value: "Intro call" }],
  actionIntro: [],
  actions: [],
  footer: { text: "Sent by Convene", url: "https://convene.example" },
  ...overrides,
});

describe("escapeHtml", () => {
  it("escapes the five characters that matter in content and quoted attributes", () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;");
    expect(escapeHtml("plain text, ünïcödé ✓")).toBe("plain text, ünïcödé ✓");
  });
});

describe("isWebUrl", () => {
  it("accepts absolute http(s) URLs only", () => {
    expect(isWebUrl("https://meet.example/abc?x=1&y=2")).toBe(true);
    expect(isWebUrl("HTTP://example.com")).toBe(true);
    for (const bad of ["javascript:alert(1)", "data:text/html,hi", "//example.com", "meet.example/abc", "https://", "mailto:a@example.com", " https://x.example"]) {
      expect(isWebUrl(bad), bad).toBe(false);
    }
  });
});

describe("singleLine", () => {
  it("turns line breaks and control characters into single spaces", () => {
    expect(singleLine("Intro\r\nBcc: evil@example.com\tcall\u0000 \u2028x ")).toBe("Intro Bcc: evil@example.com call x");
  });
});

describe("renderText", () => {
  it("writes blocks separated by blank lines, indents multi-line values and writes URLs out", () => {
    const text = renderText(
      layout({
        rows: [
          { label: "What", value: "Intro call" },
          { label: "Notes", value: "line one\r\nline two" },
          { label: "Join", value: "Video call", href: "https://meet.example/x" },
        ],
        actionIntro: ["Need another time?"],
        actions: [
          { label: "Reschedule or cancel", url: "https://convene.example/m/abc" },
          { label: "Dropped", url: "javascript:alert(1)" },
        ],
      }),
    );
    expect(text).toBe(
      [
        "Hi Ada,",
        "First paragraph.",
        "What: Intro call\nNotes:\n  line one\n  line two\nJoin: Video call <https://meet.example/x>",
        "Need another time?",
        "Reschedule or cancel: https://convene.example/m/abc",
        "Sent by Convene: https://convene.example",
      ].join("\n\n") + "\n",
    );
  });
});

describe("renderHtml", () => {
  it("escapes every string of the layout, labels and URLs included", () => {
    const hostile = `<img src=x onerror="alert(1)">`;
    const html = renderHtml(
      layout({
        subject: hostile,
        greeting: hostile,
        paragraphs: [hostile],
        rows: [{ label: hostile, value: `${hostile}\n${hostile}`, href: `https://x.example/?q="><script>` }],
        actionIntro: [hostile],
        actions: [{ label: hostile, url: `https://x.example/?a=1&b="2"` }],
        footer: { text: hostile, url: null },
      }),
    );
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<script");
    expect(html).not.toContain('"alert');
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;<br>&lt;img");
    expect(html).toContain('href="https://x.example/?q=&quot;&gt;&lt;script&gt;"');
    expect(html).toContain('href="https://x.example/?a=1&amp;b=&quot;2&quot;"');
  });

  it("links web URLs only", () => {
    const html = renderHtml(
      layout({
        rows: [{ label: "Where", value: "javascript:alert(1)", href: "javascript:alert(1)" }],
        actions: [{ label: "Click", url: "javascript:alert(1)" }],
      }),
    );
    expect(html).not.toContain("href=\"javascript");
    expect(html).toContain(">javascript:alert(1)</td>");
    expect(html).not.toContain(">Click<");
  });

  it("is a complete document with the subject as its title", () => {
    const html = renderHtml(layout({ subject: "Confirmed: Intro call" }));
    expect(html.startsWith("<!doctype html>\n")).toBe(true);
    expect(html).toContain("<title>Confirmed: Intro call</title>");
    expect(html.trimEnd().endsWith("</html>")).toBe(true);
  });
});
