// How a meeting reads to the invitee: its time range in their zone, its place,
// and the facts list shared by the booking page and the manage page.
import type { ReactNode } from "react";
import { formatDate, zoneLabel } from "../lib/time";
import type { Messages } from "./i18n/en";
import { useI18n } from "./i18n/i18n";
import { timeRange } from "./meeting-time";
import type { LinkPage } from "./public-api";

/** "Google Meet" from the server's English "Google Meet video call"; null for a plain video call. */
function videoService(kind: string): string | null {
  const service = kind.replace(/\s*video call$/i, "").trim();
  return service && service.toLowerCase() !== "video call" ? service : null;
}

/** The kind of meeting only: a video room's address is for whoever books, in their confirmation. */
export function locationLabel(location: LinkPage["location"], t: Messages): string {
  switch (location.type) {
    case "jitsi":
    case "meeting_url":
      return t.linkInInvitation(t.videoCall(videoService(location.kind)));
    case "google_meet":
    case "teams":
      // The host's calendar makes the meeting within seconds of booking; the manage page shows its link as soon as it exists.
      return t.linkInInvitationAndPage(t.videoCall(videoService(location.kind)));
    case "phone":
      return t.phoneCall;
    case "in_person":
      return t.inPersonAddressLater;
    case "custom":
      return location.value ?? t.detailsInInvitation;
  }
}

/** The words in front of a booked meeting's place, by its type (the server's label is English). */
export function placeTerm(type: string, t: Messages): string {
  if (type === "phone") return t.phone;
  if (type === "jitsi" || type === "meeting_url" || type === "google_meet" || type === "teams") return t.join;
  return t.where;
}

export function When({ start, end, timeZone }: { start: string; end: string; timeZone: string }) {
  const { locale, t } = useI18n();
  return (
    <>
      <span className="when-date">{formatDate(start, timeZone, locale)}</span>
      <br />
      <span className="when-time">{timeRange(start, end, timeZone, locale, t)}</span> <span className="muted">{zoneLabel(timeZone, Date.parse(start))}</span>
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
