// The public pages' language as React context: the catalogue (`t`), the locale
// dates are formatted in, and the invitee's choice, which is remembered. The
// dashboard renders outside the provider and so stays English with the
// browser's own date format.
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { en, type Messages } from "./en";
import { CATALOGUES, chooseLanguage, isLanguage, LANGUAGE_PARAM, LANGUAGE_STORAGE_KEY, LANGUAGES, localeFor, type Language } from "./languages";

export type I18n = {
  language: Language;
  /** For Intl; undefined outside the public pages (the browser's own). */
  locale: string | undefined;
  t: Messages;
  setLanguage(language: Language): void;
};

const I18nContext = createContext<I18n>({ language: "en", locale: undefined, t: en, setLanguage: () => {} });

export function useI18n(): I18n {
  return useContext(I18nContext);
}

function readSaved(): string | null {
  try {
    return localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch {
    return null;
  }
}

function initialLanguage(): Language {
  return chooseLanguage({ fromUrl: new URLSearchParams(window.location.search).get(LANGUAGE_PARAM), saved: readSaved(), browser: navigator.languages ?? [navigator.language] });
}

export function PublicI18n({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState(initialLanguage);
  const value = useMemo<I18n>(() => {
    const setLanguage = (next: Language) => {
      try {
        localStorage.setItem(LANGUAGE_STORAGE_KEY, next);
      } catch {
        // Private mode: the choice lasts for this page only.
      }
      // The address must not overrule the choice on reload.
      const url = new URL(window.location.href);
      if (url.searchParams.has(LANGUAGE_PARAM)) {
        url.searchParams.delete(LANGUAGE_PARAM);
        history.replaceState(history.state, "", url);
      }
      setLanguageState(next);
    };
    return { language, locale: localeFor(language, navigator.languages ?? [navigator.language]), t: CATALOGUES[language], setLanguage };
  }, [language]);

  useEffect(() => {
    // Screen readers pick their voice from it; the dashboard is English again after.
    document.documentElement.lang = language;
    return () => {
      document.documentElement.lang = "en";
    };
  }, [language]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The small language menu in a public page's corner, each language in its own name. */
export function LanguageMenu() {
  const { language, t, setLanguage } = useI18n();
  return (
    <select className="language-menu" aria-label={t.language} value={language} onChange={(event) => isLanguage(event.target.value) && setLanguage(event.target.value)}>
      {LANGUAGES.map((code) => (
        <option key={code} value={code} lang={code}>
          {CATALOGUES[code].languageName}
        </option>
      ))}
    </select>
  );
}
