import { describe, expect, it } from "vitest";
import { grantsCreateContacts, rankSuggestions, type Suggestion } from "./suggestions.js";

const g = (name: string, email: string): Suggestion => ({ name, email, source: "google" });
const m = (name: string, email: string): Suggestion => ({ name, email, source: "microsoft" });

describe("rankSuggestions", () => {
  it("keeps one entry per address, whatever its case, the first provider's", () => {
    expect(rankSuggestions("ada", [[g("Ada L", "Ada@Example.com")], [m("Ada Lovelace", "ada@example.com")]])).toEqual([g("Ada L", "Ada@Example.com")]);
  });

  it("lends a duplicate's name to an entry that had none", () => {
    expect(rankSuggestions("ada", [[g("", "ada@example.com")], [m("Ada Lovelace", "ADA@example.com")]])).toEqual([g("Ada Lovelace", "ada@example.com")]);
  });

  it("puts names and addresses that start with the query first, then word starts, then the rest, each in provider order", () => {
    const ranked = rankSuggestions("ada", [
      [g("Grace Adams", "grace@example.com"), g("Zed", "zed@example.com")],
      [m("Ada Lovelace", "lovelace@example.com"), m("Someone", "adam@example.com")],
    ]);
    expect(ranked.map((s) => s.email)).toEqual(["lovelace@example.com", "adam@example.com", "grace@example.com", "zed@example.com"]);
  });

  it("interleaves providers and stops at the limit", () => {
    const many = (source: (n: string, e: string) => Suggestion, prefix: string) => Array.from({ length: 8 }, (_, i) => source(`Ada ${prefix}${i}`, `ada.${prefix}${i}@example.com`));
    const ranked = rankSuggestions("ada", [many(g, "g"), many(m, "m")], 10);
    expect(ranked).toHaveLength(10);
    expect(ranked.filter((s) => s.source === "microsoft")).toHaveLength(5);
  });

  it("drops entries without an address", () => {
    expect(rankSuggestions("ada", [[g("Ada", " ")]])).toEqual([]);
  });
});

describe("grantsCreateContacts", () => {
  it("needs Google's contacts scope, not only the read-only ones", () => {
    expect(grantsCreateContacts("google", ["https://www.googleapis.com/auth/contacts.readonly"])).toBe(false);
    expect(grantsCreateContacts("google", ["https://www.googleapis.com/auth/contacts"])).toBe(true);
  });

  it("reads Microsoft scopes with or without the Graph prefix, in any case", () => {
    expect(grantsCreateContacts("microsoft", ["People.Read", "Calendars.ReadWrite"])).toBe(false);
    expect(grantsCreateContacts("microsoft", ["https://graph.microsoft.com/contacts.readwrite"])).toBe(true);
    expect(grantsCreateContacts("microsoft", ["Contacts.ReadWrite"])).toBe(true);
  });
});
