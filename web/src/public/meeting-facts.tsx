// How a meeting reads to the invitee: its time range in their zone, its place,
// and the facts list shared by the confirmation and the manage page.
import type { ReactNode } from "react";
import { formatDate, formatTime } from "../lib/time";
import type { LinkPage } from "./public-api";
import { zoneLabel } from "../lib/time";

/** The kind of meeting only: a video room's address is for whoever books, in their confirmation. */
export function locationLabel(location: LinkPage["location"]): string {
  switch (location.type) {
    case "jitsi":
    case "meeting_url":
      return `${location.kind} — the link is in your invitation`;
    case "google_meet":
    case "teams":
      // The host's calendar makes the meeting within seconds of booking; the manage page shows its link as soon as it exists.
      return `${location.kind} — the link is in your invitation and on your booking page`;
    case "phone":
      return "Phone call";
    case "in_person":
      return "In person — the address is in your invitation";
    case "custom":
      return location.value ?? "Details in your invitation";
  }
}

/** "10:00 – 10:30" in the zone. */
export function timeRange(start: string, end: string, timeZone: string): string {
  return `${formatTime(start, timeZone)} – ${formatTime(end, timeZone)}`;
}

/** "Tuesday, 24 November 2026, 10:00 – 10:30". */
export function whenText(start: string, end: string, timeZone: string): string {
  return `${formatDate(start, timeZone)}, ${timeRange(start, end, timeZone)}`;
}

export function When({ start, end, timeZone }: { start: string; end: string; timeZone: string }) {
  return (
    <>
      <span className="when-date">{formatDate(start, timeZone)}</span>
      <br />
      <span className="when-time">{timeRange(start, end, timeZone)}</span> <span className="muted">{zoneLabel(timeZone, Date.parse(start))}</span>
    </>
  );
}

export function Facts({ items }: { items: [string, ReactNode][] }) {
  return (
    <dl className="facts">
      {items.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
