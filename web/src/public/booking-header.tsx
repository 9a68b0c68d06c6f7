// The top of the booking page: who, what, how long, where, and for a personal
// link whom it is for; the duration choice when the link offers several.
import { useId } from "react";
import { ThemeToggle } from "../components/theme-toggle";
import { formatDateTime } from "../lib/time";
import type { Messages } from "./i18n/en";
import { LanguageMenu, useI18n } from "./i18n/i18n";
import { ClockIcon, PlaceIcon } from "./icons";
import { locationLabel } from "./meeting-facts";
import type { LinkPage } from "./public-api";

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => word[0]!.toUpperCase())
    .join("");
}

export function durationLabel(durationMin: number, t: Messages): string {
  if (durationMin < 60 || durationMin % 30 !== 0) return t.minutesShort(durationMin);
  return t.hours(durationMin / 60);
}

type BookingHeaderProps = { page: LinkPage; durationMin: number; onDurationChange(durationMin: number): void; timeZone: string };

export function BookingHeader({ page, durationMin, onDurationChange, timeZone }: BookingHeaderProps) {
  const id = useId();
  const { locale, t } = useI18n();
  const { oneTime } = page;
  return (
    <header className="card booking-header">
      <div className="spread">
        <div className="row owner">
          <span className="avatar" aria-hidden="true">
            {initials(page.owner.name) || "?"}
          </span>
          <span className="muted">{page.owner.name}</span>
        </div>
        <div className="row page-controls">
          <LanguageMenu />
          <ThemeToggle />
        </div>
      </div>
      <h1>{page.title}</h1>
      <ul className="meta">
        <li>
          <ClockIcon />
          {durationLabel(durationMin, t)}
        </li>
        <li>
          <PlaceIcon />
          {locationLabel(page.location, t)}
        </li>
      </ul>
      {oneTime && (
        <div className="personal">
          <p>
            <span className="badge accent">{t.personalLink}</span> {t.personalFor(oneTime.prefill.name)}
            {oneTime.prefill.company ? `, ${oneTime.prefill.company}` : ""} · {t.validUntil(formatDateTime(oneTime.expiresAt, timeZone, locale))}
          </p>
          {oneTime.prefill.topic && (
            <p>
              <strong>{t.topic}</strong> {oneTime.prefill.topic}
            </p>
          )}
        </div>
      )}
      {page.description && <p className="description">{page.description}</p>}
      {page.durationsMin.length > 1 && (
        <fieldset className="durations">
          <legend className="label">{t.duration}</legend>
          <div className="segmented">
            {page.durationsMin.map((minutes) => (
              <label key={minutes}>
                <input type="radio" name={`${id}-duration`} value={minutes} checked={minutes === durationMin} onChange={() => onDurationChange(minutes)} />
                <span>{durationLabel(minutes, t)}</span>
              </label>
            ))}
          </div>
        </fieldset>
      )}
    </header>
  );
}
