// Which language the public pages speak: `?lang=` in the address, else the
// invitee's own choice from the language menu (kept in localStorage), else the
// first of the browser's languages we have, else English. Pure, so it is tested
// without a browser.
import { de } from "./de";
import { en, type Messages } from "./en";
import { es } from "./es";
import { fr } from "./fr";

export const CATALOGUES = { en, fr, de, es } satisfies Record<string, Messages>;
export type Language = keyof typeof CATALOGUES;
export const LANGUAGES = Object.keys(CATALOGUES) as Language[];
export const LANGUAGE_STORAGE_KEY = "convene.language";
export const LANGUAGE_PARAM = "lang";

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && Object.hasOwn(CATALOGUES, value);
}

/** "fr-CA" → "fr"; "" and odd tags → "". */
function baseOf(tag: string): string {
  return tag.trim().toLowerCase().split(/[-_]/)[0] ?? "";
}

export function chooseLanguage(sources: { fromUrl: string | null; saved: string | null; browser: readonly string[] }): Language {
  const fromUrl = sources.fromUrl === null ? null : baseOf(sources.fromUrl);
  if (isLanguage(fromUrl)) return fromUrl;
  if (isLanguage(sources.saved)) return sources.saved;
  return sources.browser.map(baseOf).find(isLanguage) ?? "en";
}

/**
 * The locale dates are written in: the browser's own variant of the language
 * when it lists one (fr-CA writes dates unlike fr-FR, en-US unlike en-GB), else
 * the bare language, so a French page never shows English month names.
 */
export function localeFor(language: Language, browser: readonly string[]): string {
  const variant = browser.find((tag) => baseOf(tag) === language);
  if (variant) {
    try {
      return Intl.getCanonicalLocales(variant)[0] ?? language;
    } catch {
      // A malformed tag: the bare language will do.
    }
  }
  return language;
}
