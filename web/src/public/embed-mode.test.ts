import { describe, expect, it } from "vitest";
import { embedRequestOf, eventTarget, prefillOf, utmQueryOf } from "./embed-mode";

describe("embedRequestOf", () => {
  it("reads embed=1 and a bare parent origin", () => {
    expect(embedRequestOf("?embed=1&parent=https%3A%2F%2Fwww.example.com")).toEqual({ isEmbedded: true, parentOrigin: "https://www.example.com" });
    expect(embedRequestOf("?embed=1&parent=https%3A%2F%2Fwww.example.com%2Fpath")).toEqual({ isEmbedded: true, parentOrigin: null });
    expect(embedRequestOf("?parent=nonsense")).toEqual({ isEmbedded: false, parentOrigin: null });
  });
});

describe("eventTarget", () => {
  const request = { isEmbedded: true, parentOrigin: "https://www.example.com" };
  it("posts only to the named parent, only when the organisation allows it and the page is framed", () => {
    expect(eventTarget(request, ["https://www.example.com"], true, "https://book.example")).toBe("https://www.example.com");
    expect(eventTarget(request, ["https://other.example"], true, "https://book.example")).toBeNull();
    expect(eventTarget(request, ["https://www.example.com"], false, "https://book.example")).toBeNull();
    expect(eventTarget({ ...request, isEmbedded: false }, ["https://www.example.com"], true, "https://book.example")).toBeNull();
    expect(eventTarget({ isEmbedded: true, parentOrigin: null }, ["https://www.example.com"], true, "https://book.example")).toBeNull();
  });
});

describe("prefill and UTM from the address", () => {
  it("takes the known parameters only", () => {
    expect(prefillOf("?name=%20Pat%20&email=pat%40x.example&lead=l1&company=")).toEqual({ name: "Pat", email: "pat@x.example" });
    expect(utmQueryOf("?utm_source=news&utm_medium=&x=1&utm_campaign=spring")).toEqual({ utm_source: "news", utm_campaign: "spring" });
  });
});
