import { describe, expect, it } from "vitest";
import { companyDomainOf, suggestLeads, suggestionKeysOf } from "./lead-suggestions.js";

const lead = (id: string, name: string | null, emailKey: string, company: string | null = null, createdAtMs = 0) => ({ id, name, company, emailKey, createdAtMs });

describe("lead suggestions", () => {
  it("takes a company domain, never a public mail domain", () => {
    expect(companyDomainOf(" Ada@Acme.IO ")).toBe("acme.io");
    expect(companyDomainOf("ada@gmail.com")).toBeNull();
    expect(companyDomainOf("ada@outlook.com")).toBeNull();
    expect(companyDomainOf("not-an-address")).toBeNull();
    expect(suggestionKeysOf({ email: "x@hotmail.com", name: "  Ada   Lovelace " })).toEqual({ name: "ada lovelace", domain: null });
  });

  it("ranks same name and company, then same name, then same domain, newest first within a rank", () => {
    const candidates = [
      lead("domain-old", "Someone", "someone@acme.io", null, 1),
      lead("name-only", "Ada Lovelace", "ada@elsewhere.org", null, 5),
      lead("domain-new", "Other", "other@acme.io", null, 9),
      lead("name-company", "ada lovelace", "a.lovelace@gmail.com", "Acme", 2),
      lead("unrelated", "Bob", "bob@gmail.com", "Acme", 3),
    ];
    expect(suggestLeads({ email: "ada@acme.io", name: "Ada Lovelace", company: "ACME" }, candidates)).toEqual([
      { leadId: "name-company", reason: "name_and_company" },
      { leadId: "name-only", reason: "name" },
      { leadId: "domain-new", reason: "domain" },
      { leadId: "domain-old", reason: "domain" },
    ]);
  });

  it("suggests nobody by a public domain, and never the attendee's own address", () => {
    const candidates = [lead("gmail-user", "Bob", "bob@gmail.com"), lead("same", "Carl", "carl@gmail.com")];
    expect(suggestLeads({ email: "carl@gmail.com", name: "Carl" }, candidates)).toEqual([]);
  });

  it("caps the list", () => {
    const many = Array.from({ length: 9 }, (_, i) => lead(`l${i}`, null, `p${i}@acme.io`, null, i));
    expect(suggestLeads({ email: "x@acme.io", name: null }, many).map((s) => s.leadId)).toEqual(["l8", "l7", "l6", "l5", "l4"]);
  });
});
