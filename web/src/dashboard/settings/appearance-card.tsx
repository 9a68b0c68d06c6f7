// Light, dark or the system's theme, the same choice as the header's toggle.
import { chooseTheme, useTheme, type Theme } from "../../components/theme-toggle";

const CHOICES: { value: Theme; label: string }[] = [
  { value: "system", label: "Same as the system" },
  { value: "light", label: "Light" },
  { value: "dark", label: "Dark" },
];

export function AppearanceCard() {
  const theme = useTheme();
  return (
    <section className="card stack" aria-labelledby="appearance-heading">
      <h2 id="appearance-heading">Appearance</h2>
      <fieldset className="theme-choices">
        <legend className="muted small">Theme on this device</legend>
        {CHOICES.map((choice) => (
          <label key={choice.value} className="check">
            <input type="radio" name="theme" value={choice.value} checked={theme === choice.value} onChange={() => chooseTheme(choice.value)} />
            {choice.label}
          </label>
        ))}
      </fieldset>
    </section>
  );
}
