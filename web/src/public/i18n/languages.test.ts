// The public pages' catalogues and how a page picks its language.
import { describe, expect, it } from "vitest";
import { en } from "./en";
import { CATALOGUES, chooseLanguage, LANGUAGES, localeFor } from "./languages";

/** Every leaf of a catalogue as "path" → sample text (functions called with sample arguments). */
function leaves(catalogue: object, prefix = ""): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    const path = `${prefix}${key}`;
    if (typeof value === "string") found.set(path, value);
    else if (typeof value === "function") found.set(path, String((value as (...args: unknown[]) => unknown)(2, "X", "Y")));
    else for (const [inner, text] of leaves(value as object, `${path}.`)) found.set(inner, text);
  }
  return found;
}

describe("catalogues", () => {
  const english = leaves(en);

  it.each(LANGUAGES)("%s has every key of the English catalogue, and nothing else", (language) => {
    expect([...leaves(CATALOGUES[language]).keys()].sort()).toEqual([...english.keys()].sort());
  });

  it.each(LANGUAGES.filter((language) => language !== "en"))("%s is translated: no text is left the same as the English", (language) => {
    // Words that read the same in both languages.
    const same = new Set(["minutesShort", "optional", "minutes"]);
    const untranslated = [...leaves(CATALOGUES[language])].filter(([path, text]) => !same.has(path) && text === english.get(path)).map(([path]) => path);
    expect(untranslated).toEqual([]);
  });

  it("uses the language's plural rules: French counts 0 and 1 as one, English only 1", () => {
    expect(CATALOGUES.fr.timesAvailable(0)).toBe("0 créneau disponible");
    expect(CATALOGUES.en.timesAvailable(0)).toBe("0 times available");
    expect(CATALOGUES.en.timesAvailable(1)).toBe("1 time available");
    expect(CATALOGUES.de.timesAvailable(1)).toBe("1 Zeit verfügbar");
    expect(CATALOGUES.es.timesAvailable(3)).toBe("3 horas disponibles");
    expect(CATALOGUES.fr.hours(2)).toBe("2 heures");
  });
});

describe("chooseLanguage", () => {
  it("takes ?lang= first, then the saved choice, then the browser's first language it has", () => {
    expect(chooseLanguage({ fromUrl: "fr", saved: "de", browser: ["es-ES"] })).toBe("fr");
    expect(chooseLanguage({ fromUrl: null, saved: "de", browser: ["es-ES"] })).toBe("de");
    expect(chooseLanguage({ fromUrl: null, saved: null, browser: ["ja-JP", "es-MX", "en"] })).toBe("es");
  });

  it("reads region tags and any case in the address, and skips what it does not have", () => {
    expect(chooseLanguage({ fromUrl: "FR-ca", saved: null, browser: [] })).toBe("fr");
    expect(chooseLanguage({ fromUrl: "klingon", saved: "nope", browser: ["ja"] })).toBe("en");
    expect(chooseLanguage({ fromUrl: "", saved: null, browser: ["de-AT"] })).toBe("de");
  });
});

describe("localeFor", () => {
  it("keeps the browser's regional variant of the chosen language, else the bare language", () => {
    expect(localeFor("fr", ["fr-CA", "en"])).toBe("fr-CA");
    expect(localeFor("en", ["de-DE", "en-US"])).toBe("en-US");
    expect(localeFor("de", ["en-GB"])).toBe("de");
  });
});
