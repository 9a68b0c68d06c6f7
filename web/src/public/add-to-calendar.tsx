// Ways to put a booked meeting into the invitee's calendar: the .ics file from
// the manage API, and Google Calendar's event template link.
import { useI18n } from "./i18n/i18n";
import { CalendarIcon } from "./icons";
import { icsPath } from "./public-api";

/** "2026-12-01T14:00:00.000Z" → "20261201T140000Z" (iCalendar's UTC basic format). */
export function utcBasic(instant: string): string {
  return new Date(instant).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

export function googleCalendarUrl(event: { title: string; start: string; end: string; details: string; location?: string | null }): string {
  const params = new URLSearchParams({ action: "TEMPLATE", text: event.title, dates: `${utcBasic(event.start)}/${utcBasic(event.end)}`, details: event.details });
  if (event.location) params.set("location", event.location);
  return `https://calendar.google.com/calendar/render?${params.toString()}`;
}

type AddToCalendarProps = { manageToken: string; title: string; start: string; end: string; manageUrl: string; location?: string | null };

export function AddToCalendar({ manageToken, title, start, end, manageUrl, location }: AddToCalendarProps) {
  const { t } = useI18n();
  const google = googleCalendarUrl({ title, start, end, location, details: t.calendarDetails(manageUrl) });
  return (
    <div className="add-to-calendar">
      <h3>{t.addToCalendar}</h3>
      <div className="row">
        <a className="button" href={icsPath(manageToken)} download="meeting.ics">
          <CalendarIcon /> {t.downloadIcs}
        </a>
        <a className="button" href={google} target="_blank" rel="noopener noreferrer">
          Google Calendar<span className="visually-hidden">{t.opensInNewTab}</span>
        </a>
      </div>
    </div>
  );
}
