// One calendar connection: its name, where it connects, a health badge, how
// fresh its busy time is (with a warning when it may be out of date), whether
// changes are pushed or polled (and why push is off), each of its calendars
// with "Blocks my time" and "New bookings go here", and the buttons to sync
// now and to disconnect; for Google and Microsoft, whether new invitees
// become contacts.
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { api, unwrap } from "../../api/client";
import { ErrorText } from "../../components/notice";
import { formatDateTime } from "../../lib/time";
import { useNow } from "../../lib/use-now";
import { ContactsToggle } from "./contacts-toggle";
import {
  applyChoice,
  calendarColor,
  CALENDARS_KEY,
  freshness,
  HEALTH,
  oauthConnectHref,
  oauthProviderOf,
  PROVIDER_LABEL,
  syncOutcome,
  type CalendarChoice,
  type ConnectedCalendar,
  type Connection,
} from "./calendar-model";
import { syncModeView } from "./sync-mode";

type Props = {
  connection: Connection;
  /** When the list was fetched (ms): the busy time's age counts on from the server's answer. */
  fetchedAtMs: number;
  timeZone: string;
  /** Just connected: the card takes the focus, so the owner sees where it went. */
  shouldFocus: boolean;
  onDisconnect: () => void;
};

export function ConnectionCard({ connection, fetchedAtMs, timeZone, shouldFocus, onDisconnect }: Props) {
  const nowMs = useNow(30_000);
  const queryClient = useQueryClient();
  const [isSyncing, setSyncing] = useState(false);
  const [outcome, setOutcome] = useState<{ text: string; isError: boolean } | null>(null);
  const [choosing, setChoosing] = useState<CalendarChoice | null>(null);
  const [error, setError] = useState<unknown>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const headingId = useId();

  useEffect(() => {
    if (shouldFocus) heading.current?.focus();
  }, [shouldFocus]);

  const fresh = freshness(connection, Math.max(0, nowMs - fetchedAtMs), timeZone);
  const health = isSyncing ? HEALTH.pending : HEALTH[connection.status];
  const oauthProvider = oauthProviderOf(connection);
  const mode = syncModeView(connection);
  const calendars = choosing ? applyChoice([connection], choosing)[0]!.calendars : connection.calendars;

  const replace = (updated: Connection) => queryClient.setQueryData<Connection[]>(CALENDARS_KEY, (current) => (current ?? []).map((item) => (item.id === updated.id ? updated : item)));

  const syncNow = async () => {
    setSyncing(true);
    setOutcome(null);
    setError(null);
    try {
      const synced = await unwrap(api.POST("/api/v1/calendars/{connectionId}/sync", { params: { path: { connectionId: connection.id } } }));
      replace(synced);
      setOutcome(syncOutcome(synced));
    } catch (cause) {
      setError(cause);
    } finally {
      setSyncing(false);
    }
  };

  // Shown at once (a checkbox must answer its click: `choosing` renders in the same event), put back if the server refuses.
  const change = async (choice: CalendarChoice) => {
    setChoosing(choice);
    setError(null);
    setOutcome(null);
    await queryClient.cancelQueries({ queryKey: CALENDARS_KEY });
    const before = queryClient.getQueryData<Connection[]>(CALENDARS_KEY);
    queryClient.setQueryData<Connection[]>(CALENDARS_KEY, (current) => applyChoice(current ?? [], choice));
    try {
      replace(await unwrap(api.PATCH("/api/v1/calendars/{connectionId}", { params: { path: { connectionId: connection.id } }, body: { calendars: [choice] } })));
    } catch (cause) {
      queryClient.setQueryData(CALENDARS_KEY, before);
      setError(cause);
    } finally {
      setChoosing(null);
    }
  };

  return (
    <article className={`card connection-card status-${connection.status}`} aria-labelledby={headingId}>
      <header className="connection-head">
        <div className="connection-title">
          <h3 id={headingId} ref={heading} tabIndex={-1}>
            {connection.label}
          </h3>
          <p className="muted small connection-where">
            {PROVIDER_LABEL[connection.provider]} · <span className="connection-server">{connection.serverUrl}</span>
            {connection.username ? <> · {connection.username}</> : null}
          </p>
        </div>
        <span className={`badge health-badge ${health.tone}`}>{health.label}</span>
      </header>

      <p className="small connection-freshness">
        {connection.lastSyncedAt ? (
          <time dateTime={connection.lastSyncedAt} title={formatDateTime(connection.lastSyncedAt, timeZone)}>
            {fresh.summary}
          </time>
        ) : (
          fresh.summary
        )}
        {connection.provider === "ics" ? <span className="muted"> · read-only feed: its events block time, Convene never writes to it</span> : null}
      </p>
      <p className="small connection-mode">
        <span className={`badge ${mode.tone === "muted" ? "" : mode.tone}`}>{mode.label}</span>
        {mode.detail ? <span className={mode.tone === "warning" ? "" : "muted"}> {mode.detail}</span> : null}
      </p>
      {fresh.warning ? (
        <p className="connection-warning small" role="note">
          {fresh.warning}
        </p>
      ) : null}

      {calendars.length === 0 ? (
        <p className="muted small">No calendars found in this account.</p>
      ) : (
        <ul className="calendar-list" aria-label={`Calendars in ${connection.label}`}>
          {calendars.map((calendar) => (
            <CalendarRow key={calendar.id} calendar={calendar} isDisabled={choosing !== null || isSyncing} onChange={change} />
          ))}
        </ul>
      )}

      <ContactsToggle connection={connection} isDisabled={choosing !== null || isSyncing} onUpdated={replace} />

      <div className="connection-actions">
        {connection.status === "needs_reconnect" && oauthProvider ? (
          <a className="button small primary" href={oauthConnectHref(oauthProvider, connection.id)}>
            Reconnect<span className="visually-hidden"> {connection.label}</span>
          </a>
        ) : null}
        <button type="button" className="button small" onClick={syncNow} disabled={isSyncing}>
          {isSyncing ? "Syncing…" : "Sync now"}
        </button>
        <button type="button" className="button small danger" onClick={onDisconnect}>
          Disconnect<span className="visually-hidden"> {connection.label}</span>
        </button>
      </div>
      <p className={`small live ${outcome?.isError ? "error-text" : "success-text"}`} role="status">
        {outcome?.text ?? ""}
      </p>
      <ErrorText error={error} />
    </article>
  );
}

function CalendarRow({ calendar, isDisabled, onChange }: { calendar: ConnectedCalendar; isDisabled: boolean; onChange: (choice: CalendarChoice) => void }) {
  const nameId = useId();
  const readOnlyId = useId();
  const color = calendarColor(calendar.color);
  return (
    <li>
      <div className="calendar-row" role="group" aria-labelledby={nameId}>
        <span className="calendar-name">
          <span className="calendar-swatch" style={color ? { background: color } : undefined} aria-hidden="true" />
          <span id={nameId}>{calendar.name}</span>
          {calendar.readOnly ? (
            <span className="badge" id={readOnlyId}>
              read-only
            </span>
          ) : null}
        </span>
        <label className="check calendar-choice">
          <input type="checkbox" checked={calendar.isConflict} disabled={isDisabled} onChange={(event) => onChange({ id: calendar.id, isConflict: event.target.checked })} />
          Blocks my time
        </label>
        <label className={`check calendar-choice${calendar.readOnly ? " is-unavailable" : ""}`}>
          <input
            type="radio"
            name="destination-calendar"
            checked={calendar.isDestination}
            disabled={isDisabled || calendar.readOnly}
            aria-describedby={calendar.readOnly ? readOnlyId : undefined}
            onChange={(event) => {
              if (event.target.checked) onChange({ id: calendar.id, isDestination: true });
            }}
          />
          New bookings go here
        </label>
      </div>
    </li>
  );
}
