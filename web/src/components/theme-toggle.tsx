// Light, dark or the system's choice; remembered in localStorage and applied
// before first paint by the script in index.html. Every control that shows the
// theme (the header toggle, the settings page) reads it through useTheme, so
// they stay in step.
import { useSyncExternalStore } from "react";

export type Theme = "system" | "light" | "dark";
const NEXT: Record<Theme, Theme> = { system: "light", light: "dark", dark: "system" };
const CHANGED = "convene:theme";

function savedTheme(): Theme {
  try {
    const saved = localStorage.getItem("convene.theme");
    return saved === "light" || saved === "dark" ? saved : "system";
  } catch {
    return "system";
  }
}

export function chooseTheme(next: Theme) {
  try {
    if (next === "system") localStorage.removeItem("convene.theme");
    else localStorage.setItem("convene.theme", next);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  if (next === "system") delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = next;
  window.dispatchEvent(new Event(CHANGED));
}

function subscribe(onChange: () => void) {
  window.addEventListener(CHANGED, onChange);
  window.addEventListener("storage", onChange);
  return () => {
    window.removeEventListener(CHANGED, onChange);
    window.removeEventListener("storage", onChange);
  };
}

function currentTheme(): Theme {
  const applied = document.documentElement.dataset.theme;
  return applied === "light" || applied === "dark" ? applied : savedTheme();
}

export function useTheme(): Theme {
  return useSyncExternalStore(subscribe, currentTheme, () => "system");
}

export function ThemeToggle() {
  const theme = useTheme();
  return (
    <button type="button" className="button small ghost" onClick={() => chooseTheme(NEXT[theme])} aria-label={`Theme: ${theme}. Change theme`}>
      {theme === "dark" ? "☾" : theme === "light" ? "☀" : "◐"}
    </button>
  );
}
