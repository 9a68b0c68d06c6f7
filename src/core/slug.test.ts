import { describe, expect, it } from "vitest";
import { SLUG_PATTERN } from "./booking/link-options.js";
import { slugify, transliterate } from "./slug.js";

describe("slugify", () => {
  it("keeps plain Latin titles as they were slugged before", () => {
    expect(slugify("Intro call — 30 min!", 64)).toBe("intro-call-30-min");
    expect(slugify("  --Café  crème--  ", 64)).toBe("cafe-creme");
  });

  it("spells letters NFKD leaves alone", () => {
    expect(slugify("Straße", 64)).toBe("strasse");
    expect(slugify("Æble Øl Łódź Þór Œuvre", 64)).toBe("aeble-ol-lodz-thor-oeuvre");
  });

  it("transliterates Cyrillic, keeping й and ё apart from и and е", () => {
    expect(slugify("Встреча с клиентом", 64)).toBe("vstrecha-s-klientom");
    expect(slugify("Йога, ёлка", 64)).toBe("yoga-elka");
    expect(slugify("Щука Жук Юля", 64)).toBe("shchuka-zhuk-yulya");
    expect(slugify("Київ Ґанок", 64)).toBe("kiyiv-ganok");
  });

  it("transliterates Greek with or without accents", () => {
    expect(slugify("Συνάντηση γνωριμίας", 64)).toBe("synantisi-gnorimias");
    expect(slugify("Ψυχή", 64)).toBe("psychi");
  });

  it("gives nothing for scripts without a table, so the caller can ask", () => {
    expect(slugify("会议", 64)).toBe("");
    expect(slugify("اجتماع", 64)).toBe("");
    expect(slugify("会议 2026", 64)).toBe("2026");
  });

  it("cuts to the length without a trailing dash and always fits the slug rule", () => {
    expect(slugify("a".repeat(63) + " b", 64)).toBe("a".repeat(63));
    for (const title of ["Встреча", "Συνάντηση", "Straße 1", "x".repeat(100), "-a-", "Ökonomie & Ölpreis"]) {
      const slug = slugify(title, 64);
      expect(slug, title).toMatch(SLUG_PATTERN);
    }
  });

  it("leaves text it cannot spell as it was", () => {
    expect(transliterate("Tag 会议")).toBe("tag 会议");
  });
});
