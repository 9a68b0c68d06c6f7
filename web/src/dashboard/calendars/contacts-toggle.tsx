// "Add new invitees to my contacts" on a Google or Microsoft connection. The
// account may have been connected without permission to create contacts: the
// server then answers CALENDAR_SCOPE_MISSING with the address that asks for
// it, and the card offers that reconnect instead of an error.
import { useId, useState } from "react";
import { api, ApiProblem, unwrap } from "../../api/client";
import { ErrorText } from "../../components/notice";
import type { Connection } from "./calendar-model";

type Props = { connection: Connection; isDisabled: boolean; onUpdated: (connection: Connection) => void };

export function ContactsToggle({ connection, isDisabled, onUpdated }: Props) {
  const [isSaving, setSaving] = useState(false);
  const [reconnectUrl, setReconnectUrl] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const hintId = useId();
  if (connection.provider !== "google" && connection.provider !== "microsoft") return null;

  const change = async (isOn: boolean) => {
    setSaving(true);
    setError(null);
    setReconnectUrl(null);
    try {
      onUpdated(await unwrap(api.PATCH("/api/v1/calendars/{connectionId}", { params: { path: { connectionId: connection.id } }, body: { createContacts: isOn } })));
    } catch (cause) {
      const url = cause instanceof ApiProblem && cause.code === "CALENDAR_SCOPE_MISSING" ? cause.body.reconnectUrl : null;
      if (typeof url === "string") setReconnectUrl(url);
      else setError(cause);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="contacts-toggle">
      <label className="check">
        <input
          type="checkbox"
          checked={connection.createContacts}
          disabled={isDisabled || isSaving}
          aria-describedby={hintId}
          onChange={(event) => void change(event.target.checked)}
        />
        Add new invitees to my contacts
      </label>
      <p className="muted small" id={hintId}>
        {reconnectUrl ? (
          <span role="alert">
            This account was connected without permission to add contacts.{" "}
            <a className="button small" href={reconnectUrl}>
              Reconnect to allow it
            </a>
          </span>
        ) : (
          "When someone with a new email address books, they are added to this account's contacts."
        )}
      </p>
      <ErrorText error={error} />
    </div>
  );
}
