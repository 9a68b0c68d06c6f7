// One link in the list: title, durations, state, its booking address with a
// copy button, and the everyday actions (on/off, edit, duplicate, delete).
import { useState } from "react";
import { Link } from "wouter";
import { CopyButton } from "../../components/copy-button";
import { useToday } from "../../lib/use-today";
import { areDatesOver } from "./wizard/draft-rules";
import { durationsLabel, locationLabel } from "./link-format";
import type { Link as BookingLink } from "./link-api";

export function displayUrl(url: string): string {
  return url.replace(/^https?:\/\//, "");
}

/**
 * A switch button rather than a checkbox: it stays focused while the change is
 * saved (aria-disabled, not disabled). It moves as soon as it is pressed; the
 * link's saved state takes over again once it changes (or the change fails).
 */
export function ActiveSwitch({ link, isBusy, onChange }: { link: BookingLink; isBusy: boolean; onChange(isActive: boolean): void }) {
  const [pressed, setPressed] = useState<boolean | null>(null);
  const [savedState, setSavedState] = useState(link.isActive);
  const [wasBusy, setWasBusy] = useState(isBusy);
  if (savedState !== link.isActive || wasBusy !== isBusy) {
    setSavedState(link.isActive);
    setWasBusy(isBusy);
    if (savedState !== link.isActive || !isBusy) setPressed(null);
  }
  const isOn = pressed ?? link.isActive;
  return (
    <button
      type="button"
      role="switch"
      className="switch"
      aria-checked={isOn}
      aria-disabled={isBusy || undefined}
      onClick={() => {
        if (isBusy) return;
        setPressed(!isOn);
        onChange(!isOn);
      }}
    >
      <span className="switch-track" aria-hidden="true" />
      <span>
        Taking bookings<span className="visually-hidden"> for {link.title}</span>
      </span>
    </button>
  );
}

export function LinkCard({
  link,
  isBusy,
  onSetActive,
  onDuplicate,
  onDelete,
}: {
  link: BookingLink;
  isBusy: boolean;
  onSetActive(isActive: boolean): void;
  onDuplicate(): void;
  onDelete(): void;
}) {
  const isOver = areDatesOver(link.rangeEndDate, useToday(link.timeZone));
  return (
    <li className="card link-card" data-active={link.isActive}>
      <div className="link-card-head">
        <h2 className="link-card-title">
          <Link href={`/links/${link.id}`}>{link.title}</Link>
        </h2>
        <LinkStateBadge link={link} isOver={isOver} />
      </div>
      <p className="muted small link-card-meta">
        {durationsLabel(link.durationsMin)} · {locationLabel(link.location)}
      </p>
      {isOver ? <DatesOverNote link={link} /> : null}
      <div className="link-url">
        <a href={link.bookingUrl} target="_blank" rel="noreferrer" className="link-url-text">
          {displayUrl(link.bookingUrl)}
          <span className="visually-hidden"> (opens in a new tab)</span>
        </a>
        <CopyButton text={link.bookingUrl} context={`of ${link.title}`} />
      </div>
      <div className="link-card-foot">
        <ActiveSwitch link={link} isBusy={isBusy} onChange={onSetActive} />
        <div className="row link-card-actions">
          <Link href={`/links/${link.id}/edit`} className="button small">
            Edit<span className="visually-hidden"> {link.title}</span>
          </Link>
          <button type="button" className="button small" onClick={onDuplicate} disabled={isBusy}>
            Duplicate<span className="visually-hidden"> {link.title}</span>
          </button>
          <button type="button" className="button small danger" onClick={onDelete} disabled={isBusy}>
            Delete<span className="visually-hidden"> {link.title}</span>
          </button>
        </div>
      </div>
    </li>
  );
}

/** Active, Off, or — for a link taking bookings whose campaign dates have passed — that nobody can book it. */
export function LinkStateBadge({ link, isOver }: { link: BookingLink; isOver: boolean }) {
  if (link.isActive && isOver) return <span className="badge warning">Dates over</span>;
  return <span className={`badge ${link.isActive ? "success" : ""}`}>{link.isActive ? "Active" : "Off"}</span>;
}

export function DatesOverNote({ link }: { link: BookingLink }) {
  return (
    <p className="small dates-over-note" role="note">
      This link's dates are over (the last was {link.rangeEndDate}): nobody can book it. <Link href={`/links/${link.id}/edit?step=limits`}>Change the dates</Link>
    </p>
  );
}
