// Security: change your password (other sessions end), change your sign-in
// email (confirmed from the new mailbox; the pending change is shown until
// then), and your sessions (sign out one, or all the others).
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { api, ApiProblem, unwrap } from "../../api/client";
import { Field } from "../../components/form-field";
import { ErrorText } from "../../components/notice";
import { formatDateTime } from "../../lib/time";
import { useOwner } from "../session";
import { SessionsList } from "./sessions-list";

const MIN_PASSWORD_CHARS = 10;
const PENDING_EMAIL_KEY = ["me", "email"] as const;

/** A problem about the current password as that field's error; anything else for the form. */
function currentPasswordError(error: unknown): string | undefined {
  if (error instanceof ApiProblem && (error.code === "CURRENT_PASSWORD_WRONG" || error.code === "ACCOUNT_LOCKED")) return error.detail;
  return undefined;
}

function ChangePassword() {
  const queryClient = useQueryClient();
  const [currentPassword, setCurrent] = useState("");
  const [newPassword, setNew] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [isBusy, setIsBusy] = useState(false);
  const [message, setMessage] = useState("");
  const tooShort = newPassword.length > 0 && newPassword.length < MIN_PASSWORD_CHARS;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!currentPassword || newPassword.length < MIN_PASSWORD_CHARS) return;
    setIsBusy(true);
    setError(null);
    setMessage("");
    try {
      const { sessionsEnded } = await unwrap(api.POST("/api/v1/me/password", { body: { currentPassword, newPassword } }));
      setCurrent("");
      setNew("");
      setMessage(sessionsEnded > 0 ? `Password changed. ${sessionsEnded} other session${sessionsEnded === 1 ? " was" : "s were"} signed out.` : "Password changed.");
      await queryClient.invalidateQueries({ queryKey: ["me", "sessions"] });
    } catch (cause) {
      setError(cause);
    } finally {
      setIsBusy(false);
    }
  };

  return (
    <form className="stack" onSubmit={submit} noValidate aria-labelledby="password-heading">
      <h3 id="password-heading">Password</h3>
      <Field name="currentPassword" label="Current password" error={currentPasswordError(error)}>
        {(control) => <input {...control} type="password" value={currentPassword} autoComplete="current-password" maxLength={256} onChange={(event) => setCurrent(event.target.value)} />}
      </Field>
      <Field name="newPassword" label="New password" hint={`At least ${MIN_PASSWORD_CHARS} characters. Your other sessions are signed out.`} error={tooShort ? `Use at least ${MIN_PASSWORD_CHARS} characters.` : undefined}>
        {(control) => <input {...control} type="password" value={newPassword} autoComplete="new-password" maxLength={256} onChange={(event) => setNew(event.target.value)} />}
      </Field>
      {error && !currentPasswordError(error) ? <ErrorText error={error} /> : null}
      <div className="row">
        <button type="submit" className="button primary" disabled={isBusy || !currentPassword || newPassword.length < MIN_PASSWORD_CHARS}>
          {isBusy ? "Changing…" : "Change password"}
        </button>
        <span className="success-text" role="status">
          {message}
        </span>
      </div>
    </form>
  );
}

function ChangeEmail() {
  const { user } = useOwner();
  const queryClient = useQueryClient();
  const pending = useQuery({ queryKey: PENDING_EMAIL_KEY, queryFn: async () => (await unwrap(api.GET("/api/v1/me/email"))).pending });
  const [newEmail, setNewEmail] = useState("");
  const [currentPassword, setCurrent] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [isBusy, setIsBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!newEmail.trim() || !currentPassword) return;
    setIsBusy(true);
    setError(null);
    try {
      const answer = await unwrap(api.POST("/api/v1/me/email", { body: { newEmail: newEmail.trim(), currentPassword } }));
      queryClient.setQueryData(PENDING_EMAIL_KEY, answer.pending);
      setNewEmail("");
      setCurrent("");
    } catch (cause) {
      setError(cause);
    } finally {
      setIsBusy(false);
    }
  };

  const emailError = error instanceof ApiProblem && (error.code === "EMAIL_TAKEN" || error.code === "VALIDATION_FAILED") ? error.detail : undefined;
  return (
    <form className="stack" onSubmit={submit} noValidate aria-labelledby="email-heading">
      <h3 id="email-heading">Email</h3>
      <p className="muted small">
        You sign in with <strong>{user.email}</strong>. A new address takes effect once you open the link we mail to it.
      </p>
      {pending.data ? (
        <p className="notice notice-warning pending-email" role="status">
          Waiting for confirmation: open the link sent to <strong>{pending.data.newEmail}</strong> before {formatDateTime(pending.data.expiresAt, user.timeZone)}.
        </p>
      ) : null}
      <Field name="newEmail" label="New email" error={emailError}>
        {(control) => <input {...control} type="email" value={newEmail} autoComplete="email" maxLength={254} onChange={(event) => setNewEmail(event.target.value)} />}
      </Field>
      <Field name="emailCurrentPassword" label="Current password" error={currentPasswordError(error)}>
        {(control) => <input {...control} type="password" value={currentPassword} autoComplete="current-password" maxLength={256} onChange={(event) => setCurrent(event.target.value)} />}
      </Field>
      {error && !emailError && !currentPasswordError(error) ? <ErrorText error={error} /> : null}
      <div className="row">
        <button type="submit" className="button primary" disabled={isBusy || !newEmail.trim() || !currentPassword}>
          {isBusy ? "Sending…" : "Send confirmation link"}
        </button>
      </div>
    </form>
  );
}

export function SecurityCard() {
  return (
    <section className="card stack security" aria-labelledby="security-heading">
      <h2 id="security-heading">Security</h2>
      <ChangePassword />
      <ChangeEmail />
      <SessionsList />
    </section>
  );
}
