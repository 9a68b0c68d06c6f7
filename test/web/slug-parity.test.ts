// The dashboard shows the slug a title gives before saving; it must be the one
// the server would make (core/slug.ts), in every script the table covers.
import { expect, it } from "vitest";
import { slugify } from "../../src/core/slug.js";
import { slugFromTitle } from "../../web/src/lib/slug.js";

const TITLES = [
  "Intro call — 30 min!", "Café crème", "Straße", "Æble Øl Łódź Þór Œuvre ŋ ħ ı đ ð",
  "Встреча с клиентом", "Йога, ёлка", "Щука Жук Юля Эхо Ъ Ь Ы", "Київ Ґанок Єва Ї", "Ђорђе Љубав Њива Ћуп Џеп Ј ў",
  "Συνάντηση γνωριμίας", "Ψυχή ΐ ΰ ϊ ϋ ξ θ", "会议", "اجتماع 2", "x".repeat(80), "  --  ",
];

it("spells every title as the server does", () => {
  for (const title of TITLES) expect(slugFromTitle(title), title).toBe(slugify(title, 64));
});

it("covers every letter of the server's table", () => {
  // Each Cyrillic and Greek lower-case letter, one at a time, so a letter added on one side only fails here.
  const letters = [...Array.from({ length: 0x45f - 0x430 + 1 }, (_, i) => String.fromCodePoint(0x430 + i)), ...Array.from({ length: 0x3ce - 0x3ac + 1 }, (_, i) => String.fromCodePoint(0x3ac + i)), "ґ"];
  for (const letter of letters) expect(slugFromTitle(`a${letter}b`), letter).toBe(slugify(`a${letter}b`, 64));
});
