// The Calendars page: the owner's calendar connections as cards (health, how
// fresh the busy time is, which calendars block time and which one receives
// new bookings, sync now, disconnect), and the forms to connect a CalDAV
// account or add an ICS feed, or to connect Google or Microsoft by consent.
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { api, unwrap } from "../../api/client";
import { ConfirmDialog } from "../../components/dialog";
import { ErrorText } from "../../components/notice";
import { ListSkeleton } from "../../components/skeleton";
import { useOwner } from "../session";
import { useCalendarConnections } from "./calendar-api";
import { CALENDARS_KEY, destinationOf, type Connection } from "./calendar-model";
import { CalDavForm, IcsFeedForm } from "./connect-forms";
import { ConnectionCard } from "./connection-card";
import { OAuthConnectButtons, OAuthOutcome } from "./oauth-connect";
import { TeamConnections } from "./team-connections";
import "./calendars.css";

export default function CalendarsPage() {
  const { user } = useOwner();
  const queryClient = useQueryClient();
  const connections = useCalendarConnections();
  const [message, setMessage] = useState("");
  const [focusId, setFocusId] = useState<string | null>(null);
  const [disconnecting, setDisconnecting] = useState<Connection | null>(null);
  const shouldFocusList = useRef(false);
  const listHeading = useRef<HTMLHeadingElement>(null);
  // Owners and admins also see their colleagues' connections (to help one that needs reconnecting); only the user changes theirs.
  const items = (connections.data ?? []).filter((connection) => connection.user.id === user.id);
  const colleagues = (connections.data ?? []).filter((connection) => connection.user.id !== user.id);
  const focusConnection = useCallback((connectionId: string) => setFocusId(connectionId), []);

  // After a disconnect the card and the button that opened the dialog are gone: the list's heading
  // takes the focus once the dialog has closed (the dialog's own effect runs first, being a child).
  useEffect(() => {
    if (shouldFocusList.current && disconnecting === null) {
      shouldFocusList.current = false;
      listHeading.current?.focus();
    }
  }, [disconnecting]);

  const onConnected = async (connection: Connection) => {
    const count = connection.calendars.length;
    setMessage(`Connected “${connection.label}”: ${count} calendar${count === 1 ? "" : "s"} found.`);
    queryClient.setQueryData<Connection[]>(CALENDARS_KEY, (current) => [...(current ?? []).filter((item) => item.id !== connection.id), connection]);
    setFocusId(connection.id);
    await queryClient.invalidateQueries({ queryKey: CALENDARS_KEY });
  };

  return (
    <div className="stack calendars">
      <h1>Calendars</h1>
      <p className="muted calendars-intro">
        Connect the calendars you already use. Times they mark busy are left out of every link you host, so nobody books you over a dentist appointment, and new bookings can be
        written into the calendar you choose.
      </p>
      <OAuthOutcome connections={connections.data} onConnected={focusConnection} />
      <p className="success-text live" role="status">
        {message}
      </p>

      <section className="stack" aria-labelledby="connections-heading" aria-busy={connections.isFetching}>
        <h2 id="connections-heading" ref={listHeading} tabIndex={-1}>
          Your calendars
        </h2>
        {connections.isPending ? (
          <ListSkeleton />
        ) : !connections.data ? (
          <ErrorText error={connections.error} />
        ) : items.length === 0 ? (
          <div className="card empty calendars-empty">
            <p>
              <strong>No calendar connected yet.</strong> Your links only know about the bookings made in Convene, so invitees can pick a time you are busy elsewhere.
            </p>
            <p className="muted">Connect your calendar below: its busy times are left out of your links, and new bookings appear in it.</p>
          </div>
        ) : (
          <>
            <ul className="connection-list">
              {items.map((connection) => (
                <li key={connection.id}>
                  <ConnectionCard
                    connection={connection}
                    fetchedAtMs={connections.dataUpdatedAt}
                    timeZone={user.timeZone}
                    shouldFocus={focusId === connection.id}
                    onDisconnect={() => setDisconnecting(connection)}
                  />
                </li>
              ))}
            </ul>
            <DestinationSummary connections={items} />
          </>
        )}
      </section>

      {colleagues.length > 0 ? <TeamConnections connections={colleagues} /> : null}

      <section className="stack" aria-labelledby="add-heading">
        <h2 id="add-heading">Add a calendar</h2>
        <OAuthConnectButtons />
        <div className="connect-forms">
          <CalDavForm onConnected={onConnected} />
          <IcsFeedForm onConnected={onConnected} />
        </div>
      </section>

      <ConfirmDialog
        isOpen={disconnecting !== null}
        onClose={() => setDisconnecting(null)}
        title={`Disconnect “${disconnecting?.label ?? ""}”?`}
        confirmLabel="Disconnect"
        onConfirm={async () => {
          if (!disconnecting) return;
          await unwrap(api.DELETE("/api/v1/calendars/{connectionId}", { params: { path: { connectionId: disconnecting.id } } }));
          setMessage(`Disconnected “${disconnecting.label}”. Its busy times no longer block your links.`);
          queryClient.setQueryData<Connection[]>(CALENDARS_KEY, (current) => (current ?? []).filter((item) => item.id !== disconnecting.id));
          shouldFocusList.current = true;
          await queryClient.invalidateQueries({ queryKey: CALENDARS_KEY });
        }}
      >
        <p>Its busy times stop blocking your links at once. Events Convene already wrote stay in your calendar.</p>
        {disconnecting && disconnecting.calendars.some((calendar) => calendar.isDestination) ? <p>New bookings will no longer be written to any calendar until you choose another.</p> : null}
      </ConfirmDialog>
    </div>
  );
}

/** Where new bookings go, across every connection, with a way to stop writing them anywhere. */
function DestinationSummary({ connections }: { connections: Connection[] }) {
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const [isSaving, setSaving] = useState(false);
  const destination = destinationOf(connections);
  const hasWritable = connections.some((connection) => connection.calendars.some((calendar) => !calendar.readOnly));

  const stopWriting = async () => {
    if (!destination) return;
    setSaving(true);
    setError(null);
    try {
      const updated = await unwrap(
        api.PATCH("/api/v1/calendars/{connectionId}", {
          params: { path: { connectionId: destination.connection.id } },
          body: { calendars: [{ id: destination.calendar.id, isDestination: false }] },
        }),
      );
      queryClient.setQueryData<Connection[]>(CALENDARS_KEY, (current) => (current ?? []).map((item) => (item.id === updated.id ? updated : item)));
    } catch (cause) {
      setError(cause);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="destination-summary">
      {destination ? (
        <>
          <p>
            New bookings are written to <strong>{destination.calendar.name}</strong> <span className="muted">({destination.connection.label})</span>.
          </p>
          <button type="button" className="button small" onClick={stopWriting} disabled={isSaving}>
            {isSaving ? "Saving…" : "Don’t write new bookings to a calendar"}
          </button>
        </>
      ) : (
        <p className="muted">
          {hasWritable
            ? "New bookings are not written to any calendar. Choose one with “New bookings go here”."
            : "These calendars are read-only: new bookings reach you as email invitations."}
        </p>
      )}
      <ErrorText error={error} />
    </div>
  );
}
