import { describe, expect, it } from "vitest";
import { embedSnippet } from "./embed-snippet-model";

const URL_ = "https://book.example/ada/intro";

describe("embedSnippet", () => {
  it("inline: a marked element and the script from the link's own server", () => {
    expect(embedSnippet(URL_, { mode: "inline", prefill: [], label: "" })).toBe(
      `<div data-convene-inline data-url="https://book.example/ada/intro"></div>\n<script src="https://book.example/embed.js" async></script>`,
    );
  });
  it("popup: a button with its label (escaped) and the chosen prefill", () => {
    const snippet = embedSnippet(URL_, { mode: "popup", prefill: ["email", "utm"], label: "Talk <to> us" });
    expect(snippet).toContain(`<button type="button" data-convene-popup data-url="${URL_}" data-email="visitor@example.com" data-utm-source="website" data-utm-medium="embed" data-utm-campaign="spring">Talk &lt;to> us</button>`);
  });
  it("floating: the script tag itself carries the button", () => {
    expect(embedSnippet(URL_, { mode: "floating", prefill: ["name"], label: 'Say "hi"' })).toBe(
      `<script src="https://book.example/embed.js" data-convene-floating data-url="${URL_}" data-name="Visitor Name" data-label="Say &quot;hi&quot;" async></script>`,
    );
  });
});
