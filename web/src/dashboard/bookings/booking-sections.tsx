// The read-only parts of a booking's page: the invitee, their answers labelled
// by the link's questions, the history (who changed what, when) and the state
// of each email and of each host's calendar copy.
import { useQuery } from "@tanstack/react-query";
import { Fragment } from "react";
import { api, unwrap } from "../../api/client";
import { formatDateTime } from "../../lib/time";
import { Link } from "wouter";
import { calendarWriteView, showsAttempts } from "../calendars/calendar-model";
import { kindLabel, stateView } from "../deliveries/delivery-model";
import { StateBadge } from "../deliveries/state-badge";
import { STATUS_LABEL, type BookingDetail, type BookingStatus } from "./booking-model";

type Names = { meId: string; nameOf: (userId: string) => string | undefined };

export function InviteeCard({ booking, timeZone }: { booking: BookingDetail; timeZone: string }) {
  const isOtherZone = booking.invitee.timeZone !== timeZone;
  return (
    <section className="card stack" aria-labelledby="invitee-heading">
      <h2 id="invitee-heading">Invitee</h2>
      <dl className="facts">
        <dt>Name</dt>
        <dd>{booking.invitee.name}</dd>
        <dt>Email</dt>
        <dd>
          <a href={`mailto:${booking.invitee.email}`}>{booking.invitee.email}</a>
        </dd>
        <dt>Time zone</dt>
        <dd>
          {booking.invitee.timeZone.replaceAll("_", " ")}
          {isOtherZone && <span className="muted"> — {formatDateTime(booking.start, booking.invitee.timeZone)} for them</span>}
        </dd>
        {booking.guests.length > 0 && (
          <>
            <dt>Guests</dt>
            <dd>{booking.guests.join(", ")}</dd>
          </>
        )}
        {booking.notes && (
          <>
            <dt>Notes</dt>
            <dd>{booking.notes}</dd>
          </>
        )}
      </dl>
    </section>
  );
}

function answerText(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (Array.isArray(value)) return value.map(answerText).join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** templateId undefined: the link is still loading; null: the link asks no questions (or is gone). */
export function AnswersCard({ answers, templateId }: { answers: Record<string, unknown>; templateId: string | null | undefined }) {
  const template = useQuery({
    queryKey: ["lookup", "template", templateId],
    queryFn: () => unwrap(api.GET("/api/v1/templates/{id}", { params: { path: { id: templateId! } } })),
    enabled: Boolean(templateId),
    staleTime: 5 * 60_000,
  });
  const questions = template.data?.questions ?? [];
  const asked = questions.filter((question) => question.id in answers);
  // Answers to questions the template no longer has keep their key as the label.
  const orphans = Object.keys(answers).filter((key) => !questions.some((question) => question.id === key));
  if (asked.length === 0 && orphans.length === 0) return null;
  return (
    <section className="card stack" aria-labelledby="answers-heading">
      <h2 id="answers-heading">Answers</h2>
      <dl className="facts">
        {asked.map((question) => (
          <Fragment key={question.id}>
            <dt>{question.label}</dt>
            <dd>{answerText(answers[question.id])}</dd>
          </Fragment>
        ))}
        {orphans.map((key) => (
          <Fragment key={key}>
            <dt>{templateId === undefined || (templateId && template.isPending) ? "…" : key}</dt>
            <dd>{answerText(answers[key])}</dd>
          </Fragment>
        ))}
      </dl>
    </section>
  );
}

function actorName(actor: { type: string; id: string | null }, names: Names): string {
  switch (actor.type) {
    case "user":
      return actor.id === names.meId ? "you" : (names.nameOf(actor.id ?? "") ?? "a team member");
    case "api_key":
      return "an API key";
    case "invitee":
      return actor.id ? `the invitee (${actor.id})` : "the invitee";
    case "system":
      return "Convene";
    default:
      return "someone";
  }
}

type HistoryEntry = BookingDetail["history"][number];

function describe(entry: HistoryEntry, timeZone: string): { what: string; detail?: string } {
  const after = entry.newValues ?? {};
  const before = entry.oldValues ?? {};
  const at = (value: unknown) => (typeof value === "string" ? formatDateTime(value, timeZone) : "?");
  switch (entry.action) {
    case "created":
      return { what: "Booked", detail: typeof after.start === "string" ? `For ${at(after.start)}` : undefined };
    case "rescheduled":
      return { what: "Rescheduled", detail: `From ${at(before.start)} to ${at(after.start)}` };
    case "cancelled":
      return { what: "Cancelled", detail: typeof after.reason === "string" && after.reason ? `Reason: ${after.reason}` : "No reason given" };
    case "attendance":
      return { what: after.attendance === "showed" ? "Marked as showed up" : "Marked as no-show", detail: typeof before.status === "string" ? `Was: ${STATUS_LABEL[before.status as BookingStatus] ?? before.status}` : undefined };
    case "host_assigned":
      return { what: "Host assigned" };
    default:
      return { what: entry.action };
  }
}

export function HistoryCard({ history, timeZone, names }: { history: HistoryEntry[]; timeZone: string; names: Names }) {
  return (
    <section className="card stack" aria-labelledby="history-heading">
      <h2 id="history-heading">History</h2>
      <ol className="timeline">
        {history.map((entry) => {
          const { what, detail } = describe(entry, timeZone);
          return (
            <li key={entry.id}>
              <span className="what">{what}</span>
              {detail && <span>{detail}</span>}
              <span className="muted small">
                by {actorName(entry.actor, names)}, <time dateTime={entry.at}>{formatDateTime(entry.at, timeZone)}</time>
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

type NotificationEntry = BookingDetail["notifications"][number];

export function NotificationsCard({ notifications, timeZone }: { notifications: NotificationEntry[]; timeZone: string }) {
  return (
    <section className="card stack" aria-labelledby="notifications-heading">
      <h2 id="notifications-heading">Emails</h2>
      {notifications.length === 0 ? (
        <p className="muted">No emails for this booking.</p>
      ) : (
        <ul className="notification-list">
          {notifications.map((notification) => {
            const state = stateView(notification, timeZone);
            return (
              <li key={notification.id}>
                <span>
                  <strong>{kindLabel("email", notification.kind)}</strong>{" "}
                  <span className="muted small">to {notification.recipient.role === "host" ? `${notification.recipient.name} (host)` : `${notification.recipient.name} (invitee)`}</span>
                </span>
                <span className="small">
                  <StateBadge view={state} /> {state.detail && <span className="muted">{state.detail}</span>}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

type CalendarWriteEntry = BookingDetail["calendarWrites"][number];

/** Each host's copy of the booking in their own calendar: where it went, how far it got, what went wrong. */
/** isPlanning: a change of the booking is not planned yet, so the list may be about to grow. */
export function CalendarWritesCard({ writes, isPlanning, timeZone, names }: { writes: CalendarWriteEntry[]; isPlanning: boolean; timeZone: string; names: Names }) {
  const hostName = (userId: string) => (userId === names.meId ? "You" : (names.nameOf(userId) ?? "A team member"));
  return (
    <section className="card stack" aria-labelledby="calendar-writes-heading">
      <h2 id="calendar-writes-heading">Calendar</h2>
      {writes.length === 0 && isPlanning ? (
        <p className="muted">Working out which calendars to write this booking to…</p>
      ) : writes.length === 0 ? (
        <p className="muted">
          Not written to any calendar: no host has chosen a calendar for new bookings. <Link href="/calendars">Choose one on the Calendars page</Link>.
        </p>
      ) : (
        <ul className="notification-list calendar-write-list">
          {writes.map((write) => {
            const state = calendarWriteView(write, timeZone);
            // The last error shows for a failure and a retry alike: it is why the copy is not (yet) in the calendar.
            return (
              <li key={write.hostUserId}>
                <span>
                  <strong>{hostName(write.hostUserId)}</strong> <span className="muted small">{write.calendarName ? `“${write.calendarName}”` : "no calendar"}</span>
                </span>
                <span className="small">
                  <StateBadge view={state} /> {state.detail && <span className="muted">{state.detail}</span>}
                  {showsAttempts(write) ? <span className="muted"> · after {write.attempts} attempts</span> : null}
                </span>
                {write.lastError ? <span className="small error-detail calendar-write-error">Last error: {write.lastError}</span> : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
