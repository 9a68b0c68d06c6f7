// Light, dark or the system's choice; remembered in localStorage and applied
// before first paint by the script in index.html.
import { useState } from "react";

type Theme = "system" | "light" | "dark";
const NEXT: Record<Theme, Theme> = { system: "light", light: "dark", dark: "system" };

function savedTheme(): Theme {
  try {
    const saved = localStorage.getItem("convene.theme");
    return saved === "light" || saved === "dark" ? saved : "system";
  } catch {
    return "system";
  }
}

export function ThemeToggle() {
  const [theme, setTheme] = useState<Theme>(savedTheme);
  const choose = (next: Theme) => {
    setTheme(next);
    try {
      if (next === "system") localStorage.removeItem("convene.theme");
      else localStorage.setItem("convene.theme", next);
    } catch {
      // Private mode: the choice lasts for this page only.
    }
    if (next === "system") delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = next;
  };
  return (
    <button type="button" className="button small ghost" onClick={() => choose(NEXT[theme])} aria-label={`Theme: ${theme}. Change theme`}>
      {theme === "dark" ? "☾" : theme === "light" ? "☀" : "◐"}
    </button>
  );
}
